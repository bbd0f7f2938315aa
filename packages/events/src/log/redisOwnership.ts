import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import { EventsError, EventsErrorCode, InvalidOptionError, LeaseLostError } from '../errors.js';
import type { UpstreamLease, UpstreamOwnership } from './lease.js';
import { DEFAULT_REDIS_PREFIX, meetingKey } from './redisKeys.js';
import { LuaScript } from './redisScript.js';

/** Options of {@link RedisOwnership}. */
export interface RedisOwnershipOptions {
  /** A connection for commands (not one in subscriber mode). */
  redis: Redis;
  /** First part of every key (default `hwm:`). */
  prefix?: string | undefined;
  /** How long a lease lasts without renewal, ms (default 5000): a dead holder's meetings move after this. */
  ttlMs?: number | undefined;
  /** How often a held lease is renewed, ms (default a third of `ttlMs`). */
  renewEveryMs?: number | undefined;
  /** Names this replica inside its lease tokens, for logs (default: random). */
  holderId?: string | undefined;
  /** Failures that were recovered from: a renewal or release that could not reach Redis. */
  onError?: ((error: unknown, conferenceID: string) => void) | undefined;
}

/** Renews the lease when it is still ours; takes it again when it is gone (Redis restarted empty). */
const RENEW = new LuaScript(
  `local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if not holder then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`,
  1,
);

/** Deletes the lease only when it is still ours. */
const RELEASE = new LuaScript(
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`,
  1,
);

/** What a lease needs from the ownership that granted it. */
interface LeaseHost {
  readonly redis: Redis;
  readonly ttlMs: number;
  readonly renewEveryMs: number;
  /** Drops an ended lease from the held ones. */
  forget(lease: RedisLease): void;
  /** Reports a recovered failure. */
  reportError(error: unknown, conferenceID: string): void;
}

/** One lease held by this replica: its renewal loop and the deadline past which it can no longer be trusted. */
class RedisLease implements UpstreamLease {
  private readonly abort = new AbortController();
  private renewTimer: NodeJS.Timeout | undefined;
  private deadlineTimer: NodeJS.Timeout | undefined;
  private renewing = false;
  private released: Promise<void> | undefined;

  constructor(
    readonly conferenceID: string,
    readonly token: string,
    private readonly key: string,
    /** `performance.now()` until which the lease is ours: the send time of its last confirmed write + ttl. */
    private validUntil: number,
    private readonly owner: LeaseHost,
  ) {
    this.scheduleRenewal();
    this.armDeadline();
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  get ended(): boolean {
    return this.abort.signal.aborted;
  }

  release(): Promise<void> {
    this.released ??= this.giveUp(undefined);
    return this.released;
  }

  /** The lease ended without a release: taken by another holder, or not renewed in time. */
  lose(): void {
    if (this.ended) return;
    this.released = this.giveUp(new LeaseLostError(this.conferenceID));
  }

  /** Stops renewing, aborts the signal, then deletes the key if it is still ours (so another may take it now). */
  private async giveUp(reason: LeaseLostError | undefined): Promise<void> {
    clearTimeout(this.renewTimer);
    clearTimeout(this.deadlineTimer);
    this.owner.forget(this);
    if (!this.ended) this.abort.abort(reason);
    const deleted = RELEASE.run(this.owner.redis, [this.key], [this.token]).then(
      () => undefined,
      (error: unknown) => this.owner.reportError(error, this.conferenceID),
    );
    // Waits no longer than the ttl (Redis unreachable, the command queued): the key expires by then anyway.
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.owner.ttlMs);
      timer.unref();
    });
    await Promise.race([deleted, expired]);
    clearTimeout(timer);
  }

  private scheduleRenewal(): void {
    this.renewTimer = setTimeout(() => this.renew(), this.owner.renewEveryMs);
    this.renewTimer.unref();
  }

  /** Ends the lease once `validUntil` passes without a confirmed renewal. */
  private armDeadline(): void {
    clearTimeout(this.deadlineTimer);
    this.deadlineTimer = setTimeout(
      () => {
        if (performance.now() >= this.validUntil) this.lose();
        else this.armDeadline();
      },
      Math.max(0, this.validUntil - performance.now()),
    );
    this.deadlineTimer.unref();
  }

  private renew(): void {
    if (this.ended) return;
    this.scheduleRenewal();
    // A renewal still waiting (Redis unreachable, the command queued): the deadline decides.
    if (this.renewing) return;
    const sentAt = performance.now();
    if (sentAt >= this.validUntil) {
      // The event loop was blocked past the deadline: the key may have expired and been taken meanwhile.
      this.lose();
      return;
    }
    this.renewing = true;
    RENEW.run(this.owner.redis, [this.key], [this.token, this.owner.ttlMs]).then(
      (held) => {
        this.renewing = false;
        if (this.ended) return;
        if (held !== 1) {
          this.lose();
          return;
        }
        // The key lives at least ttl from when the server ran the script, which is after `sentAt`.
        this.validUntil = sentAt + this.owner.ttlMs;
      },
      (error: unknown) => {
        this.renewing = false;
        if (!this.ended) this.owner.reportError(error, this.conferenceID);
      },
    );
  }
}

/**
 * Upstream leases shared by replicas through Redis: a key `<prefix>{meeting:<id>}:lease` holding the holder's
 * token, set with NX and a ttl, renewed while held. A lease ends (its signal aborts) when released, when another
 * holder is found in the key, or when no renewal has been confirmed for a whole ttl (Redis unreachable: another
 * replica may hold it by then). A key that vanished (Redis restarted empty) is taken again on the next renewal,
 * since nobody else holds the socket. The meeting log fences appends with the token (see `RedisMeetingLog`).
 */
export class RedisOwnership implements UpstreamOwnership {
  /** This replica's name inside its tokens. */
  readonly holderId: string;
  private readonly redis: Redis;
  private readonly ttlMs: number;
  private readonly prefix: string;
  private readonly host: LeaseHost;
  private readonly held = new Map<string, RedisLease>();
  private counter = 0;
  private isClosed = false;

  constructor(options: RedisOwnershipOptions) {
    this.redis = options.redis;
    this.prefix = options.prefix ?? DEFAULT_REDIS_PREFIX;
    const ttlMs = options.ttlMs ?? 5000;
    const renewEveryMs = options.renewEveryMs ?? Math.max(1, Math.floor(ttlMs / 3));
    if (!Number.isInteger(ttlMs) || ttlMs < 2)
      throw new InvalidOptionError('ttlMs', 'ttlMs must be an integer >= 2');
    if (!Number.isInteger(renewEveryMs) || renewEveryMs < 1 || renewEveryMs >= ttlMs)
      throw new InvalidOptionError('renewEveryMs', 'renewEveryMs must be an integer >= 1 and below ttlMs');
    this.ttlMs = ttlMs;
    this.holderId = options.holderId ?? randomBytes(6).toString('hex');
    const onError = options.onError ?? (() => undefined);
    const held = this.held;
    this.host = {
      redis: this.redis,
      ttlMs,
      renewEveryMs,
      forget(lease) {
        if (held.get(lease.conferenceID) === lease) held.delete(lease.conferenceID);
      },
      reportError(error, conferenceID) {
        try {
          onError(error, conferenceID);
        } catch {
          // onError itself failed: nothing further can report it.
        }
      },
    };
  }

  async tryAcquire(conferenceID: string): Promise<UpstreamLease | undefined> {
    if (this.isClosed) throw new EventsError(EventsErrorCode.CLOSED, 'RedisOwnership is closed');
    // Already held here: one holder per meeting, as with LocalOwnership.
    if (this.held.has(conferenceID)) return undefined;
    const key = meetingKey(this.prefix, conferenceID, 'lease');
    const token = `${this.holderId}:${++this.counter}:${randomBytes(6).toString('hex')}`;
    const sentAt = performance.now();
    const set = await this.redis.set(key, token, 'PX', this.ttlMs, 'NX');
    if (set !== 'OK') return undefined;
    if (this.isClosed) {
      // Closed meanwhile: give this holding back.
      await RELEASE.run(this.redis, [key], [token]);
      return undefined;
    }
    const lease = new RedisLease(conferenceID, token, key, sentAt + this.ttlMs, this.host);
    this.held.set(conferenceID, lease);
    return lease;
  }

  /** Releases every lease held here; later `tryAcquire` calls reject. */
  async close(): Promise<void> {
    this.isClosed = true;
    await Promise.all([...this.held.values()].map((lease) => lease.release()));
  }
}
