// Every error @hwmeeting/events throws, rejects with or reports (to an `onError` or an `error` event), in one
// place: each has a stable `code` from one table, so callers branch on the code, never on the message.
import { formatCursor, type StreamPosition } from './log/position.js';

/** Stable codes of every error the events package makes; each names what went wrong. */
export const EventsErrorCode = {
  /** An option or argument is out of range or of the wrong shape; nothing was started. */
  INVALID_OPTION: 'INVALID_OPTION',
  /** An event handed to a pub/sub cannot be written as JSON (a bigint, `undefined`, a cycle). */
  EVENT_NOT_SERIALISABLE: 'EVENT_NOT_SERIALISABLE',
  /** The object was closed (or stopped) and cannot be used again; create a new one. */
  CLOSED: 'CLOSED',
  /** A resume cursor is beyond the newest event of the meeting's stream: a client's mistake. */
  CURSOR_AHEAD: 'CURSOR_AHEAD',
  /** A log append or checkpoint was made with a lease another holder has taken over. */
  LEASE_LOST: 'LEASE_LOST',
  /** A stored log entry, checkpoint or head in Redis is not valid; it was ignored. */
  LOG_DATA_CORRUPT: 'LOG_DATA_CORRUPT',
  /** Redis aborted a transaction (MULTI/EXEC answered nothing). */
  REDIS_TRANSACTION_ABORTED: 'REDIS_TRANSACTION_ABORTED',
  /** A subscription fell more than its buffer behind under the `close` overflow policy and was ended. */
  PUBSUB_OVERFLOW: 'PUBSUB_OVERFLOW',
  /** A message on a Redis pub/sub channel is not JSON; it was skipped. */
  PUBSUB_MESSAGE_MALFORMED: 'PUBSUB_MESSAGE_MALFORMED',
  /** The Redis webhook de-duplication store is not connected; the delivery is refused with 503. */
  DEDUPE_STORE_UNAVAILABLE: 'DEDUPE_STORE_UNAVAILABLE',
  /** The subscriber could not get its control or WebSocket token (`upstreamCode`: the client's code). */
  SUBSCRIBER_TOKEN_FAILED: 'SUBSCRIBER_TOKEN_FAILED',
  /** The subscriber's socket could not be opened or failed. */
  SUBSCRIBER_SOCKET_FAILED: 'SUBSCRIBER_SOCKET_FAILED',
  /** The meeting server refused the Subscribe (`upstreamCode`: its `returnCode`). */
  SUBSCRIBE_REFUSED: 'SUBSCRIBE_REFUSED',
  /** The subscriber cannot work as configured (for example no WebSocket implementation). */
  SUBSCRIBER_CONFIG: 'SUBSCRIBER_CONFIG',
  /** The subscriber gave up after `maxReconnects` reconnects without a successful Subscribe. */
  SUBSCRIBER_GAVE_UP: 'SUBSCRIBER_GAVE_UP',
} as const;

/** One of the {@link EventsErrorCode} values. */
export type EventsErrorCode = (typeof EventsErrorCode)[keyof typeof EventsErrorCode];

/** The base of the package's errors (except the option and serialisation ones, which keep their built-in kind). */
export class EventsError extends Error {
  override readonly name: string = 'EventsError';
  readonly code: EventsErrorCode;

  constructor(code: EventsErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}

/** An option or argument the package refuses; `field` names it. A RangeError, as before codes existed. */
export class InvalidOptionError extends RangeError {
  override readonly name = 'InvalidOptionError';
  readonly code = EventsErrorCode.INVALID_OPTION;

  constructor(
    /** The option or argument at fault, e.g. `bufferSize`. */
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** An event a pub/sub cannot write as JSON. A TypeError, as JSON.stringify's own refusal is. */
export class EventNotSerialisableError extends TypeError {
  override readonly name = 'EventNotSerialisableError';
  readonly code = EventsErrorCode.EVENT_NOT_SERIALISABLE;

  constructor(
    /** The topic it was published on. */
    readonly topic: string,
    cause?: unknown,
  ) {
    super(`event on ${topic} is not JSON-serialisable`, cause === undefined ? undefined : { cause });
  }
}

/**
 * A resume position of the stream's current epoch beyond its newest event: no watcher was ever handed it, so it
 * is a client's mistake (made up, or altered), not an old position. Refused rather than waited on: the stream
 * would otherwise stay silent until it got that far.
 */
export class CursorAheadError extends EventsError {
  override readonly name = 'CursorAheadError';
  declare readonly code: typeof EventsErrorCode.CURSOR_AHEAD;

  constructor(
    readonly conferenceID: string,
    readonly position: StreamPosition,
    readonly head: StreamPosition | undefined,
  ) {
    super(
      EventsErrorCode.CURSOR_AHEAD,
      `cursor ${formatCursor(position)} is ahead of meeting ${conferenceID}'s stream (newest ${
        head ? formatCursor(head) : 'none'
      })`,
    );
  }
}

/** Thrown by a log append or checkpoint made with a lease that is no longer the meeting's current one. */
export class LeaseLostError extends EventsError {
  override readonly name = 'LeaseLostError';
  declare readonly code: typeof EventsErrorCode.LEASE_LOST;

  constructor(readonly conferenceID: string) {
    super(
      EventsErrorCode.LEASE_LOST,
      `the upstream lease of meeting ${conferenceID} is held by another replica`,
    );
  }
}

/** Why a stored entry, checkpoint or head was refused. */
export class CorruptLogDataError extends EventsError {
  override readonly name = 'CorruptLogDataError';
  declare readonly code: typeof EventsErrorCode.LOG_DATA_CORRUPT;

  constructor(
    readonly conferenceID: string,
    what: string,
    reason: string,
  ) {
    super(
      EventsErrorCode.LOG_DATA_CORRUPT,
      `meeting ${conferenceID}: ${what} in Redis is not valid (${reason}); ignored`,
    );
  }
}

/** Thrown by `next()` of a subscription that the `close` overflow policy ended. */
export class PubSubOverflowError extends EventsError {
  override readonly name = 'PubSubOverflowError';
  declare readonly code: typeof EventsErrorCode.PUBSUB_OVERFLOW;

  constructor(
    /** The topic of the subscription. */
    readonly topic: string,
    /** Its buffer size. */
    readonly bufferSize: number,
  ) {
    super(
      EventsErrorCode.PUBSUB_OVERFLOW,
      `subscriber of ${topic} fell ${bufferSize} events behind and was closed`,
    );
  }
}

/** A message on a subscribed channel that is not JSON; reported to `onError` and skipped. */
export class RedisPubSubMessageError extends EventsError {
  override readonly name = 'RedisPubSubMessageError';
  declare readonly code: typeof EventsErrorCode.PUBSUB_MESSAGE_MALFORMED;

  constructor(
    /** The channel it came on. */
    readonly channel: string,
    cause: unknown,
  ) {
    super(EventsErrorCode.PUBSUB_MESSAGE_MALFORMED, `message on ${channel} is not JSON and was skipped`, {
      cause,
    });
  }
}

/** Redis is not connected: the delivery is refused (503) at once rather than after ioredis's retries. */
export class DedupeStoreUnavailableError extends EventsError {
  override readonly name = 'DedupeStoreUnavailableError';
  declare readonly code: typeof EventsErrorCode.DEDUPE_STORE_UNAVAILABLE;

  constructor(
    /** The connection's status. */
    readonly status: string,
  ) {
    super(
      EventsErrorCode.DEDUPE_STORE_UNAVAILABLE,
      `Redis de-duplication store unavailable (connection ${status})`,
    );
  }
}

/** What went wrong, in a {@link MeetingSubscriberError}. */
export type SubscriberErrorKind = 'token' | 'socket' | 'subscribe-refused' | 'config' | 'gave-up';

const SUBSCRIBER_CODES = {
  token: EventsErrorCode.SUBSCRIBER_TOKEN_FAILED,
  socket: EventsErrorCode.SUBSCRIBER_SOCKET_FAILED,
  'subscribe-refused': EventsErrorCode.SUBSCRIBE_REFUSED,
  config: EventsErrorCode.SUBSCRIBER_CONFIG,
  'gave-up': EventsErrorCode.SUBSCRIBER_GAVE_UP,
} as const satisfies Record<SubscriberErrorKind, EventsErrorCode>;

/** An error of the subscriber (its `error` event); its message never contains a token. */
export class MeetingSubscriberError extends EventsError {
  override readonly name = 'MeetingSubscriberError';
  readonly kind: SubscriberErrorKind;
  declare readonly code: (typeof SUBSCRIBER_CODES)[SubscriberErrorKind];
  /** For `subscribe-refused`: the answer's `returnCode`. For `token`: the client's error code. */
  readonly upstreamCode: string | undefined;

  constructor(
    kind: SubscriberErrorKind,
    message: string,
    options: { upstreamCode?: string; cause?: unknown } = {},
  ) {
    super(SUBSCRIBER_CODES[kind], message, options);
    this.kind = kind;
    this.upstreamCode = options.upstreamCode;
  }
}
