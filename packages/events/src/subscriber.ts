import { Buffer } from 'node:buffer';
import { EventEmitter } from 'node:events';
import {
  type CachedControlToken,
  ClientErrorCode,
  type ControlApi,
  type ControlTokenManager,
  MeetingApiError,
} from '@hwmeeting/client';
import { WebSocket as WsWebSocket } from 'ws';
import { z } from 'zod';
import { fullJitterDelay } from './backoff.js';
import {
  EventsError,
  EventsErrorCode,
  InvalidOptionError,
  MeetingSubscriberError,
  type SubscriberErrorKind,
} from './errors.js';
import {
  type confControlFrameSchema,
  type FrameError,
  type HeartBeatFrame,
  NEWEST_SUBSCRIBE_TYPES,
  newSequence,
  PUSH_SOCKET_PATH,
  type PushMessage,
  parseServerFrame,
  type SubscribeType,
  type subscribeFrameSchema,
  type UnknownFrame,
} from './frames/index.js';

/** What the subscriber subscribes to unless told otherwise: the newest documented list (not NetConditionNotify). */
export const DEFAULT_SUBSCRIBE_TYPES: readonly SubscribeType[] = NEWEST_SUBSCRIBE_TYPES;

/** Close code the server sends when the meeting ended (reference README decision). */
const CLOSE_MEETING_ENDED = 1001;
const CLOSE_NORMAL = 1000;
const OPEN = 1;

/**
 * Error codes meaning the meeting is gone (does not exist, not started or already ended). The control-token
 * call answers them as `MMC.<code>`; a Subscribe answer may carry the bare number (UNVERIFIED: no refusal codes
 * are published for Subscribe, so the same numbers are assumed).
 */
export const MEETING_GONE_CODES: readonly string[] = ['111070005', '111072005'];

/** Client error codes a retry cannot cure: the subscriber stops instead of reconnecting. */
const FATAL_CLIENT_CODES: ReadonlySet<string> = new Set([
  ClientErrorCode.NOT_CONFIGURED,
  ClientErrorCode.INVALID_INPUT,
  ClientErrorCode.DISPOSED,
]);

/** The two client calls the subscriber needs; a `MeetingClient` satisfies it (tests pass a stub). */
export interface SubscriberClient {
  control: Pick<ControlApi, 'token' | 'webSocketToken'> & {
    /** When present, a control token the server refused is dropped so that the next connect gets a new one. */
    tokens?: Pick<ControlTokenManager, 'invalidate'>;
  };
}

/** The part of a WebSocket the subscriber uses: the WHATWG event API, which `ws` and browsers both have. */
export interface UpstreamSocket {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  /** Drops the connection without a close handshake (`ws` has it; without it `close()` is used). */
  terminate?(): void;
  addEventListener(type: 'open', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (event: { code: number; reason: string }) => void): void;
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
}

/** A WebSocket class, such as `ws`'s (the default). */
export type UpstreamSocketConstructor = new (url: string) => UpstreamSocket;

/** Numeric options, validated at construction. */
const timingSchema = z.object({
  heartbeatIntervalMs: z.number().int().positive().default(60_000),
  /** No frame (heartbeat echo included) within this many ms: the socket is dead. Default 2.5 heartbeats. */
  deadAfterMs: z.number().int().positive().optional(),
  /**
   * No frame within this many ms on a subscribed socket: it is stale (`stale` event; `fresh` with the next
   * frame). Default one heartbeat interval and a margin of half an interval, at most 15 s.
   */
  staleAfterMs: z.number().int().positive().optional(),
  backoffInitialMs: z.number().int().positive().default(1_000),
  backoffMaxMs: z.number().int().positive().default(30_000),
  /** Consecutive reconnects without a successful Subscribe before giving up; absent: never give up. */
  maxReconnects: z.number().int().nonnegative().optional(),
  /** How long `stop()` and `resubscribe()` wait for a close handshake before dropping the connection. */
  closeTimeoutMs: z.number().int().positive().default(2_000),
  subscribeTypes: z.array(z.string().min(1)).min(1).optional(),
  wsURL: z.string().min(1).optional(),
});

/** Options of a {@link MeetingSubscriber}. */
export type MeetingSubscriberOptions = Omit<z.input<typeof timingSchema>, 'subscribeTypes'> & {
  /** Third-party user to act as (App ID mode); absent: the enterprise administrator. */
  userId?: string | undefined;
  /** The meeting's host password, when the acting identity cannot read it from the meeting's details. */
  hostPassword?: string | undefined;
  /** Push types to subscribe to (undocumented ones pass through as `unknown`). */
  subscribeTypes?: readonly (SubscribeType | (string & {}))[] | undefined;
  /** WebSocket class; default `ws`. */
  WebSocket?: UpstreamSocketConstructor | undefined;
  /** Receives what the subscriber does and refuses; entries never contain tokens. */
  onLog?: ((entry: SubscriberLogEntry) => void) | undefined;
  /** Random source for the backoff jitter, in [0, 1). */
  random?: (() => number) | undefined;
};

/** One log entry; `message` never contains a token. */
export interface SubscriberLogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  /** A short stable name, e.g. `frame-refused`, `dead`, `reconnect-scheduled`. */
  event: string;
  message: string;
  conferenceID: string;
}

/** Where the subscriber is. */
export type SubscriberState = 'idle' | 'connecting' | 'subscribing' | 'subscribed' | 'waiting' | 'stopped';

/** Why the meeting is considered over. */
export type MeetingEndReason =
  /** The server closed the socket with 1001. */
  | 'server-closed'
  /** A ConfDynamicInfoNotify said `state: "Destroyed"`. */
  | 'destroyed'
  /** The control-token call or the Subscribe answer said the meeting does not exist or is not running. */
  | 'meeting-gone';

/** Why the subscriber stopped for good. */
export type SubscriberStopReason = 'stop' | 'ended' | 'gave-up' | 'fatal';

/** Events of a {@link MeetingSubscriber}, with their arguments. */
export interface MeetingSubscriberEvents {
  /** The socket opened (Subscribe is being sent). */
  connected: [];
  /** The server accepted Subscribe; full frames of every subscribed type follow (increments restart). */
  subscribed: [];
  /** A documented push message. */
  message: [message: PushMessage];
  /**
   * The subscribed socket has been silent (no frame, no heartbeat echo) for `silentMs`, longer than
   * `staleAfterMs`: the server may be gone. `fresh` follows with the next frame; a reconnect if none comes.
   */
  stale: [silentMs: number];
  /** A frame arrived on a socket that was `stale`. */
  fresh: [];
  /** A frame of a type the library does not model, passed through raw. */
  unknown: [frame: UnknownFrame];
  /** A frame refused (not JSON, no action, schema mismatch); counted, never fatal. */
  invalid: [error: FrameError];
  /** The socket closed; `reason` is the server's, or why the subscriber closed it. */
  disconnected: [code: number, reason: string];
  /** A reconnect (fresh tokens, new socket, new Subscribe) is due in `delayMs`; `attempt` counts from 1. */
  reconnecting: [attempt: number, delayMs: number];
  /** The meeting ended; no reconnect follows. */
  ended: [reason: MeetingEndReason];
  /** Something failed (token call, socket, Subscribe refusal); the subscriber recovers unless it stops. */
  error: [error: MeetingSubscriberError];
  /** The subscriber is done: no socket, no timers. Always the last event. */
  stopped: [reason: SubscriberStopReason];
}

/** Caption settings of {@link MeetingSubscriber.setRealTimeSubtitle} (B.5.8). */
export interface RealTimeSubtitleOptions {
  /** Caption type as the server numbers it (default 0). */
  subtitleType?: number | undefined;
  /** Speech-service properties, passed through as given. */
  sisProperty?: string | undefined;
}

/** Counters of a {@link MeetingSubscriber}. */
export interface SubscriberStats {
  state: SubscriberState;
  /** Frames received, by `action` (HeartBeat and Subscribe answers included, refused frames not). */
  framesByType: Record<string, number>;
  /** Refused frames. */
  invalid: number;
  /** Refused frames, by reason. */
  invalidByReason: Record<FrameError['reason'], number>;
  /** Frames of unmodelled types. */
  unknown: number;
  /** Sockets opened. */
  connects: number;
  /** Subscribes accepted. */
  subscribes: number;
  /** Reconnects scheduled. */
  reconnects: number;
  heartbeatsSent: number;
  /** Epoch ms of the last frame received. */
  lastFrameAtMs: number | undefined;
}

/** One socket and the promise of its close. */
interface Connection {
  socket: UpstreamSocket;
  closed: Promise<{ code: number; reason: string }>;
}

/**
 * The upstream push WebSocket of ONE meeting (control-and-push.md B): obtains a control token and a single-use
 * WebSocket token through the client, connects, subscribes, sends HeartBeat on schedule, treats any frame as
 * liveness and drops a silent socket, reconnects with full-jitter backoff and fresh tokens after any drop, and
 * stops for good when the meeting ends. Frames come out as typed events; a bad frame is counted, never thrown.
 *
 * Single use: `start()` once, `stop()` once; afterwards create a new subscriber.
 */
export class MeetingSubscriber extends EventEmitter<MeetingSubscriberEvents> {
  readonly conferenceID: string;
  private readonly client: SubscriberClient;
  private readonly options: z.output<typeof timingSchema> & { deadAfterMs: number; staleAfterMs: number };
  private readonly subscribeTypes: readonly string[];
  private readonly identity: { userId?: string | undefined; hostPassword?: string | undefined };
  private readonly SocketClass: UpstreamSocketConstructor;
  private readonly onLog: ((entry: SubscriberLogEntry) => void) | undefined;
  private readonly random: () => number;

  private currentState: SubscriberState = 'idle';
  /** Bumped by every connect and by shutdown: callbacks of an older generation do nothing. */
  private generation = 0;
  private connection: Connection | undefined;
  private abort: AbortController | undefined;
  private controlToken: string | undefined;
  /** Secrets of the current attempt, masked out of any error text. */
  private secrets: string[] = [];
  /** Why the subscriber itself closed the current socket (reported in `disconnected`). */
  private closeNote: string | undefined;
  /** Reconnect without delay after the current socket closes (resubscribe). */
  private immediate = false;
  /** Reconnects since the last accepted Subscribe. */
  private failures = 0;
  private sequenceCounter = 0;
  private lastFrameAt = 0;
  /** The current socket was reported `stale` and no frame has come since. */
  private stale = false;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private deadTimer: NodeJS.Timeout | undefined;
  private staleTimer: NodeJS.Timeout | undefined;
  private closeGuardTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private shutdown: Promise<void> | undefined;
  private readonly counters = {
    framesByType: {} as Record<string, number>,
    invalid: 0,
    invalidByReason: { 'not-json': 0, 'no-action': 0, schema: 0 } as Record<FrameError['reason'], number>,
    unknown: 0,
    connects: 0,
    subscribes: 0,
    reconnects: 0,
    heartbeatsSent: 0,
  };

  constructor(client: SubscriberClient, conferenceID: string, options: MeetingSubscriberOptions = {}) {
    super();
    if (conferenceID.length === 0)
      throw new InvalidOptionError('conferenceID', 'MeetingSubscriber: conferenceID must not be empty');
    const { userId, hostPassword, WebSocket, onLog, random, ...timing } = options;
    const parsed = timingSchema.safeParse({
      ...timing,
      subscribeTypes: timing.subscribeTypes === undefined ? undefined : [...timing.subscribeTypes],
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') ?? '';
      throw new InvalidOptionError(field, `MeetingSubscriber: option ${field}: ${issue?.message}`);
    }
    this.client = client;
    this.conferenceID = conferenceID;
    const interval = parsed.data.heartbeatIntervalMs;
    this.options = {
      ...parsed.data,
      deadAfterMs: parsed.data.deadAfterMs ?? Math.round(interval * 2.5),
      // A healthy server echoes every heartbeat, so a frame comes at least once an interval; the margin covers
      // the round trip and timer drift.
      staleAfterMs: parsed.data.staleAfterMs ?? interval + Math.min(Math.round(interval / 2), 15_000),
    };
    this.subscribeTypes = parsed.data.subscribeTypes ?? DEFAULT_SUBSCRIBE_TYPES;
    this.identity = { userId, hostPassword };
    this.SocketClass = WebSocket ?? (WsWebSocket as unknown as UpstreamSocketConstructor);
    this.onLog = onLog;
    this.random = random ?? Math.random;
  }

  /** Where the subscriber is. */
  get state(): SubscriberState {
    return this.currentState;
  }

  /** Connects and subscribes; progress comes as events. Throws when the subscriber has been stopped. */
  start(): this {
    if (this.currentState === 'stopped')
      throw new EventsError(EventsErrorCode.CLOSED, 'MeetingSubscriber: stopped; create a new one');
    if (this.currentState === 'idle') void this.connect();
    return this;
  }

  /**
   * Closes the socket cleanly (1000) and stops for good: no reconnect, no timers. Resolves once the socket is
   * closed (after `closeTimeoutMs` at most) and `stopped` has been emitted.
   */
  stop(): Promise<void> {
    return this.finish('stop');
  }

  /**
   * Closes the current socket and reconnects at once for a fresh full snapshot (after a gap in the increments).
   * Does nothing when stopped, not started, or already between sockets.
   */
  resubscribe(): void {
    if (this.currentState === 'waiting') {
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = undefined;
      void this.connect();
      return;
    }
    if (!this.connection) return;
    this.log('info', 'resubscribe', 'closing the socket for a fresh snapshot');
    this.immediate = true;
    this.closeCurrent(CLOSE_NORMAL, 'resubscribe');
  }

  /**
   * Switches live captions on or off for the meeting (B.5.8: an upstream `ConfControl` REALTIMESUBTITLE frame on
   * this socket; the server keeps them on until the meeting ends). Answers false when no subscribed socket is open.
   */
  setRealTimeSubtitle(on: boolean, options: RealTimeSubtitleOptions = {}): boolean {
    const socket = this.connection?.socket;
    if (!socket || this.currentState !== 'subscribed' || this.controlToken === undefined) return false;
    const frame: z.input<typeof confControlFrameSchema> = {
      action: 'ConfControl',
      sequence: newSequence(++this.sequenceCounter),
      type: 'REALTIMESUBTITLE',
      // UNVERIFIED: the table types isSubtitle/subtitleType as int, the published sample sends strings and the
      // raw control token; we follow the sample.
      data: JSON.stringify({
        conferenceID: this.conferenceID,
        confToken: this.controlToken,
        isSubtitle: on ? '1' : '0',
        subtitleType: String(options.subtitleType ?? 0),
        ...(options.sisProperty === undefined ? {} : { sisProperty: options.sisProperty }),
      }),
    };
    return this.send(socket, JSON.stringify(frame));
  }

  /** Counters since construction. */
  stats(): SubscriberStats {
    const c = this.counters;
    return {
      state: this.currentState,
      framesByType: { ...c.framesByType },
      invalid: c.invalid,
      invalidByReason: { ...c.invalidByReason },
      unknown: c.unknown,
      connects: c.connects,
      subscribes: c.subscribes,
      reconnects: c.reconnects,
      heartbeatsSent: c.heartbeatsSent,
      lastFrameAtMs: this.lastFrameAt === 0 ? undefined : this.lastFrameAt,
    };
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    this.currentState = 'connecting';
    const abort = new AbortController();
    this.abort = abort;
    const callOptions = { ...this.identity, signal: abort.signal };
    let control: CachedControlToken;
    let tmpToken: string;
    try {
      control = await this.client.control.token(this.conferenceID, callOptions);
      if (generation !== this.generation) return;
      this.controlToken = control.token;
      this.secrets = [control.token];
      tmpToken = await this.client.control.webSocketToken(this.conferenceID, callOptions);
    } catch (error) {
      if (generation === this.generation) this.tokenFailed(error);
      return;
    }
    if (generation !== this.generation) return;
    this.abort = undefined;
    const base = control.answer.data.wsURL ?? this.options.wsURL;
    if (base === undefined) {
      this.fail('config', 'the control-token answer has no wsURL and no wsURL option was given');
      return;
    }
    this.secrets = [control.token, tmpToken];
    const url = `${base.replace(/\/+$/, '')}${PUSH_SOCKET_PATH}?confID=${encodeURIComponent(
      this.conferenceID,
    )}&tmpToken=${encodeURIComponent(tmpToken)}`;
    this.open(url, generation, control.token);
  }

  private open(url: string, generation: number, controlToken: string): void {
    let socket: UpstreamSocket;
    try {
      socket = new this.SocketClass(url);
    } catch (error) {
      this.emitError(new MeetingSubscriberError('socket', `cannot open the socket: ${this.redact(error)}`));
      this.scheduleReconnect();
      return;
    }
    let resolveClosed: (value: { code: number; reason: string }) => void = () => {};
    const closed = new Promise<{ code: number; reason: string }>((resolve) => {
      resolveClosed = resolve;
    });
    this.connection = { socket, closed };
    this.stale = false;
    this.log('debug', 'connecting', `opening the push socket of meeting ${this.conferenceID}`);
    // The handshake counts against the liveness budget too: a socket that never opens is dead.
    this.lastFrameAt = Date.now();
    this.armDeadTimer(generation);

    socket.addEventListener('open', () => {
      if (generation !== this.generation) return;
      this.counters.connects++;
      this.lastFrameAt = Date.now();
      this.currentState = 'subscribing';
      this.fire('connected');
      this.sendSubscribe(socket, controlToken);
      this.heartbeatTimer = setInterval(() => this.sendHeartBeat(socket), this.options.heartbeatIntervalMs);
    });
    socket.addEventListener('message', (event) => {
      if (generation === this.generation) this.onFrame(event.data);
    });
    socket.addEventListener('error', (event) => {
      if (generation !== this.generation) return;
      this.emitError(
        new MeetingSubscriberError('socket', `socket error: ${this.redact(event.message ?? '')}`),
      );
    });
    socket.addEventListener('close', (event) => {
      resolveClosed({ code: event.code, reason: event.reason });
      if (generation === this.generation) this.onClose(event.code, event.reason);
    });
  }

  private sendSubscribe(socket: UpstreamSocket, controlToken: string): void {
    const frame: z.input<typeof subscribeFrameSchema> = {
      action: 'Subscribe',
      sequence: newSequence(++this.sequenceCounter),
      // UNVERIFIED whether the server wants conferenceID here (the samples omit it); the table lists it.
      data: JSON.stringify({
        conferenceID: this.conferenceID,
        subscribeType: this.subscribeTypes,
        confToken: `Basic ${Buffer.from(controlToken, 'utf8').toString('base64')}`,
      }),
    };
    this.send(socket, JSON.stringify(frame));
  }

  private sendHeartBeat(socket: UpstreamSocket): void {
    const frame: HeartBeatFrame = { action: 'HeartBeat', sequence: newSequence(++this.sequenceCounter) };
    if (this.send(socket, JSON.stringify(frame))) this.counters.heartbeatsSent++;
  }

  private send(socket: UpstreamSocket, text: string): boolean {
    if (socket.readyState !== OPEN) return false;
    try {
      socket.send(text);
      return true;
    } catch (error) {
      // A send on a socket that is going away; its close event follows and drives the reconnect.
      this.log('warn', 'send-failed', `send failed: ${this.redact(error)}`);
      return false;
    }
  }

  private onFrame(data: unknown): void {
    this.lastFrameAt = Date.now();
    if (this.stale) {
      this.stale = false;
      this.log('info', 'fresh', 'a frame arrived on the stale socket');
      const generation = this.generation;
      this.fire('fresh');
      // A listener stopped the subscriber: this socket's frames are no longer handed on.
      if (generation !== this.generation) return;
      if (this.currentState === 'subscribed') this.armStaleTimer(generation);
    }
    const parsed = parseServerFrame(frameText(data));
    if (!parsed.ok) {
      this.counters.invalid++;
      this.counters.invalidByReason[parsed.error.reason]++;
      // The frame itself is not logged: basic info carries meeting passwords.
      this.log('warn', 'frame-refused', parsed.error.message);
      this.fire('invalid', parsed.error);
      return;
    }
    const { frame } = parsed;
    switch (frame.kind) {
      case 'heartbeat':
        this.count('HeartBeat');
        return;
      case 'subscribed':
        this.count('Subscribe');
        this.onSubscribeAnswer(frame.returnCode, frame.returnDesc);
        return;
      case 'unknown':
        this.count(frame.action);
        this.counters.unknown++;
        this.fire('unknown', frame);
        return;
      case 'message': {
        const { message } = frame;
        this.count(message.action);
        this.fire('message', message);
        if (message.action === 'ConfDynamicInfoNotify' && message.state === 'Destroyed')
          this.end('destroyed');
        return;
      }
    }
  }

  private onSubscribeAnswer(returnCode: number, returnDesc: string | undefined): void {
    if (returnCode === 0) {
      this.failures = 0;
      this.counters.subscribes++;
      this.currentState = 'subscribed';
      this.log('info', 'subscribed', `subscribed to meeting ${this.conferenceID}`);
      clearTimeout(this.staleTimer);
      this.armStaleTimer(this.generation);
      this.fire('subscribed');
      return;
    }
    const code = String(returnCode);
    this.emitError(
      new MeetingSubscriberError(
        'subscribe-refused',
        `Subscribe refused: returnCode ${code} ${returnDesc ?? ''}`,
        {
          upstreamCode: code,
        },
      ),
    );
    if (meetingGone(code)) {
      this.end('meeting-gone');
      return;
    }
    // Most likely the control token: drop it so the reconnect (the server closes the socket) gets a new one.
    if (this.controlToken !== undefined) {
      this.client.control.tokens?.invalidate(this.conferenceID, this.identity.userId, this.controlToken);
    }
    this.closeCurrent(CLOSE_NORMAL, 'Subscribe refused');
  }

  private onClose(code: number, reason: string): void {
    this.clearConnectionTimers();
    this.connection = undefined;
    const note = this.closeNote;
    this.closeNote = undefined;
    this.fire('disconnected', code, reason || note || '');
    this.log('info', 'disconnected', `socket closed (${code}${note ? `, ${note}` : ''})`);
    if (code === CLOSE_MEETING_ENDED) {
      this.end('server-closed');
      return;
    }
    const immediate = this.immediate;
    this.immediate = false;
    this.scheduleReconnect(immediate);
  }

  private tokenFailed(error: unknown): void {
    this.abort = undefined;
    const code = error instanceof MeetingApiError ? error.code : undefined;
    if (code !== undefined && meetingGone(code)) {
      this.log('info', 'meeting-gone', `control token refused with ${code}: the meeting is not running`);
      this.end('meeting-gone');
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    const wrapped = new MeetingSubscriberError('token', `token call failed: ${this.redact(message)}`, {
      ...(code === undefined ? {} : { upstreamCode: code }),
      cause: error,
    });
    if (code !== undefined && FATAL_CLIENT_CODES.has(code)) {
      this.emitError(wrapped);
      void this.finish('fatal');
      return;
    }
    this.emitError(wrapped);
    this.scheduleReconnect();
  }

  private scheduleReconnect(immediate = false): void {
    if (this.currentState === 'stopped') return;
    const attempt = ++this.failures;
    if (this.options.maxReconnects !== undefined && attempt > this.options.maxReconnects) {
      this.emitError(
        new MeetingSubscriberError(
          'gave-up',
          `gave up after ${this.options.maxReconnects} reconnects without a successful Subscribe`,
        ),
      );
      void this.finish('gave-up');
      return;
    }
    const delayMs = immediate
      ? 0
      : fullJitterDelay(
          attempt - 1,
          { initialMs: this.options.backoffInitialMs, maxMs: this.options.backoffMaxMs },
          this.random,
        );
    this.counters.reconnects++;
    this.currentState = 'waiting';
    this.log('info', 'reconnect-scheduled', `reconnect ${attempt} in ${delayMs} ms`);
    const generation = this.generation;
    this.fire('reconnecting', attempt, delayMs);
    if (generation !== this.generation) return; // a listener stopped or resubscribed
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.connect();
    }, delayMs);
  }

  /** Checks liveness when the budget could have run out, and re-arms for the remainder otherwise. */
  private armDeadTimer(generation: number): void {
    const dueIn = Math.max(0, this.lastFrameAt + this.options.deadAfterMs - Date.now());
    this.deadTimer = setTimeout(() => {
      this.deadTimer = undefined;
      if (generation !== this.generation || !this.connection) return;
      if (Date.now() - this.lastFrameAt < this.options.deadAfterMs) {
        this.armDeadTimer(generation);
        return;
      }
      this.log('warn', 'dead', `no frame within ${this.options.deadAfterMs} ms: dropping the socket`);
      this.closeNote = `no frame within ${this.options.deadAfterMs} ms`;
      this.dropCurrent();
    }, dueIn);
  }

  /**
   * Reports a subscribed socket silent for longer than `staleAfterMs` (once, until the next frame re-arms it);
   * re-arms for the remainder otherwise. Dropping the socket stays with the dead timer.
   */
  private armStaleTimer(generation: number): void {
    const dueIn = Math.max(0, this.lastFrameAt + this.options.staleAfterMs - Date.now());
    this.staleTimer = setTimeout(() => {
      this.staleTimer = undefined;
      if (generation !== this.generation || this.currentState !== 'subscribed' || this.stale) return;
      const silentMs = Date.now() - this.lastFrameAt;
      if (silentMs < this.options.staleAfterMs) {
        this.armStaleTimer(generation);
        return;
      }
      this.stale = true;
      this.log('warn', 'stale', `no frame for ${silentMs} ms: the socket is stale`);
      this.fire('stale', silentMs);
    }, dueIn);
  }

  /** Starts a close handshake; a peer that does not answer within `closeTimeoutMs` is dropped. */
  private closeCurrent(code: number, reason: string): void {
    const connection = this.connection;
    if (!connection) return;
    this.closeNote ??= reason;
    try {
      connection.socket.close(code, reason);
    } catch {
      this.dropCurrent();
      return;
    }
    clearTimeout(this.closeGuardTimer);
    this.closeGuardTimer = setTimeout(() => {
      this.closeGuardTimer = undefined;
      if (this.connection === connection) this.dropCurrent();
    }, this.options.closeTimeoutMs);
  }

  private dropCurrent(): void {
    const socket = this.connection?.socket;
    if (!socket) return;
    if (socket.terminate) socket.terminate();
    else socket.close();
  }

  private end(reason: MeetingEndReason): void {
    if (this.currentState === 'stopped') return;
    this.log('info', 'ended', `meeting ${this.conferenceID} ended (${reason})`);
    void this.finish('ended', reason);
  }

  private fail(kind: SubscriberErrorKind, message: string): void {
    this.emitError(new MeetingSubscriberError(kind, message));
    void this.finish('fatal');
  }

  /** Stops for good: cancels token calls and timers, closes the socket, then emits `stopped`. */
  private finish(reason: SubscriberStopReason, ended?: MeetingEndReason): Promise<void> {
    if (this.shutdown) return this.shutdown;
    this.currentState = 'stopped';
    this.generation++;
    this.abort?.abort();
    this.abort = undefined;
    this.clearConnectionTimers();
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const connection = this.connection;
    this.connection = undefined;
    this.secrets = [];
    // Emitted once nothing can reconnect any more, so that a listener calling stop() changes nothing.
    if (ended !== undefined) this.fire('ended', ended);
    this.shutdown = (async () => {
      if (connection) {
        const closed = await closeWithin(
          connection,
          reason === 'ended' ? 'meeting ended' : reason,
          this.options.closeTimeoutMs,
        );
        this.fire('disconnected', closed.code, closed.reason || reason);
      }
      this.log('info', 'stopped', `subscriber of meeting ${this.conferenceID} stopped (${reason})`);
      this.fire('stopped', reason);
    })();
    return this.shutdown;
  }

  private clearConnectionTimers(): void {
    clearInterval(this.heartbeatTimer);
    clearTimeout(this.deadTimer);
    clearTimeout(this.staleTimer);
    clearTimeout(this.closeGuardTimer);
    this.heartbeatTimer = undefined;
    this.deadTimer = undefined;
    this.staleTimer = undefined;
    this.closeGuardTimer = undefined;
  }

  private count(action: string): void {
    this.counters.framesByType[action] = (this.counters.framesByType[action] ?? 0) + 1;
  }

  private emitError(error: MeetingSubscriberError): void {
    this.log('error', error.kind, error.message);
    if (this.listenerCount('error') > 0) this.fire('error', error);
  }

  /** Emits without letting a listener's exception reach the socket's event loop. */
  private fire<K extends keyof MeetingSubscriberEvents>(event: K, ...args: MeetingSubscriberEvents[K]): void {
    try {
      (this.emit as (event: K, ...args: MeetingSubscriberEvents[K]) => boolean)(event, ...args);
    } catch (error) {
      this.log('error', 'listener-threw', `a '${event}' listener threw: ${this.redact(error)}`);
    }
  }

  private log(level: SubscriberLogEntry['level'], event: string, message: string): void {
    if (!this.onLog) return;
    try {
      this.onLog({ level, event, message, conferenceID: this.conferenceID });
    } catch {
      // A logger that throws must not take the subscriber down.
    }
  }

  /** The text of an error with the current tokens (raw, URL-encoded, base64) masked. */
  private redact(error: unknown): string {
    let text = error instanceof Error ? error.message : String(error);
    for (const secret of this.secrets) {
      for (const form of [
        secret,
        encodeURIComponent(secret),
        Buffer.from(secret, 'utf8').toString('base64'),
      ]) {
        if (form.length > 0) text = text.split(form).join('***');
      }
    }
    return text;
  }
}

/** True for an error code meaning the meeting does not exist or is not running (`MMC.` prefix optional). */
export function meetingGone(code: string): boolean {
  return MEETING_GONE_CODES.includes(code.replace(/^[A-Za-z]+\./, ''));
}

/** The text of a frame: `ws` hands text frames over as strings, binary ones as buffers. */
function frameText(data: unknown): string {
  if (typeof data === 'string') return data;
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  if (Array.isArray(data) && data.every((part) => Buffer.isBuffer(part))) {
    return Buffer.concat(data).toString('utf8');
  }
  // Not text at all: parseServerFrame refuses it as not JSON.
  return '';
}

/** Closes a socket cleanly and waits for it, dropping it when the peer does not answer in time. */
async function closeWithin(
  connection: Connection,
  reason: string,
  timeoutMs: number,
): Promise<{ code: number; reason: string }> {
  const { socket, closed } = connection;
  try {
    socket.close(CLOSE_NORMAL, reason);
  } catch {
    socket.terminate?.();
  }
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, timeoutMs, undefined);
  });
  const first = await Promise.race([closed, timedOut]);
  clearTimeout(timer);
  if (first) return first;
  if (!socket.terminate) return { code: 1006, reason: 'close handshake timed out' };
  socket.terminate();
  // `ws` always reports a terminated socket closed; bounded anyway.
  const second = await Promise.race([
    closed,
    new Promise<undefined>((resolve) => {
      timer = setTimeout(resolve, timeoutMs, undefined);
    }),
  ]);
  clearTimeout(timer);
  return second ?? { code: 1006, reason: 'close handshake timed out' };
}
