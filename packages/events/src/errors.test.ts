import { describe, expect, it } from 'vitest';
import * as errors from './errors.js';
import {
  CorruptLogDataError,
  CursorAheadError,
  DedupeStoreUnavailableError,
  EventNotSerialisableError,
  EventsError,
  EventsErrorCode,
  InvalidOptionError,
  LeaseLostError,
  MeetingSubscriberError,
  PubSubOverflowError,
  RedisPubSubMessageError,
} from './errors.js';
import { MeetingStreams } from './streams/meetingStreams.js';
import type { SubscriberClient } from './subscriber.js';

/** One instance of every error class, as the package makes them. */
const made: Error[] = [
  new InvalidOptionError('bufferSize', 'bufferSize must be an integer >= 1, got 0'),
  new EventNotSerialisableError('meeting:1'),
  new CursorAheadError('1', { epoch: 'e', seq: 9 }, { epoch: 'e', seq: 2 }),
  new LeaseLostError('1'),
  new CorruptLogDataError('1', 'a log entry', 'not a stream entry'),
  new PubSubOverflowError('meeting:1', 4),
  new RedisPubSubMessageError('hwm:meeting:1', new SyntaxError('x')),
  new DedupeStoreUnavailableError('reconnecting'),
  ...(['token', 'socket', 'subscribe-refused', 'config', 'gave-up'] as const).map(
    (kind) => new MeetingSubscriberError(kind, kind),
  ),
  new EventsError(EventsErrorCode.CLOSED, 'closed'),
];

describe('EventsErrorCode', () => {
  it('names each code by itself', () => {
    for (const [key, code] of Object.entries(EventsErrorCode)) expect(code).toBe(key);
  });

  it('is the code of every error class, and every code is made by one', () => {
    const classes = Object.values(errors as Record<string, unknown>).filter(
      (value) => typeof value === 'function' && (value as { prototype?: unknown }).prototype instanceof Error,
    );
    // Every exported class is instantiated above (a new class must be added there, with its code).
    expect(classes.filter((cls) => !made.some((error) => error.constructor === cls))).toEqual([]);
    const codes = new Set(Object.values(EventsErrorCode));
    for (const error of made) {
      expect(codes, error.name).toContain((error as { code?: unknown }).code);
      expect(error.name).toBe(error.constructor.name);
    }
    // The one code not made above: a Redis MULTI that answers nothing, which a test cannot provoke.
    const unmade = [...codes].filter(
      (code) => !made.some((error) => (error as { code?: unknown }).code === code),
    );
    expect(unmade).toEqual([EventsErrorCode.REDIS_TRANSACTION_ABORTED]);
  });

  it('keeps the built-in kinds of the option and serialisation errors', () => {
    expect(new InvalidOptionError('ttlMs', 'x')).toBeInstanceOf(RangeError);
    expect(new EventNotSerialisableError('t')).toBeInstanceOf(TypeError);
    expect(new LeaseLostError('1')).toBeInstanceOf(EventsError);
  });

  it('gives a subscriber error the code of its kind and keeps the upstream code apart', () => {
    const error = new MeetingSubscriberError('subscribe-refused', 'refused', { upstreamCode: '111070004' });
    expect(error).toMatchObject({
      code: 'SUBSCRIBE_REFUSED',
      kind: 'subscribe-refused',
      upstreamCode: '111070004',
    });
  });
});

describe('closed objects', () => {
  it('MeetingStreams refuses a watch after close with CLOSED', async () => {
    const refuse = async () => {
      throw new Error('not called');
    };
    const client: SubscriberClient = { control: { token: refuse, webSocketToken: refuse } };
    const streams = new MeetingStreams({ client });
    await streams.close();
    expect(() => streams.watch('1')).toThrow(
      expect.objectContaining({ code: 'CLOSED', message: 'meeting streams are closed' }),
    );
    expect(() => streams.updates('1', { select: () => [] })).toThrow(
      expect.objectContaining({ code: 'CLOSED' }),
    );
  });
});
