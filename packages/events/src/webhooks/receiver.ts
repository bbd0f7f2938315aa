/**
 * The receiving end of the enterprise webhook (control-and-push.md C.2-C.6), framework-neutral: raw body in,
 * answer out. It answers `meeting.verify`, checks the signature over the bytes the sender signed in constant
 * time, refuses replayed nonces and stale timestamps, drops retried deliveries it has already taken, and hands
 * typed events to the application only after the answer is made, so a slow or failing handler never delays or
 * breaks the answer.
 *
 * Freshness (published-behaviour.md §6, UNVERIFIED: whether a retry is re-signed with a new timestamp is not
 * published, so a receiver must not lose a retry either way): a delivery is accepted while its timestamp is at
 * most `maxAgeMs` (25 h: the sender's 24 h retry horizon and an hour to spare) old and at most `maxSkewMs`
 * ahead, provided its nonce has not been seen; a seen nonce is refused. Nonces are remembered for as long as
 * their delivery could still be accepted, so an old delivery cannot be replayed.
 *
 * Answers: 200 for an accepted, duplicate or verify delivery (verify with `{"event":"meeting.verify","nonce"}`);
 * 400 for a body that is not JSON or lacks a field (the message names it); 401 for an unknown subscriber, a
 * signature that does not match, a timestamp older than `maxAgeMs` or more than `maxSkewMs` ahead, or a nonce
 * already seen (a stale or replayed delivery is refused like a forged one: its signature proves it was once
 * sent, not that it is sent now); 413 for a body over `maxBodyBytes`; 503 when the de-duplication store fails
 * (the sender retries; the delivery is neither taken nor lost).
 *
 * A body nested deeper than `maxDepth` is never parsed (recursive validation would overflow the stack): its
 * signature is checked over the raw text of its envelope first, so an unsigned one is a 401 like any forgery,
 * and a correctly signed one is refused with 400 `too-deep`.
 */
import type { z } from 'zod';
import { nestsDeeperThan, rawEnvelope } from './envelope.js';
import {
  type EventInfo,
  eventInfoSchema,
  type WebhookAttendeeInfo,
  type WebhookEventName,
  type WebhookMeetingInfo,
  webhookBodySchema,
} from './schema.js';
import { rawJsonValue, sameSignature, webhookSignature } from './signature.js';

/** One subscriber: the `appID` of its callbacks and its key (`subscriberKey`). */
export interface WebhookSubscriber {
  appID: string;
  appKey: string;
}

/** Finds the key of a subscriber by `appID`; undefined refuses the delivery. */
export type WebhookKeyLookup = (appID: string) => string | undefined;

/** Event names that carry only `meetingInfo`. */
export type MeetingOnlyEventName = Exclude<
  WebhookEventName,
  'meeting.verify' | 'meeting.join' | 'meeting.left'
>;

/** What every delivered event carries besides its payload. */
interface WebhookEventBase {
  /** Subscriber ID of the delivery. */
  appID: string;
  /** Nonce of the delivery (a retry has a fresh one; a nonce seen before is refused). */
  nonce: string;
  /** When the delivery was sent, epoch ms. */
  sentAt: number;
  /** When the event happened (`eventInfo.timestamp`), epoch ms. */
  timestamp: number;
  /** The signed `eventInfo` as parsed, unknown fields included. */
  eventInfo: EventInfo;
}

/** A verified webhook event, discriminated on `event` with the published names. */
export type WebhookEvent =
  | (WebhookEventBase & { event: 'meeting.verify' })
  | (WebhookEventBase & { event: MeetingOnlyEventName; meeting: WebhookMeetingInfo })
  | (WebhookEventBase & {
      event: 'meeting.join' | 'meeting.left';
      meeting: WebhookMeetingInfo;
      attendee: WebhookAttendeeInfo;
    })
  | (WebhookEventBase & {
      /** An event of a name not published, or of a published name without the payload its type needs. */
      event: 'raw';
      name: string;
    });

/** Why a delivery was refused. */
export type WebhookRefusalReason =
  | 'too-large'
  | 'too-deep'
  | 'not-json'
  | 'invalid-body'
  | 'unknown-subscriber'
  | 'bad-signature'
  | 'stale'
  | 'replayed';

/** A refused delivery, as reported to `onRefused`. */
export interface WebhookRefusal {
  reason: WebhookRefusalReason;
  status: number;
  message: string;
  /** The claimed subscriber, when the body named one. */
  appID?: string | undefined;
}

/** What the receiver counted since it was made. */
export interface WebhookReceiverStats {
  received: number;
  /** Deliveries accepted and handed to `onEvent` (verify included). */
  accepted: number;
  /** Retried deliveries answered 200 without emitting again. */
  duplicates: number;
  /** Refusals by reason. */
  refused: Record<WebhookRefusalReason, number>;
  /** Errors thrown (or rejected) by `onEvent` and `onRefused`. */
  handlerErrors: number;
  /** Failures of the de-duplication store, each answered 503. */
  dedupeErrors: number;
}

/**
 * Where the receiver remembers the events it took, to drop their retries. The default is in memory, per
 * process; replicas behind one load balancer share one (e.g. `RedisDedupeStore` from `@hwmeeting/events/redis`)
 * so a retry landing on another replica is still recognised.
 */
export interface DedupeStore {
  /**
   * Remembers the key for `ttlMs` unless it is remembered already; answers whether it was new. May answer at
   * once or later; throwing or rejecting refuses the delivery with 503, so the sender retries it.
   */
  addIfNew(key: string, ttlMs: number): boolean | Promise<boolean>;
}

/** A {@link DedupeStore} that answers at once, which keeps `handle` synchronous. */
export interface SyncDedupeStore extends DedupeStore {
  addIfNew(key: string, ttlMs: number): boolean;
}

/** Options of {@link MemoryDedupeStore}. */
export interface MemoryDedupeStoreOptions {
  /** Most keys remembered at once; the oldest are forgotten first (default 10,000). */
  size?: number | undefined;
  /** Clock, epoch ms (default `Date.now`). */
  now?: (() => number) | undefined;
}

/** Options of {@link createWebhookReceiver}; `Store` is the type of its de-duplication store. */
export interface WebhookReceiverOptions<Store extends DedupeStore = SyncDedupeStore> {
  /** The subscribers whose deliveries are accepted, or a lookup of a key by `appID`. */
  subscribers: readonly WebhookSubscriber[] | WebhookKeyLookup;
  /** How far a delivery's `timestamp` may be ahead of now (clocks drift), ms (default 5 minutes). */
  maxSkewMs?: number | undefined;
  /**
   * How old a delivery's `timestamp` may be when its nonce is unseen, ms (default 25 h: the sender retries for
   * 24 h, and may keep the first attempt's timestamp). UNVERIFIED (published-behaviour.md §6).
   */
  maxAgeMs?: number | undefined;
  /**
   * How long a delivered event is remembered to drop its retries, ms (default 25 h). A nonce is remembered this
   * long too, and never less than `maxAgeMs` + `maxSkewMs`: while its delivery could be accepted.
   */
  dedupeWindowMs?: number | undefined;
  /**
   * Most keys remembered at once by the default store (each delivery takes two: its nonce and its event); the
   * oldest are forgotten first (default 10,000).
   */
  dedupeSize?: number | undefined;
  /**
   * Where delivered events are remembered (default: a {@link MemoryDedupeStore} of `dedupeSize` keys on the
   * receiver's clock). With a store that answers later, `handle` answers later too.
   */
  dedupe?: Store | undefined;
  /** Largest body accepted, bytes (default 1 MiB). */
  maxBodyBytes?: number | undefined;
  /** Deepest nesting of arrays and objects accepted (default 32; published deliveries nest 4 levels). */
  maxDepth?: number | undefined;
  /** Clock, epoch ms (default `Date.now`). */
  now?: (() => number) | undefined;
  /** Called with each verified, new event, after the answer. May be async; it never delays an answer. */
  onEvent: (event: WebhookEvent) => void | Promise<void>;
  /** Called with each refused delivery, after the answer. */
  onRefused?: ((refusal: WebhookRefusal) => void) | undefined;
  /**
   * Called with what `onEvent` or `onRefused` threw and with failures of the de-duplication store (default: a
   * process warning, so it is never lost).
   */
  onError?:
    | ((error: unknown, context: { event?: WebhookEvent; refusal?: WebhookRefusal }) => void)
    | undefined;
}

/** A delivery as the HTTP framework got it. */
export interface WebhookRequest {
  /** The body exactly as received. */
  rawBody: string | Buffer;
  /** Request headers (unused by the check, which needs only the body; kept for logging and future checks). */
  headers?: Record<string, string | string[] | undefined> | undefined;
}

/** The answer to send back, as it is. */
export interface WebhookAnswer {
  status: number;
  headers: Record<string, string>;
  /** JSON text, or empty. */
  body: string;
}

/** What `handle` returns with a given store: the answer itself with a synchronous store, else maybe a promise. */
export type WebhookAnswerOf<Store extends DedupeStore> = Store extends SyncDedupeStore
  ? WebhookAnswer
  : WebhookAnswer | Promise<WebhookAnswer>;

/**
 * A webhook receiver: `handle` answers a delivery; `stats` counts what it did. `Answer` is `WebhookAnswer` with
 * the default or another synchronous de-duplication store; with a store that may answer later (Redis) `handle`
 * may return a promise of the answer, so await it.
 */
export interface WebhookReceiver<Answer extends WebhookAnswer | Promise<WebhookAnswer> = WebhookAnswer> {
  /** Checks one delivery and answers it; never throws (or rejects), never waits for the application. */
  handle(request: WebhookRequest): Answer;
  /** Counters since the receiver was made. */
  stats(): WebhookReceiverStats;
}

const DEFAULT_MAX_SKEW_MS = 5 * 60_000;
/** The sender retries for 24 h; an hour more covers clock drift and the last attempt's own delay. */
const DEFAULT_MAX_AGE_MS = 25 * 3_600_000;
const DEFAULT_DEDUPE_WINDOW_MS = 25 * 3_600_000;
const DEFAULT_DEDUPE_SIZE = 10_000;
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_MAX_DEPTH = 32;
const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8' };

/**
 * The default {@link DedupeStore}: remembers keys in this process, in insertion order, never more than `size`
 * of them. Expired keys are swept from the oldest on, which assumes one TTL for all (the receiver passes its
 * `dedupeWindowMs`); a key is never taken for remembered after its own TTL in any case.
 */
export class MemoryDedupeStore implements SyncDedupeStore {
  private readonly entries = new Map<string, number>();
  private readonly size: number;
  private readonly now: () => number;

  /** A store of at most `size` keys on the given clock. */
  constructor(options: MemoryDedupeStoreOptions = {}) {
    this.size = options.size ?? DEFAULT_DEDUPE_SIZE;
    this.now = options.now ?? Date.now;
  }

  addIfNew(key: string, ttlMs: number): boolean {
    const now = this.now();
    for (const [oldest, expiresAt] of this.entries) {
      if (expiresAt > now) break;
      this.entries.delete(oldest);
    }
    const expiresAt = this.entries.get(key);
    if (expiresAt !== undefined && expiresAt > now) return false;
    this.entries.delete(key);
    this.entries.set(key, now + ttlMs);
    while (this.entries.size > this.size) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return true;
  }
}

/** A JSON object text's top-level value, parsed, or undefined. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function fieldOf(error: z.ZodError): string {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') || 'body';
  return `${field}: ${issue?.message ?? 'invalid'}`;
}

/** The typed view of a verified eventInfo. */
function typedEvent(base: WebhookEventBase): WebhookEvent {
  const { eventInfo } = base;
  const name = eventInfo.event;
  const meeting = eventInfo.payload?.meetingInfo;
  const attendee = eventInfo.payload?.attendeeInfo;
  switch (name) {
    case 'meeting.verify':
      return { ...base, event: name };
    case 'meeting.join':
    case 'meeting.left':
      if (meeting && attendee) return { ...base, event: name, meeting, attendee };
      break;
    case 'meeting.started':
    case 'meeting.end':
    case 'meeting.conclude':
    case 'record.finish':
    case 'meeting.create':
    case 'meeting.modify':
    case 'meeting.cancel':
      if (meeting) return { ...base, event: name, meeting };
      break;
  }
  return { ...base, event: 'raw', name };
}

/** The key under which a delivery's nonce is remembered, per subscriber (a replay reuses it). */
function nonceKey(appID: string, nonce: string): string {
  return JSON.stringify(['nonce', appID, nonce]);
}

/** The key under which a delivery's retries are recognised (C.6 suggestion, per subscriber). */
function dedupeKey(appID: string, eventInfo: EventInfo): string {
  const meeting = eventInfo.payload?.meetingInfo;
  return JSON.stringify([
    appID,
    eventInfo.event,
    meeting?.meetingUUID ?? meeting?.meetingID ?? '',
    eventInfo.payload?.attendeeInfo?.participantID ?? '',
    eventInfo.timestamp,
  ]);
}

/** A promise-like value, told apart from a plain answer of a store. */
function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * Makes a webhook receiver. Wire it to any HTTP framework: pass the raw body (not a re-serialised one, or the
 * signature cannot be checked over what was signed) and send back the answer as it is. With the default or a
 * synchronous de-duplication store `handle` answers at once; with one that may answer later, await it.
 */
export function createWebhookReceiver<Store extends DedupeStore = SyncDedupeStore>(
  options: WebhookReceiverOptions<Store>,
): WebhookReceiver<WebhookAnswerOf<Store>> {
  const lookup: WebhookKeyLookup =
    typeof options.subscribers === 'function'
      ? options.subscribers
      : (() => {
          const keys = new Map(options.subscribers.map((s) => [s.appID, s.appKey]));
          return (appID: string) => keys.get(appID);
        })();
  const maxSkewMs = options.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  const maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const now = options.now ?? Date.now;
  const dedupeWindowMs = options.dedupeWindowMs ?? DEFAULT_DEDUPE_WINDOW_MS;
  // A nonce is kept while its delivery could still be accepted: a timestamp up to maxSkewMs ahead at arrival
  // stays acceptable until it is maxAgeMs old.
  const nonceWindowMs = Math.max(dedupeWindowMs, maxAgeMs + maxSkewMs);
  const seen: DedupeStore =
    options.dedupe ?? new MemoryDedupeStore({ size: options.dedupeSize ?? DEFAULT_DEDUPE_SIZE, now });
  const onError =
    options.onError ??
    ((error: unknown) => {
      process.emitWarning(error instanceof Error ? error : new Error(String(error)), 'WebhookHandlerError');
    });
  const counters: WebhookReceiverStats = {
    received: 0,
    accepted: 0,
    duplicates: 0,
    refused: {
      'too-large': 0,
      'too-deep': 0,
      'not-json': 0,
      'invalid-body': 0,
      'unknown-subscriber': 0,
      'bad-signature': 0,
      stale: 0,
      replayed: 0,
    },
    handlerErrors: 0,
    dedupeErrors: 0,
  };

  /** Runs application code after the answer, reporting what it throws or rejects with. */
  const later = (run: () => unknown, context: { event?: WebhookEvent; refusal?: WebhookRefusal }) => {
    const report = (error: unknown) => {
      counters.handlerErrors++;
      try {
        onError(error, context);
      } catch {
        // onError itself failed: nothing further can report it.
      }
    };
    setImmediate(() => {
      try {
        const result = run();
        if (result instanceof Promise) result.catch(report);
      } catch (error) {
        report(error);
      }
    });
  };

  const refuse = (
    reason: WebhookRefusalReason,
    status: number,
    message: string,
    appID?: string,
  ): WebhookAnswer => {
    counters.refused[reason]++;
    const refusal: WebhookRefusal = { reason, status, message, appID };
    const onRefused = options.onRefused;
    if (onRefused) later(() => onRefused(refusal), { refusal });
    return { status, headers: JSON_HEADERS, body: JSON.stringify({ error: reason, message }) };
  };

  /** Takes a new event (answers 200 and emits it after the answer) or drops a retry of one (answers 200). */
  const decide = (isNew: boolean, event: WebhookEvent): WebhookAnswer => {
    if (!isNew) {
      counters.duplicates++;
      return { status: 200, headers: {}, body: '' };
    }
    counters.accepted++;
    later(() => options.onEvent(event), { event });
    return { status: 200, headers: {}, body: '' };
  };

  /** A delivery whose nonce was seen before is a replay: refused, and its event is not looked at. */
  const replayed = (appID: string): WebhookAnswer =>
    refuse('replayed', 401, 'nonce: already seen (a replayed delivery)', appID);

  /** The store failed: neither taken nor dropped, the delivery is refused so the sender retries it. */
  const storeFailed = (error: unknown, event: WebhookEvent): WebhookAnswer => {
    counters.dedupeErrors++;
    try {
      onError(error, { event });
    } catch {
      // onError itself failed: nothing further can report it.
    }
    return { status: 503, headers: JSON_HEADERS, body: '{"error":"unavailable"}' };
  };

  /**
   * A body too deep to parse: answered from its envelope's raw text. Only the signature over the raw eventInfo
   * counts here (its re-serialisation would need the parse).
   */
  const tooDeep = (text: string): WebhookAnswer => {
    const envelope = rawEnvelope(text);
    const { appID, timestamp, nonce, signature, eventInfoJson } = envelope;
    const appKey = appID === undefined ? undefined : lookup(appID);
    if (appID !== undefined && appKey === undefined)
      return refuse('unknown-subscriber', 401, 'appID: unknown subscriber', appID);
    const signed =
      appID !== undefined &&
      appKey !== undefined &&
      timestamp !== undefined &&
      nonce !== undefined &&
      signature !== undefined &&
      eventInfoJson !== undefined &&
      sameSignature(webhookSignature({ appID, timestamp, nonce, eventInfoJson }, appKey), signature);
    if (!signed) return refuse('bad-signature', 401, 'signature: missing or does not match', appID);
    return refuse('too-deep', 400, `body: nested deeper than ${maxDepth} levels`, appID);
  };

  const handle = (request: WebhookRequest): WebhookAnswer | Promise<WebhookAnswer> => {
    counters.received++;
    const { rawBody } = request;
    const size = typeof rawBody === 'string' ? Buffer.byteLength(rawBody) : rawBody.length;
    if (size > maxBodyBytes) return refuse('too-large', 413, `body: larger than ${maxBodyBytes} bytes`);
    const text = typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8');
    if (nestsDeeperThan(text, maxDepth)) return tooDeep(text);
    const json = parseJson(text);
    if (json === undefined) return refuse('not-json', 400, 'body: not valid JSON');
    const parsed = webhookBodySchema.safeParse(json);
    if (!parsed.success) return refuse('invalid-body', 400, fieldOf(parsed.error));
    const body = parsed.data;
    const appKey = lookup(body.appID);
    if (appKey === undefined)
      return refuse('unknown-subscriber', 401, 'appID: unknown subscriber', body.appID);

    // The bytes the sender signed first; then the re-serialisation, for senders whose spacing differs.
    const signed = (eventInfoJson: string) =>
      sameSignature(
        webhookSignature(
          { appID: body.appID, timestamp: body.timestamp, nonce: body.nonce, eventInfoJson },
          appKey,
        ),
        body.signature,
      );
    const raw = rawJsonValue(text, 'eventInfo');
    let eventInfo: EventInfo | undefined;
    if (raw !== undefined && signed(raw)) {
      // The signed text is what counts: a body repeating the key cannot slip in an unsigned eventInfo.
      const own = eventInfoSchema.safeParse(parseJson(raw));
      eventInfo = own.success ? own.data : undefined;
    } else if (signed(JSON.stringify((json as { eventInfo: unknown }).eventInfo))) {
      eventInfo = body.eventInfo;
    }
    if (eventInfo === undefined) return refuse('bad-signature', 401, 'signature: does not match', body.appID);

    const age = now() - body.timestamp;
    if (!(age <= maxAgeMs)) {
      return refuse('stale', 401, `timestamp: more than ${maxAgeMs} ms old`, body.appID);
    }
    if (!(-age <= maxSkewMs)) {
      return refuse('stale', 401, `timestamp: more than ${maxSkewMs} ms ahead of now`, body.appID);
    }

    const event = typedEvent({
      appID: body.appID,
      nonce: body.nonce,
      sentAt: body.timestamp,
      timestamp: eventInfo.timestamp,
      eventInfo,
    });
    if (event.event === 'meeting.verify') {
      // Never de-duplicated: each enabling must get its nonce back.
      counters.accepted++;
      later(() => options.onEvent(event), { event });
      return {
        status: 200,
        headers: JSON_HEADERS,
        body: JSON.stringify({ event: 'meeting.verify', nonce: body.nonce }),
      };
    }
    // First the nonce (a replay is refused), then the event (a retry with a fresh nonce is dropped). Each step
    // answers at once with a synchronous store, so `handle` stays synchronous with one. A store failing between
    // the two answers 503 with the nonce already kept: a sender that resent that very envelope (rather than a
    // fresh one, as the simulator does) would then be refused; two separate keys cannot be set atomically through
    // the DedupeStore interface.
    const withEvent = (): WebhookAnswer | Promise<WebhookAnswer> =>
      step(seen, dedupeKey(body.appID, eventInfo), dedupeWindowMs, event, (fresh) => decide(fresh, event));
    return step(seen, nonceKey(body.appID, body.nonce), nonceWindowMs, event, (fresh) =>
      fresh ? withEvent() : replayed(body.appID),
    );
  };

  /** Asks the store whether `key` is new and goes on with `next`; a failing store answers 503. */
  const step = (
    store: DedupeStore,
    key: string,
    ttlMs: number,
    event: WebhookEvent,
    next: (fresh: boolean) => WebhookAnswer | Promise<WebhookAnswer>,
  ): WebhookAnswer | Promise<WebhookAnswer> => {
    let fresh: boolean | PromiseLike<boolean>;
    try {
      fresh = store.addIfNew(key, ttlMs);
    } catch (error) {
      return storeFailed(error, event);
    }
    if (!isThenable(fresh)) return next(fresh);
    return Promise.resolve(fresh).then(next, (error: unknown) => storeFailed(error, event));
  };

  const receiver: WebhookReceiver<WebhookAnswer | Promise<WebhookAnswer>> = {
    handle: (request) => {
      try {
        return handle(request);
      } catch (error) {
        // A bug of ours, not of the sender: answer 500 (the sender retries) and report it.
        counters.handlerErrors++;
        onError(error, {});
        return { status: 500, headers: JSON_HEADERS, body: '{"error":"internal"}' };
      }
    },
    stats: () => ({ ...counters, refused: { ...counters.refused } }),
  };
  // `handle` returns a promise only when the store answered with one, which a SyncDedupeStore never does.
  return receiver as WebhookReceiver<WebhookAnswerOf<Store>>;
}
