import type { Redis } from 'ioredis';
import { z } from 'zod';
import {
  CorruptLogDataError,
  EventsError,
  EventsErrorCode,
  InvalidOptionError,
  LeaseLostError,
} from '../errors.js';
import { meetingTopic, type PubSub, type SubscribeOptions, type Subscription } from '../pubsub/pubsub.js';
import type { LoggedEvent, MeetingStreamEvent } from '../streams/streamEvent.js';
import type { UpstreamLease } from './lease.js';
import type { Checkpoint, LogRetention, MeetingLog, ReadResult } from './meetingLog.js';
import { LogSubscriptions, type MeetingLogTopics } from './memoryLog.js';
import { newEpoch, type StreamPosition } from './position.js';
import { decodeCheckpoint, decodeEntry, encodeCheckpointData, encodeEvent } from './redisEntries.js';
import { DEFAULT_REDIS_PREFIX, meetingKey } from './redisKeys.js';
import { LuaScript } from './redisScript.js';

/** Options of {@link RedisMeetingLog}. */
export interface RedisMeetingLogOptions extends LogRetention {
  /** A connection for commands (not one in subscriber mode). */
  redis: Redis;
  /** Where each appended event is published, after it is stored (a Redis pub/sub for several replicas). */
  pubsub: PubSub<MeetingLogTopics>;
  /** First part of every key (default `hwm:`). */
  prefix?: string | undefined;
  /**
   * How long a meeting's keys outlive its last append or checkpoint, ms (default `maxAgeMs` + 1 hour), so the
   * data of abandoned meetings goes. A meeting quiet for longer starts a new epoch on its next append.
   */
  keyTtlMs?: number | undefined;
  /** Recovered failures: corrupted entries or checkpoints (skipped), a publish that failed (the event is stored). */
  onError?: ((error: unknown, conferenceID: string) => void) | undefined;
}

// Stream entry ids are `<seq>-0`, not Redis's automatic `<ms>-<n>`: a read after seq s is then one
// `XRANGE (s+1)-0 <head>-0`, without searching for the entry of s (with time ids, seq -> id would need a scan or a
// second index to keep in step). The price is that MINID cannot trim by age: each entry keeps its append time
// (Redis TIME, ms) in an `at` field, and the append script finds the first young entry by a binary search over
// seq (entries are contiguous and their times rise with seq), then trims with `XTRIM MINID <seq>-0`. Entries
// carry no epoch: a new epoch deletes the stream, so every entry belongs to the epoch in `:epoch`.

/** Lua helpers shared by the scripts: the Redis time in ms. */
const NOW_MS = `local function nowMs()
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end`;

/**
 * Appends events as the lease holder, atomically.
 * KEYS: lease, epoch, seq, log, ckpt. ARGV: token, candidate epoch, maxEvents, maxAgeMs, keyTtlMs, events (JSON)...
 * Returns {0} when the lease is not the token's, else {1, epoch, first seq}.
 */
const APPEND = new LuaScript(
  `${NOW_MS}
local function appendedAt(entry)
  if not entry then return nil end
  local fields = entry[2]
  for i = 1, #fields, 2 do
    if fields[i] == 'at' then return tonumber(fields[i + 1]) or 0 end
  end
  return 0
end
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return {0} end
local epoch = redis.call('GET', KEYS[2])
if not epoch or redis.call('EXISTS', KEYS[3]) == 0 then
  -- A new run of the stream (first append, or Redis lost the meeting): whatever remains belongs to an old one.
  epoch = ARGV[2]
  redis.call('DEL', KEYS[4], KEYS[5])
  redis.call('SET', KEYS[2], epoch)
  redis.call('SET', KEYS[3], 0)
end
local now = nowMs()
local count = #ARGV - 5
local last = redis.call('INCRBY', KEYS[3], count)
local first = last - count + 1
for i = 1, count do
  local seq = first + i - 1
  redis.call('XADD', KEYS[4], string.format('%d-0', seq), 'seq', string.format('%d', seq),
    'at', string.format('%d', now), 'event', ARGV[5 + i])
end
redis.call('XTRIM', KEYS[4], 'MAXLEN', '~', ARGV[3])
local cutoff = now - tonumber(ARGV[4])
local oldest = redis.call('XRANGE', KEYS[4], '-', '+', 'COUNT', 1)[1]
local oldestAt = appendedAt(oldest)
if oldestAt and oldestAt < cutoff then
  -- The first seq in [lo, hi] whose entry is young enough (hi = last + 1: past the end, trims everything).
  local lo = tonumber(string.match(oldest[1], '^(%d+)')) + 1
  local hi = last + 1
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    local probe = redis.call('XRANGE', KEYS[4], string.format('%d-0', mid), '+', 'COUNT', 1)[1]
    local probeAt = appendedAt(probe)
    if probeAt and probeAt < cutoff then
      lo = tonumber(string.match(probe[1], '^(%d+)')) + 1
    else
      hi = mid
    end
  end
  redis.call('XTRIM', KEYS[4], 'MINID', string.format('%d-0', lo))
end
for i = 2, 5 do redis.call('PEXPIRE', KEYS[i], ARGV[5]) end
return {1, epoch, first}`,
  5,
);

/**
 * The retained entries after a position, atomically with the epoch and head they belong to.
 * KEYS: epoch, seq, log. ARGV: epoch, seq of the position.
 * Returns {0} when the position is of another epoch or ahead, else {1, head, now ms, entries}.
 */
const READ = new LuaScript(
  `${NOW_MS}
local epoch = redis.call('GET', KEYS[1])
local headText = redis.call('GET', KEYS[2])
if not epoch or not headText or epoch ~= ARGV[1] then return {0} end
local head = tonumber(headText)
local after = tonumber(ARGV[2])
if not head or after > head then return {0} end
if after == head then return {1, head, nowMs(), {}} end
return {1, head, nowMs(), redis.call('XRANGE', KEYS[3], string.format('%d-0', after + 1), string.format('%d-0', head))}`,
  3,
);

/**
 * Stores a checkpoint as the lease holder when it is of the current epoch and newer than the stored one.
 * KEYS: lease, epoch, seq, log, ckpt. ARGV: token, epoch, seq, data (JSON), keyTtlMs.
 * Returns 0 when the lease is not the token's, 1 when not newer or of another epoch, 2 when stored.
 */
const SAVE_CHECKPOINT = new LuaScript(
  `if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if redis.call('GET', KEYS[2]) ~= ARGV[2] then return 1 end
local stored = redis.call('HMGET', KEYS[5], 'epoch', 'seq')
if stored[1] == ARGV[2] and tonumber(stored[2]) and tonumber(stored[2]) >= tonumber(ARGV[3]) then return 1 end
redis.call('DEL', KEYS[5])
redis.call('HSET', KEYS[5], 'epoch', ARGV[2], 'seq', ARGV[3], 'data', ARGV[4])
for i = 2, 5 do redis.call('PEXPIRE', KEYS[i], ARGV[5]) end
return 2`,
  5,
);

const appendReply = z.union([
  z.tuple([z.literal(0)]),
  z.tuple([z.literal(1), z.string(), z.number().int().positive()]),
]);
const readReply = z.union([
  z.tuple([z.literal(0)]),
  z.tuple([z.literal(1), z.number().int().nonnegative(), z.number().int(), z.array(z.unknown())]),
]);
const headSchema = z.tuple([z.string().min(1), z.coerce.number().int().nonnegative()]);

/** Reads a MULTI's replies, failing with the first command's error. */
function results(replies: [Error | null, unknown][] | null): unknown[] {
  if (!replies) throw new EventsError(EventsErrorCode.REDIS_TRANSACTION_ABORTED, 'Redis transaction aborted');
  return replies.map(([error, value]) => {
    if (error) throw error;
    return value;
  });
}

/**
 * The meeting log of every replica, in Redis: per meeting (keys `<prefix>{meeting:<id>}:…`) an `epoch`, a `seq`
 * counter, a Stream `log` of the numbered events trimmed by count (`MAXLEN ~`, so a little more may stay) and age,
 * and a checkpoint `ckpt`; the upstream holder's `lease` (kept by `RedisOwnership`) fences appends. Each append is
 * one Lua script (fence, number, store, trim); the events are then published on the pub/sub in order. Everything
 * read back is validated: a corrupted entry is reported and skipped, so a read across it answers `expired`.
 */
export class RedisMeetingLog implements MeetingLog {
  private readonly redis: Redis;
  private readonly pubsub: PubSub<MeetingLogTopics>;
  private readonly prefix: string;
  private readonly maxEvents: number;
  private readonly maxAgeMs: number;
  private readonly keyTtlMs: number;
  private readonly onError: (error: unknown, conferenceID: string) => void;
  private readonly subscriptions = new LogSubscriptions();

  constructor(options: RedisMeetingLogOptions) {
    this.redis = options.redis;
    this.pubsub = options.pubsub;
    this.prefix = options.prefix ?? DEFAULT_REDIS_PREFIX;
    this.maxEvents = options.maxEvents ?? 10_000;
    this.maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
    this.keyTtlMs = options.keyTtlMs ?? this.maxAgeMs + 60 * 60_000;
    if (!Number.isInteger(this.maxEvents) || this.maxEvents < 1)
      throw new InvalidOptionError('maxEvents', 'maxEvents must be an integer >= 1');
    if (!Number.isInteger(this.maxAgeMs) || this.maxAgeMs < 0)
      throw new InvalidOptionError('maxAgeMs', 'maxAgeMs must be an integer >= 0');
    if (!Number.isInteger(this.keyTtlMs) || this.keyTtlMs < Math.max(1, this.maxAgeMs))
      throw new InvalidOptionError('keyTtlMs', 'keyTtlMs must be an integer >= maxAgeMs');
    const onError = options.onError ?? (() => undefined);
    this.onError = (error, conferenceID) => {
      try {
        onError(error, conferenceID);
      } catch {
        // onError itself failed: nothing further can report it.
      }
    };
  }

  async append(
    conferenceID: string,
    events: readonly MeetingStreamEvent[],
    lease: UpstreamLease,
  ): Promise<readonly LoggedEvent[]> {
    const reply = appendReply.parse(
      await APPEND.run(this.redis, this.keys(conferenceID, 'lease', 'epoch', 'seq', 'log', 'ckpt'), [
        lease.token,
        newEpoch(),
        this.maxEvents,
        this.maxAgeMs,
        this.keyTtlMs,
        ...events.map(encodeEvent),
      ]),
    );
    if (reply[0] === 0) throw new LeaseLostError(conferenceID);
    const [, epoch, first] = reply;
    const logged = events.map((event, i): LoggedEvent => ({ epoch, seq: first + i, event }));
    try {
      // Sent together (pipelined on one connection, so in order), not one round trip per event.
      const topic = meetingTopic(conferenceID);
      await Promise.all(logged.map((entry) => this.pubsub.publish(topic, entry)));
    } catch (error) {
      // Stored all the same: subscribers find the events in the log when they see the next one's gap.
      this.onError(error, conferenceID);
    }
    return logged;
  }

  subscribe(conferenceID: string, options?: SubscribeOptions): Subscription<LoggedEvent> {
    return this.subscriptions.add(this.pubsub.subscribe(meetingTopic(conferenceID), options));
  }

  async read(conferenceID: string, after: StreamPosition): Promise<ReadResult> {
    if (!Number.isSafeInteger(after.seq) || after.seq < 0) return { kind: 'expired' };
    const reply = readReply.parse(
      await READ.run(this.redis, this.keys(conferenceID, 'epoch', 'seq', 'log'), [after.epoch, after.seq]),
    );
    if (reply[0] === 0) return { kind: 'expired' };
    const [, head, now, entries] = reply;
    const events: LoggedEvent[] = [];
    let oldestAt: number | undefined;
    for (const raw of entries) {
      const entry = decodeEntry(conferenceID, after.epoch, raw);
      if (entry instanceof Error) {
        this.onError(entry, conferenceID);
        continue;
      }
      oldestAt ??= entry.at;
      events.push(entry.logged);
    }
    // Trimmed, or a corrupted entry skipped: the events after the position are no longer all there.
    if (events.length !== head - after.seq || events.some((logged, i) => logged.seq !== after.seq + 1 + i))
      return { kind: 'expired' };
    // Older than the retention although not trimmed yet (trimming happens on append).
    if (oldestAt !== undefined && now - oldestAt > this.maxAgeMs) return { kind: 'expired' };
    return { kind: 'events', events };
  }

  async head(conferenceID: string): Promise<StreamPosition | undefined> {
    const [epoch, seq] = await this.redis.mget(...this.keys(conferenceID, 'epoch', 'seq'));
    if (epoch == null || seq == null) return undefined;
    const parsed = headSchema.safeParse([epoch, seq]);
    if (!parsed.success) {
      this.onError(
        new CorruptLogDataError(conferenceID, "its log's epoch or seq", z.prettifyError(parsed.error)),
        conferenceID,
      );
      return undefined;
    }
    const [headEpoch, headSeq] = parsed.data;
    return headSeq > 0 ? { epoch: headEpoch, seq: headSeq } : undefined;
  }

  async saveCheckpoint(conferenceID: string, checkpoint: Checkpoint, lease: UpstreamLease): Promise<void> {
    const stored = await SAVE_CHECKPOINT.run(
      this.redis,
      this.keys(conferenceID, 'lease', 'epoch', 'seq', 'log', 'ckpt'),
      [lease.token, checkpoint.epoch, checkpoint.seq, encodeCheckpointData(checkpoint), this.keyTtlMs],
    );
    if (stored === 0) throw new LeaseLostError(conferenceID);
  }

  async loadCheckpoint(conferenceID: string): Promise<Checkpoint | undefined> {
    const [epoch, raw] = results(
      await this.redis
        .multi()
        .get(meetingKey(this.prefix, conferenceID, 'epoch'))
        .hgetall(meetingKey(this.prefix, conferenceID, 'ckpt'))
        .exec(),
    );
    if (typeof epoch !== 'string') return undefined;
    const checkpoint = decodeCheckpoint(conferenceID, (raw ?? {}) as Record<string, string>);
    if (checkpoint instanceof Error) {
      this.onError(checkpoint, conferenceID);
      return undefined;
    }
    return checkpoint?.epoch === epoch ? checkpoint : undefined;
  }

  /** Ends the subscriptions made through this log; the pub/sub, the connection and the data in Redis stay. */
  async close(): Promise<void> {
    this.subscriptions.close();
  }

  private keys(conferenceID: string, ...names: Parameters<typeof meetingKey>[2][]): string[] {
    return names.map((name) => meetingKey(this.prefix, conferenceID, name));
  }
}
