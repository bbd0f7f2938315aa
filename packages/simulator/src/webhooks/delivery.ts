/**
 * The sending side of the enterprise webhook: the enterprise's push configuration, the `meeting.verify`
 * handshake, signed deliveries of every event the store fires, the retry policy of control-and-push.md C.6
 * (delays scaled for tests), injected faults and a log of what was sent.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { type EventInfo, verifyAnswerSchema, webhookSignature } from '@hwmeeting/events/wire';
import { SimErrorCode, SimHttpError } from '../http/errors.js';
import type { Store, StoreChange } from '../state/store.js';
import { WebhookEventSource } from './events.js';

/** The enterprise's push configuration (C.1). */
export interface WebhookConfigRecord {
  id: string;
  corpId?: string | undefined;
  spId?: string | undefined;
  subscriberId: string;
  subscriberKey: string;
  url: string;
  /** 0 enabled, 1 not started, 2 locked. */
  status: 0 | 1 | 2;
}

/** One attempt to deliver. */
export interface DeliveryAttempt {
  /** When it was sent, epoch ms (simulator clock). */
  atMs: number;
  nonce: string;
  /** HTTP status answered, if any. */
  status?: number | undefined;
  /** Why it failed without a status (timeout, connection refused ...). */
  error?: string | undefined;
  durationMs: number;
}

/** One event's delivery, as the test-control log reports it. */
export interface DeliveryRecord {
  id: number;
  event: string;
  url: string;
  eventInfo: EventInfo;
  /** The envelope's `timestamp`, fixed by the first attempt and kept by every retry. */
  timestamp?: number | undefined;
  /** The delivery this one duplicates (injected fault). */
  duplicateOf?: number | undefined;
  attempts: DeliveryAttempt[];
  /** `pending` while it may still be sent; `gave-up` after 24 h of retries; `dropped` when the config went away. */
  outcome: 'pending' | 'delivered' | 'failed' | 'gave-up' | 'dropped';
}

/** Options of the webhook sender. */
export interface WebhookDeliveryOptions {
  /** Factor applied to every retry delay (tests use e.g. 0.001). */
  delayScale: number;
  /** No answer within this many ms is a failed delivery (reference README: 5 s). */
  timeoutMs: number;
}

/** Retry policy (C.6), unscaled: three retries 30 s apart, then every 30 min, for at most 24 h. */
export const RETRY_POLICY = {
  firstDelaysMs: [30_000, 30_000, 30_000],
  laterDelayMs: 30 * 60_000,
  horizonMs: 24 * 3_600_000,
} as const;

/** Deliveries kept in the log (the oldest are forgotten first). */
const LOG_SIZE = 2000;

/** How often (real ms) the sender looks for meetings whose scheduled end passed, to conclude them. */
const CONCLUDE_CHECK_MS = 1000;

const loopbackHost = (hostname: string) =>
  hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);

/**
 * Checks a callback URL: the real service requires HTTPS; the simulator also accepts `http://` on loopback
 * (127.0.0.0/8, ::1, localhost) for local development. Answers the problem, or undefined.
 */
export function callbackUrlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'not a URL';
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && loopbackHost(url.hostname)) return undefined;
  return 'must be an HTTPS URL (http:// only on loopback)';
}

/** 8 random digits, as in the published samples. */
const newNonce = () => String(randomInt(0, 100_000_000)).padStart(8, '0');

/** Whether a delivery's retry comes within the 24-hour horizon; answers its unscaled delay. */
function nextDelay(retriesDone: number, elapsedMs: number): number | undefined {
  const delay = RETRY_POLICY.firstDelaysMs[retriesDone] ?? RETRY_POLICY.laterDelayMs;
  return elapsedMs + delay <= RETRY_POLICY.horizonMs ? delay : undefined;
}

interface PostAnswer {
  status?: number | undefined;
  text: string;
  error?: string | undefined;
}

/** A delivery in progress. */
interface PendingDelivery {
  record: DeliveryRecord;
  configId: string;
  retriesDone: number;
  /** Unscaled time spent waiting between attempts. */
  elapsedMs: number;
}

/** The enterprise's webhook sender; one per store. */
export class WebhookDelivery {
  /** The push configuration, if set. */
  config: WebhookConfigRecord | undefined;
  private readonly log: DeliveryRecord[] = [];
  private nextId = 1;
  private duplicateNext = 0;
  private readonly delays: number[] = [];
  private closed = false;
  private readonly source: WebhookEventSource;
  private readonly httpAgent = new HttpAgent({ keepAlive: true });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true });
  private readonly listener = (change: StoreChange) => this.onChange(change);
  private readonly concludeTicker: NodeJS.Timeout;

  constructor(
    private readonly store: Store,
    readonly options: WebhookDeliveryOptions,
  ) {
    this.source = new WebhookEventSource(store);
    store.events.on('change', this.listener);
    // Scheduled ends pass with time alone, without any change of the store.
    this.concludeTicker = setInterval(() => this.sendAll(this.source.due()), CONCLUDE_CHECK_MS);
    this.concludeTicker.unref();
  }

  /** Stops sending: no new deliveries or retries, open connections closed. */
  close(): void {
    this.closed = true;
    clearInterval(this.concludeTicker);
    this.store.events.off('change', this.listener);
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  /** The log of deliveries, oldest first (verify handshakes included). */
  deliveries(): DeliveryRecord[] {
    return this.log.map((r) => ({ ...r, attempts: r.attempts.map((a) => ({ ...a })) }));
  }

  /** Forgets the log. */
  clearLog(): void {
    this.log.length = 0;
  }

  /** Faults still to apply. */
  pendingFaults(): { duplicate: number; delayMs: number[] } {
    return { duplicate: this.duplicateNext, delayMs: [...this.delays] };
  }

  /** Duplicates the next `count` deliveries (a second, re-signed copy of each, sent after it). */
  duplicate(count: number): void {
    this.duplicateNext += count;
  }

  /** Holds each of the next `count` deliveries back by `ms` before its first attempt. */
  delay(count: number, ms: number): void {
    for (let i = 0; i < count; i++) this.delays.push(ms);
  }

  /** Removes every pending fault. */
  clearFaults(): void {
    this.duplicateNext = 0;
    this.delays.length = 0;
  }

  /**
   * Runs the `meeting.verify` handshake against a configuration: the receiver must answer 200 with
   * `{"event":"meeting.verify","nonce":<the same nonce>}` within the timeout, or enabling fails with 400.
   */
  async verify(config: WebhookConfigRecord): Promise<void> {
    const eventInfo: EventInfo = { event: 'meeting.verify', timestamp: this.store.clock.now() };
    const record = this.newRecord(eventInfo, config.url);
    const { answer, nonce } = await this.attempt(record, config);
    let problem: string | undefined;
    if (answer.status !== 200) {
      problem =
        answer.status === undefined ? (answer.error ?? 'no answer') : `answered HTTP ${answer.status}`;
    } else {
      let json: unknown;
      try {
        json = JSON.parse(answer.text);
      } catch {
        json = undefined;
      }
      const parsed = verifyAnswerSchema.safeParse(json);
      if (!parsed.success) problem = 'did not answer {"event":"meeting.verify","nonce":...}';
      else if (parsed.data.nonce !== nonce) problem = 'answered another nonce';
    }
    record.outcome = problem ? 'failed' : 'delivered';
    if (problem) {
      throw new SimHttpError(
        400,
        SimErrorCode.MMC_WEBHOOK_VERIFY_FAILED,
        `url: the meeting.verify handshake failed: the receiver ${problem}`,
      );
    }
  }

  private onChange(change: StoreChange): void {
    const events = this.source.eventsOf(change, (late) => this.sendAll(late));
    this.sendAll(events);
  }

  private sendAll(events: EventInfo[]): void {
    const config = this.config;
    if (this.closed || !config || config.status !== 0) return;
    for (const eventInfo of events) {
      const duplicate = this.duplicateNext > 0;
      if (duplicate) this.duplicateNext--;
      const delayMs = this.delays.shift() ?? 0;
      const pending = this.start(eventInfo, config);
      const first = () =>
        this.send(pending).then(() => {
          if (duplicate) this.send(this.start(eventInfo, config, pending.record.id));
        });
      if (delayMs > 0) this.store.timers.after(delayMs, () => void first());
      else void first();
    }
  }

  private newRecord(eventInfo: EventInfo, url: string, duplicateOf?: number): DeliveryRecord {
    const record: DeliveryRecord = {
      id: this.nextId++,
      event: eventInfo.event,
      url,
      eventInfo,
      ...(duplicateOf === undefined ? {} : { duplicateOf }),
      attempts: [],
      outcome: 'pending',
    };
    this.log.push(record);
    if (this.log.length > LOG_SIZE) this.log.splice(0, this.log.length - LOG_SIZE);
    return record;
  }

  private start(eventInfo: EventInfo, config: WebhookConfigRecord, duplicateOf?: number): PendingDelivery {
    return {
      record: this.newRecord(eventInfo, config.url, duplicateOf),
      configId: config.id,
      retriesDone: 0,
      elapsedMs: 0,
    };
  }

  /** One attempt and, on failure, the next one scheduled by the retry policy. */
  private async send(pending: PendingDelivery): Promise<void> {
    const { record } = pending;
    const config = this.config;
    // A configuration deleted, replaced by another, disabled or locked meanwhile takes its deliveries with it.
    if (this.closed || !config || config.id !== pending.configId || config.status !== 0) {
      record.outcome = 'dropped';
      return;
    }
    const { answer } = await this.attempt(record, config);
    if (answer.status !== undefined && answer.status >= 200 && answer.status < 300) {
      record.outcome = 'delivered';
      return;
    }
    if (this.closed) {
      record.outcome = 'dropped';
      return;
    }
    const delay = nextDelay(pending.retriesDone, pending.elapsedMs);
    if (delay === undefined) {
      record.outcome = 'gave-up';
      return;
    }
    pending.retriesDone++;
    pending.elapsedMs += delay;
    this.store.timers.after(delay * this.options.delayScale, () => void this.send(pending));
  }

  /**
   * Posts one signed copy of the record's event to the configured URL. UNVERIFIED (published-behaviour.md §6:
   * whether a retry is re-signed with a new timestamp is not published): every attempt keeps the first
   * attempt's `timestamp`, the message time, with a fresh nonce and signature, so a retry can be hours old and
   * its nonce is never one the receiver has seen; receivers must take it (they accept 25 hours).
   */
  private async attempt(
    record: DeliveryRecord,
    config: WebhookConfigRecord,
  ): Promise<{ answer: PostAnswer; nonce: string }> {
    const sentAtMs = this.store.clock.now();
    record.timestamp ??= sentAtMs;
    const { timestamp } = record;
    const nonce = newNonce();
    const eventInfoJson = JSON.stringify(record.eventInfo);
    const signature = webhookSignature(
      { appID: config.subscriberId, timestamp, nonce, eventInfoJson },
      config.subscriberKey,
    );
    const body = `{"appID":${JSON.stringify(config.subscriberId)},"timestamp":${timestamp},"nonce":"${nonce}","signature":"${signature}","eventInfo":${eventInfoJson}}`;
    record.url = config.url;
    const started = Date.now();
    const answer = await this.post(config.url, body);
    record.attempts.push({
      atMs: sentAtMs,
      nonce,
      ...(answer.status === undefined ? {} : { status: answer.status }),
      ...(answer.error === undefined ? {} : { error: answer.error }),
      durationMs: Date.now() - started,
    });
    return { answer, nonce };
  }

  /** POSTs the body to the URL as it is (reference README: no path appended); never rejects. */
  private post(target: string, body: string): Promise<PostAnswer> {
    return new Promise((resolve) => {
      let settled = false;
      const finish = (answer: PostAnswer) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(answer);
      };
      let url: URL;
      try {
        url = new URL(target);
      } catch {
        finish({ text: '', error: 'bad URL' });
        return;
      }
      const secure = url.protocol === 'https:';
      const request = (secure ? httpsRequest : httpRequest)(url, {
        method: 'POST',
        agent: secure ? this.httpsAgent : this.httpAgent,
        headers: {
          'Content-Type': 'application/json;charset=UTF-8',
          'Content-Length': Buffer.byteLength(body),
          'X-Request-ID': randomBytes(16).toString('hex'),
          Pragma: 'no-cache',
          'Cache-Control': 'no-cache',
        },
      });
      const timer = setTimeout(() => {
        finish({ text: '', error: `no answer within ${this.options.timeoutMs} ms` });
        request.destroy();
      }, this.options.timeoutMs);
      timer.unref();
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          // Only a verify answer matters; a large body is cut, not buffered.
          size += chunk.length;
          if (size <= 64 * 1024) chunks.push(chunk);
        });
        response.on('end', () =>
          finish({ status: response.statusCode, text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', (error) => finish({ text: '', error: error.message }));
      });
      request.on('error', (error) => finish({ text: '', error: error.message }));
      request.end(body);
    });
  }
}

const senders = new WeakMap<Store, WebhookDelivery>();

/** Starts the store's webhook sender (once; later calls answer the same one). */
export function startWebhooks(store: Store, options: Partial<WebhookDeliveryOptions> = {}): WebhookDelivery {
  let sender = senders.get(store);
  if (!sender) {
    sender = new WebhookDelivery(store, {
      delayScale: options.delayScale ?? 1,
      timeoutMs: options.timeoutMs ?? 5000,
    });
    senders.set(store, sender);
  }
  return sender;
}

/** The store's webhook sender, started with the defaults if nobody started it. */
export function webhooksOf(store: Store): WebhookDelivery {
  return startWebhooks(store);
}
