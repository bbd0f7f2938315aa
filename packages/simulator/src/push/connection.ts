/**
 * One subscriber's WebSocket (control-and-push.md B.2-B.7): Subscribe and its answer, HeartBeat echo, the
 * ConfControl caption switch, full frames then increments numbered per connection and per message type
 * (reference README), and the closing rules. Malformed client frames are counted and ignored.
 */
import { performance } from 'node:perf_hooks';
import {
  type AttendeeNotify,
  confControlFrameSchema,
  heartBeatFrameSchema,
  SUBSCRIBE_TYPES,
  type SubscribeFrame,
  type SubscribeType,
  subscribeFrameSchema,
  subtitleControlDataSchema,
} from '@hwmeeting/events/wire';
import { type RawData, WebSocket } from 'ws';
import { controlTokenFrom } from '../http/dispatch.js';
import type { ControlTokenRecord, Store } from '../state/store.js';
import {
  ATTENDEE_KEY_FIELDS,
  basicInfoFor,
  captionFrame,
  dynamicIncrement,
  entryListIncrement,
  type FrameFields,
  type InfoMap,
  inviteResultFields,
  type MeetingView,
  NET_KEY_FIELDS,
  pidListFull,
  pidListIncrement,
  speakerFields,
  stamp,
} from './frameBuilders.js';
import type { PushEvents } from './meetingTracker.js';

/** WebSocket close codes of the reference README decisions. */
export const CloseCode = {
  /** The meeting ended. */
  MEETING_ENDED: 1001,
  /** Bad, reused or expired tmpToken; meeting not in progress; Subscribe refused. */
  POLICY: 1008,
  /** No HeartBeat within the timeout. */
  HEARTBEAT_TIMEOUT: 4000,
} as const;

/**
 * `returnCode` of a refused Subscribe: the client-SDK code "authentication failed" (UNVERIFIED: the failure
 * answer is not published; the reference README fixes only its shape).
 */
export const SUBSCRIBE_AUTH_FAILED = 111070004;

/** Malformed frames the test control can make the server send. */
export const MALFORMED_KINDS = ['not-json', 'no-action', 'schema', 'binary'] as const;
/** One kind of malformed frame. */
export type MalformedKind = (typeof MALFORMED_KINDS)[number];

/** What a connection needs from the push server. */
export interface ConnectionHost {
  readonly store: Store;
  /** The current view of a running meeting, undefined when it does not run. */
  view(conferenceID: string): MeetingView | undefined;
  /** Switches a meeting's live captions on or off. */
  setSubtitles(conferenceID: string, on: boolean): void;
  /** The connection is closing or closed: forget it. */
  forget(connection: PushConnection): void;
}

/** What this connection last sent of each message type, to compute the next increment from. */
interface SentViews {
  basic?: string;
  dynamic?: FrameFields;
  participants?: ReadonlyMap<string, InfoMap>;
  waiting?: ReadonlyMap<string, InfoMap>;
  attendees?: ReadonlyMap<string, AttendeeNotify>;
  net?: ReadonlyMap<string, FrameFields>;
  speakers?: string;
  interpreterGroups?: string;
}

/** How a connection treats heartbeats (test control can make a socket look dead). */
export interface HeartbeatBehaviour {
  /** Echo HeartBeat frames (default true). */
  answer: boolean;
  /** Send nothing at all: no echoes and no pushes (default false). */
  silent: boolean;
}

/** A summary of one connection for the test control. */
export interface ConnectionSummary {
  id: string;
  conferenceID: string;
  subscribed: string[];
  /** Last increment number sent per type since its full frame. */
  increments: Record<string, number>;
  answersHeartbeats: boolean;
  silent: boolean;
  msSinceHeartbeat: number;
  heartbeatsReceived: number;
  ignoredFrames: number;
}

const KNOWN_TYPES = new Set<string>(SUBSCRIBE_TYPES);
const isSubscribeType = (name: string): name is SubscribeType => KNOWN_TYPES.has(name);

function textOf(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

/** A live control token of this meeting (raw or `Basic base64(token)`), or undefined. */
function controlTokenOf(
  store: Store,
  confToken: string,
  conferenceID: string,
): ControlTokenRecord | undefined {
  const record = store.controlTokens.get(controlTokenFrom(confToken) ?? '');
  if (!record || record.conferenceID !== conferenceID || store.clock.now() >= record.expiresAtMs)
    return undefined;
  return record;
}

let nextConnectionNumber = 1;

/** One subscriber connection on the push endpoint. */
export class PushConnection {
  readonly id = `ws-${nextConnectionNumber++}`;
  readonly conferenceID: string;
  private readonly socket: WebSocket;
  private readonly host: ConnectionHost;
  private subscribed = new Set<SubscribeType>();
  private role: 0 | 1 = 0;
  private sent: SentViews = {};
  private readonly counters = new Map<SubscribeType, number>();
  private readonly pendingSkips = new Map<SubscribeType, number>();
  private lastBeatRealMs = performance.now();
  private lastBeatSimMs: number;
  private ignoredFrames = 0;
  private heartbeatsReceived = 0;
  private closed = false;
  private readonly heartbeat: HeartbeatBehaviour;

  constructor(socket: WebSocket, conferenceID: string, host: ConnectionHost, heartbeat: HeartbeatBehaviour) {
    this.socket = socket;
    this.conferenceID = conferenceID;
    this.host = host;
    this.heartbeat = { ...heartbeat };
    this.lastBeatSimMs = host.store.clock.now();
    socket.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    socket.on('close', () => this.markClosed());
    // An abrupt peer: ws reports the error and closes; nothing to do but not crash.
    socket.on('error', () => this.markClosed());
  }

  /** Whether a Subscribe succeeded on this socket. */
  get isSubscribed(): boolean {
    return this.subscribed.size > 0;
  }

  /** Whether no heartbeat arrived for `timeoutMs`, in real time or on the simulator's clock. */
  heartbeatExpired(timeoutMs: number): boolean {
    const real = performance.now() - this.lastBeatRealMs;
    const simulated = this.host.store.clock.now() - this.lastBeatSimMs;
    return real >= timeoutMs || simulated >= timeoutMs;
  }

  /** Pushes what changed between the last frames sent and `view`, then the event-like frames. */
  publish(view: MeetingView, events: PushEvents): void {
    if (this.closed || this.subscribed.size === 0) return;
    const has = (type: SubscribeType) => this.subscribed.has(type);
    if (has('ConfBasicInfoNotify')) {
      const basic = basicInfoFor(view.basic, this.role);
      const text = JSON.stringify(basic);
      if (text !== this.sent.basic) {
        this.sent.basic = text;
        this.full('ConfBasicInfoNotify', basic);
      }
    }
    if (has('ConfDynamicInfoNotify')) {
      const changed = dynamicIncrement(this.sent.dynamic ?? {}, view.dynamic);
      this.sent.dynamic = view.dynamic;
      if (changed) this.increment('ConfDynamicInfoNotify', changed);
    }
    if (has('ParticipantsNotify')) {
      const data = pidListIncrement(this.sent.participants ?? new Map(), view.participants);
      this.sent.participants = view.participants;
      if (data.length > 0) this.increment('ParticipantsNotify', { data });
    }
    if (has('WaitingListNotify')) {
      const data = pidListIncrement(this.sent.waiting ?? new Map(), view.waiting);
      this.sent.waiting = view.waiting;
      if (data.length > 0) this.increment('WaitingListNotify', { data });
    }
    if (has('AttendeesNotify')) {
      const data = entryListIncrement(this.sent.attendees ?? new Map(), view.attendees, ATTENDEE_KEY_FIELDS);
      this.sent.attendees = view.attendees;
      if (data.length > 0) this.increment('AttendeesNotify', { data });
    }
    if (has('NetConditionNotify')) {
      const data = entryListIncrement(this.sent.net ?? new Map(), view.net, NET_KEY_FIELDS);
      this.sent.net = view.net;
      if (data.length > 0) this.increment('NetConditionNotify', { data });
    }
    if (has('SpeakerChangeNotify')) {
      // Always a full replacement (B.5.5).
      const text = JSON.stringify(view.speakers);
      if (text !== this.sent.speakers) {
        this.sent.speakers = text;
        this.full('SpeakerChangeNotify', speakerFields(view.speakers));
      }
    }
    if (has('InterpreterGroupNotify')) {
      // Taken as a full replacement (B.5.10, UNVERIFIED).
      const text = JSON.stringify(view.interpreterGroups);
      if (text !== this.sent.interpreterGroups) {
        this.sent.interpreterGroups = text;
        this.full('InterpreterGroupNotify', { data: view.interpreterGroups });
      }
    }
    if (has('InviteResultNotify') && events.inviteResults.length > 0) {
      this.event('InviteResultNotify', inviteResultFields(events.inviteResults));
    }
    if (has('RealTimeSubtitleNotify') && events.caption) {
      this.send(captionFrame(this.conferenceID, events.caption, this.host.store.clock.now()));
    }
  }

  /** The meeting ended: say so in ConfDynamicInfoNotify (when subscribed), then close with 1001. */
  meetingEnded(destroyed: FrameFields): void {
    if (this.closed) return;
    if (this.subscribed.has('ConfDynamicInfoNotify')) this.increment('ConfDynamicInfoNotify', destroyed);
    this.close(CloseCode.MEETING_ENDED, 'meeting ended');
  }

  /** Closes with a code and reason (a closing handshake). */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.markClosed();
    this.socket.close(code, reason);
  }

  /** Drops the socket without a closing frame, as a broken network would. */
  terminate(): void {
    this.markClosed();
    this.socket.terminate();
  }

  /** The next increment of `type` skips one number (test control). */
  skipNext(type: SubscribeType): void {
    this.pendingSkips.set(type, (this.pendingSkips.get(type) ?? 0) + 1);
  }

  /** Changes how heartbeats are answered (test control). */
  setHeartbeat(behaviour: HeartbeatBehaviour): void {
    Object.assign(this.heartbeat, behaviour);
  }

  /** Sends a malformed frame (test control). */
  sendMalformed(kind: MalformedKind): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    switch (kind) {
      case 'not-json':
        this.socket.send('{"action":"ParticipantsNotify","data":[{"pid":');
        break;
      case 'no-action':
        this.socket.send(JSON.stringify({ confID: this.conferenceID, msgMode: 1, version: 1 }));
        break;
      case 'schema':
        this.socket.send(
          JSON.stringify({ action: 'ParticipantsNotify', confID: this.conferenceID, msgMode: 7, data: 'x' }),
        );
        break;
      case 'binary':
        this.socket.send(Buffer.from([0xff, 0xfe, 0x00, 0x01]), { binary: true });
        break;
    }
  }

  /** A summary for the test control (no tokens). */
  summary(): ConnectionSummary {
    return {
      id: this.id,
      conferenceID: this.conferenceID,
      subscribed: [...this.subscribed],
      increments: Object.fromEntries(this.counters),
      answersHeartbeats: this.heartbeat.answer,
      silent: this.heartbeat.silent,
      msSinceHeartbeat: Math.round(performance.now() - this.lastBeatRealMs),
      heartbeatsReceived: this.heartbeatsReceived,
      ignoredFrames: this.ignoredFrames,
    };
  }

  private markClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.host.forget(this);
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    try {
      if (this.closed || isBinary) {
        this.ignoredFrames++;
        return;
      }
      const text = textOf(data);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        this.ignoredFrames++;
        return;
      }
      const action =
        json !== null && typeof json === 'object' ? (json as { action?: unknown }).action : undefined;
      if (action === 'HeartBeat' && heartBeatFrameSchema.safeParse(json).success) {
        this.onHeartBeat(text);
      } else if (action === 'Subscribe') {
        const frame = subscribeFrameSchema.safeParse(json);
        if (frame.success) this.onSubscribe(frame.data);
        else this.ignoredFrames++;
      } else if (action === 'ConfControl') {
        this.onConfControl(json);
      } else {
        this.ignoredFrames++;
      }
    } catch {
      // Never let a client frame take the simulator down; the frame is simply not understood.
      this.ignoredFrames++;
    }
  }

  private onHeartBeat(text: string): void {
    this.heartbeatsReceived++;
    this.lastBeatRealMs = performance.now();
    this.lastBeatSimMs = this.host.store.clock.now();
    // The server answers with the same frame (B.3).
    if (this.heartbeat.answer) this.send(text);
  }

  private onSubscribe(frame: SubscribeFrame): void {
    const { store } = this.host;
    const token = controlTokenOf(store, frame.data.confToken, this.conferenceID);
    const otherMeeting =
      frame.data.conferenceID !== undefined && frame.data.conferenceID !== this.conferenceID;
    if (!token || otherMeeting) {
      this.send({
        action: 'Subscribe',
        sequence: frame.sequence,
        data: {
          returnCode: SUBSCRIBE_AUTH_FAILED,
          returnDesc: otherMeeting
            ? 'conferenceID does not match the connection'
            : 'conference token invalid or expired',
        },
      });
      this.close(CloseCode.POLICY, 'subscribe refused');
      return;
    }
    this.role = token.role;
    // Unknown names are ignored; a new Subscribe replaces the set and restarts every type's numbering.
    this.subscribed = new Set(frame.data.subscribeType.filter(isSubscribeType));
    this.sent = {};
    this.counters.clear();
    this.pendingSkips.clear();
    this.send({
      action: 'Subscribe',
      sequence: frame.sequence,
      data: { returnCode: 0, returnDesc: 'SUCCESS' },
    });
    const view = this.host.view(this.conferenceID);
    if (view) this.sendFullFrames(view);
  }

  private onConfControl(json: unknown): void {
    const frame = confControlFrameSchema.safeParse(json);
    const data = frame.success ? subtitleControlDataSchema.safeParse(frame.data.data) : undefined;
    if (
      !frame.success ||
      frame.data.type !== 'REALTIMESUBTITLE' ||
      !data?.success ||
      data.data.conferenceID !== this.conferenceID ||
      !controlTokenOf(this.host.store, data.data.confToken, this.conferenceID)
    ) {
      this.ignoredFrames++;
      return;
    }
    this.host.setSubtitles(this.conferenceID, data.data.isSubtitle === 1);
  }

  /** One full frame per subscribed type the state can produce, right after a successful Subscribe. */
  private sendFullFrames(view: MeetingView): void {
    for (const type of this.subscribed) {
      switch (type) {
        case 'ConfBasicInfoNotify': {
          const basic = basicInfoFor(view.basic, this.role);
          this.sent.basic = JSON.stringify(basic);
          this.full(type, basic);
          break;
        }
        case 'ConfDynamicInfoNotify':
          this.sent.dynamic = view.dynamic;
          this.full(type, view.dynamic);
          break;
        case 'ParticipantsNotify':
          this.sent.participants = view.participants;
          this.full(type, pidListFull(view.participants));
          break;
        case 'WaitingListNotify':
          this.sent.waiting = view.waiting;
          this.full(type, pidListFull(view.waiting));
          break;
        case 'AttendeesNotify':
          this.sent.attendees = view.attendees;
          this.full(type, { data: [...view.attendees.values()] });
          break;
        case 'NetConditionNotify':
          this.sent.net = view.net;
          this.full(type, { data: [...view.net.values()] });
          break;
        case 'SpeakerChangeNotify':
          this.sent.speakers = JSON.stringify(view.speakers);
          this.full(type, speakerFields(view.speakers));
          break;
        case 'InterpreterGroupNotify':
          this.sent.interpreterGroups = JSON.stringify(view.interpreterGroups);
          this.full(type, { data: view.interpreterGroups });
          break;
        // Event-like types have no state to snapshot: invite results come as events, captions as their own frames.
        case 'InviteResultNotify':
        case 'RealTimeSubtitleNotify':
          break;
      }
    }
  }

  /** A full frame (msgMode 0, version = epoch ms); the type's increments count again from 1. */
  private full(type: SubscribeType, fields: FrameFields): void {
    const now = this.host.store.clock.now();
    this.counters.set(type, 0);
    this.send(stamp(type, this.conferenceID, 0, now, now, fields));
  }

  /**
   * An event-like frame outside the increment numbering: msgMode 0 and a timestamp `version`, as the published
   * InviteResultNotify sample has them. UNVERIFIED (published-behaviour.md §5): the sample is the only source.
   */
  private event(type: SubscribeType, fields: FrameFields): void {
    const now = this.host.store.clock.now();
    this.send(stamp(type, this.conferenceID, 0, now, now, fields));
  }

  /** An increment (msgMode 1, version = the type's next number on this connection). */
  private increment(type: SubscribeType, fields: FrameFields): void {
    const skip = this.pendingSkips.get(type) ?? 0;
    this.pendingSkips.delete(type);
    const number = (this.counters.get(type) ?? 0) + 1 + skip;
    this.counters.set(type, number);
    this.send(stamp(type, this.conferenceID, 1, number, this.host.store.clock.now(), fields));
  }

  private send(frame: object | string): void {
    if (this.heartbeat.silent || this.socket.readyState !== WebSocket.OPEN) return;
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }
}
