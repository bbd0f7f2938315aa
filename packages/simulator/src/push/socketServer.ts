/**
 * The meeting-level WebSocket push endpoint (control-and-push.md B.1): upgrades on the published path with a
 * single-use `tmpToken`, keeps the open connections per meeting, feeds them every store change of their meeting,
 * closes them when the meeting ends or heartbeats stop. Other upgrade paths get an HTTP 404 answer.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { PUSH_SOCKET_PATH } from '@hwmeeting/events/wire';
import { WebSocketServer } from 'ws';
import type { MeetingRecord } from '../state/meetings.js';
import { meetingUpdated, type RunningMeeting } from '../state/participants.js';
import type { Store, StoreChange } from '../state/store.js';
import { CloseCode, type ConnectionHost, type HeartbeatBehaviour, PushConnection } from './connection.js';
import { destroyedInfo, type MeetingView, meetingView } from './frameBuilders.js';
import { observe, type PushEvents, SPEAKER_HOLD_MS } from './meetingTracker.js';

/** The published push path; `confID` and `tmpToken` come as query parameters. */
/** The published push path (shared with the events library's subscriber). */
export const PUSH_PATH = PUSH_SOCKET_PATH;
/** Default HeartBeat timeout: 180 s (B.3). */
export const DEFAULT_HEARTBEAT_TIMEOUT_MS = 180_000;
/** Largest client frame accepted; larger ones close the socket (1009), as ws does. */
const MAX_CLIENT_FRAME_BYTES = 64 * 1024;

const NO_EVENTS: PushEvents = { inviteResults: [], caption: undefined };

/** Options of {@link attachPushServer}. */
export interface PushServerOptions {
  /** Close a socket (4000) when no HeartBeat arrived for this long, real time or simulated (default 180000). */
  heartbeatTimeoutMs?: number | undefined;
}

const servers = new WeakMap<Store, PushServer>();

/** The push server attached to a store's simulator, if any (the test-control routes reach it this way). */
export function pushServerOf(store: Store): PushServer | undefined {
  return servers.get(store);
}

/** Answers a refused upgrade in plain HTTP and drops the socket. */
function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  const body = JSON.stringify({ error_code: 'APIGW.0101', error_msg: reason, request_id: 'push' });
  socket.end(
    `HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : 'Bad Request'}\r\nConnection: close\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** The push side of one simulator. */
export class PushServer implements ConnectionHost {
  readonly store: Store;
  readonly heartbeatTimeoutMs: number;
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES });
  private readonly byMeeting = new Map<string, Set<PushConnection>>();
  /** Heartbeat behaviour per meeting set through the test control; new connections take it too. */
  private readonly heartbeatByMeeting = new Map<string, HeartbeatBehaviour>();
  private readonly ticker: NodeJS.Timeout;
  private readonly onChange = (change: StoreChange) => this.safely(() => this.handleChange(change));
  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) =>
    this.safely(() => {
      try {
        this.upgrade(req, socket, head);
      } catch (error) {
        socket.destroy();
        throw error;
      }
    });
  private server: Server | undefined;

  constructor(store: Store, options: PushServerOptions = {}) {
    this.store = store;
    this.heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? DEFAULT_HEARTBEAT_TIMEOUT_MS;
    store.events.on('change', this.onChange);
    // Check often enough to close within about a quarter of the timeout, and to notice a clock advance soon.
    const tickMs = Math.min(1000, Math.max(5, Math.floor(this.heartbeatTimeoutMs / 4)));
    this.ticker = setInterval(() => this.safely(() => this.checkHeartbeats()), tickMs);
    this.ticker.unref();
  }

  /** Serves the push path on an http server's `upgrade` event. */
  attach(server: Server): this {
    this.server = server;
    server.on('upgrade', this.onUpgrade);
    servers.set(this.store, this);
    return this;
  }

  /** Open connections, of one meeting or of all. */
  connections(conferenceID?: string): PushConnection[] {
    if (conferenceID !== undefined) return [...(this.byMeeting.get(conferenceID) ?? [])];
    return [...this.byMeeting.values()].flatMap((set) => [...set]);
  }

  /** Sets how a meeting's sockets answer heartbeats, now and for those opened later. */
  setHeartbeat(conferenceID: string, behaviour: HeartbeatBehaviour): number {
    this.heartbeatByMeeting.set(conferenceID, behaviour);
    const open = this.connections(conferenceID);
    for (const connection of open) connection.setHeartbeat(behaviour);
    return open.length;
  }

  /** The current view of a running meeting. */
  view(conferenceID: string): MeetingView | undefined {
    const meeting = this.store.meetings.get(conferenceID);
    if (!meeting?.live || meeting.state !== 'Created') return undefined;
    return meetingView(this.store, meeting as RunningMeeting);
  }

  /** Switches a running meeting's captions on or off; the change reaches everyone as a store change. */
  setSubtitles(conferenceID: string, on: boolean): void {
    const meeting = this.store.meetings.get(conferenceID);
    if (!meeting?.live || meeting.live.subtitlesOn === on) return;
    meeting.live.subtitlesOn = on;
    meetingUpdated(this.store, meeting, { subtitlesOn: on });
  }

  /** Forgets a closed connection. */
  forget(connection: PushConnection): void {
    const set = this.byMeeting.get(connection.conferenceID);
    if (!set) return;
    set.delete(connection);
    if (set.size === 0) this.byMeeting.delete(connection.conferenceID);
  }

  /** Stops serving: drops every socket and stops listening to the store. */
  close(): void {
    clearInterval(this.ticker);
    this.store.events.off('change', this.onChange);
    this.server?.off('upgrade', this.onUpgrade);
    for (const connection of this.connections()) connection.terminate();
    this.wss.close();
    if (servers.get(this.store) === this) servers.delete(this.store);
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // A client that vanishes mid-handshake must not become an unhandled error.
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://simulator.local');
    if (url.pathname !== PUSH_PATH) {
      refuseUpgrade(socket, 404, `no WebSocket endpoint at ${url.pathname}`);
      return;
    }
    const conferenceID = url.searchParams.get('confID') ?? '';
    // The token is consumed by the attempt, whatever follows (single use, A.2).
    const refusal = this.admit(conferenceID, url.searchParams.get('tmpToken') ?? '');
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      if (refusal) {
        ws.on('error', () => ws.terminate());
        ws.close(CloseCode.POLICY, refusal);
        return;
      }
      const connection = new PushConnection(ws, conferenceID, this, {
        answer: true,
        silent: false,
        ...this.heartbeatByMeeting.get(conferenceID),
      });
      let set = this.byMeeting.get(conferenceID);
      if (!set) {
        set = new Set();
        this.byMeeting.set(conferenceID, set);
      }
      set.add(connection);
    });
  }

  /** Consumes the tmpToken; answers why the connection is refused, or undefined when it may open. */
  private admit(conferenceID: string, tmpToken: string): string | undefined {
    const record = this.store.wsTokens.get(tmpToken);
    if (record) this.store.wsTokens.delete(tmpToken);
    if (!record || record.conferenceID !== conferenceID || this.store.clock.now() >= record.expiresAtMs) {
      return 'tmpToken invalid, used or expired';
    }
    const meeting = this.store.meetings.get(conferenceID);
    if (!meeting?.live || meeting.state !== 'Created') return 'meeting not in progress';
    return undefined;
  }

  private handleChange(change: StoreChange): void {
    const conferenceID = change.conferenceID;
    if (conferenceID === undefined) return;
    const meeting = this.store.meetings.get(conferenceID);
    const running = meeting?.live && meeting.state === 'Created' ? (meeting as RunningMeeting) : undefined;
    // The tracker follows every running meeting, watched or not, so that a later subscriber sees it right.
    const events = running ? observe(this.store, running.live, change) : NO_EVENTS;
    if (running && change.kind === 'participant.speaking') {
      // Speakers fall silent after the hold time: look again then.
      this.store.timers.after(SPEAKER_HOLD_MS + 10, () => this.refresh(conferenceID));
    }
    this.publish(conferenceID, meeting, running, events);
  }

  /** Re-publishes a meeting's view with no event (speakers that fell silent). */
  private refresh(conferenceID: string): void {
    this.safely(() => {
      const meeting = this.store.meetings.get(conferenceID);
      const running = meeting?.live && meeting.state === 'Created' ? (meeting as RunningMeeting) : undefined;
      this.publish(conferenceID, meeting, running, NO_EVENTS);
    });
  }

  private publish(
    conferenceID: string,
    meeting: MeetingRecord | undefined,
    running: RunningMeeting | undefined,
    events: PushEvents,
  ): void {
    const open = this.connections(conferenceID);
    if (open.length === 0) return;
    if (!running) {
      // Ended (or cancelled): connections exist only on running meetings, so this one has just stopped.
      const destroyed = destroyedInfo(meeting, this.store.clock.now());
      for (const connection of open) connection.meetingEnded(destroyed);
      return;
    }
    const view = meetingView(this.store, running);
    for (const connection of open) connection.publish(view, events);
  }

  private checkHeartbeats(): void {
    for (const connection of this.connections()) {
      if (connection.heartbeatExpired(this.heartbeatTimeoutMs)) {
        connection.close(CloseCode.HEARTBEAT_TIMEOUT, 'heartbeat timeout');
      }
    }
  }

  /** Runs push work so that a bug in it never reaches the REST call that changed the state. */
  private safely(work: () => void): void {
    try {
      work();
    } catch (error) {
      process.stderr.write(`simulator: push failed: ${(error as Error).stack ?? String(error)}\n`);
    }
  }
}

/** Attaches a push server to a simulator's http server and store. */
export function attachPushServer(server: Server, store: Store, options: PushServerOptions = {}): PushServer {
  return new PushServer(store, options).attach(server);
}
