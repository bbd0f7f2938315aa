// Test support for the push tests: a WebSocket client that records frames and waits for them (bounded), and the
// published REST calls that lead to a push connection. Not exported from the package index.
import { WebSocket } from 'ws';
import { PUSH_PATH } from '../push/socketServer.js';
import type { Simulator } from '../server.js';
import { loginAs, rawCall } from './rawHttp.js';

/** A received frame as the tests read it: fields are checked one by one by their assertions. */
// biome-ignore lint/suspicious/noExplicitAny: frames are checked field by field by the assertions
export type Frame = any;

/** How a socket closed. */
export interface Closed {
  code: number;
  reason: string;
}

/** Default bound of every wait, in ms. */
const WAIT_MS = 3000;

/** A push client that keeps every frame; `take` hands them out in arrival order. */
export class PushTestClient {
  /** Every text frame received, parsed when it was JSON, else the raw text. */
  readonly frames: Frame[] = [];
  /** Raw texts of the frames, in order. */
  readonly texts: string[] = [];
  /** Resolves when the socket closes. */
  readonly closed: Promise<Closed>;
  readonly socket: WebSocket;
  private readonly taken = new Set<number>();
  private readonly waiters = new Set<() => void>();
  private closeInfo: Closed | undefined;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data, isBinary) => {
      const text = isBinary ? '<binary>' : data.toString();
      this.texts.push(text);
      let frame: Frame = text;
      try {
        frame = JSON.parse(text);
      } catch {
        // Kept as text: a malformed frame is what some tests look for.
      }
      this.frames.push(frame);
      for (const wake of [...this.waiters]) wake();
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => {
        this.closeInfo = { code, reason: reason.toString() };
        resolve(this.closeInfo);
        for (const wake of [...this.waiters]) wake();
      });
    });
    socket.on('error', () => {});
  }

  /** Opens a socket; resolves once open (or once closed, for refused tokens: then `closed` tells the code). */
  static open(url: string): Promise<PushTestClient> {
    const socket = new WebSocket(url);
    const client = new PushTestClient(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('unexpected-response', (_req, res) =>
        reject(new Error(`upgrade refused with HTTP ${res.statusCode}`)),
      );
      socket.once('error', reject);
    });
  }

  /** Sends a frame (objects as JSON). */
  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The first frame not yet taken that matches, waiting for it (bounded); it is then taken. */
  take(match: (frame: Frame) => boolean, what = 'a matching frame', timeoutMs = WAIT_MS): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const look = (): boolean => {
        for (let i = 0; i < this.frames.length; i++) {
          if (this.taken.has(i) || !match(this.frames[i])) continue;
          this.taken.add(i);
          resolve(this.frames[i]);
          return true;
        }
        return false;
      };
      if (look()) return;
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        reject(new Error(`timed out waiting for ${what}; received: ${this.texts.join('\n')}`));
      }, timeoutMs);
      const wake = () => {
        if (look()) {
          clearTimeout(timer);
          this.waiters.delete(wake);
        } else if (this.closeInfo) {
          clearTimeout(timer);
          this.waiters.delete(wake);
          reject(new Error(`socket closed (${this.closeInfo.code}) before ${what}`));
        }
      };
      this.waiters.add(wake);
    });
  }

  /** The next frame of a push type (`action`), optionally of a msgMode. */
  takeAction(action: string, msgMode?: 0 | 1): Promise<Frame> {
    return this.take(
      (f) => f?.action === action && (msgMode === undefined || f.msgMode === msgMode),
      `${action}${msgMode === undefined ? '' : ` msgMode ${msgMode}`}`,
    );
  }

  /** Frames of a type received so far (taken or not). */
  all(action: string): Frame[] {
    return this.frames.filter((f) => f?.action === action);
  }

  /** Waits for the close (bounded). */
  async waitClosed(timeoutMs = WAIT_MS): Promise<Closed> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('socket did not close in time')), timeoutMs);
    });
    try {
      return await Promise.race([this.closed, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes from the client side. */
  close(): void {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) {
      this.socket.terminate();
    }
  }
}

/** The control-token answer fields the tests use. */
export interface ControlAccess {
  token: string;
  tmpWsToken: string;
  wsURL: string;
}

/** A meeting created through the published REST call (no start time: it starts at once). */
export interface TestMeeting {
  conferenceID: string;
  chairPassword: string;
  guestPassword: string;
}

/** Creates an immediate meeting as the enterprise administrator; `extra` adds scheduling fields. */
export async function createRunningMeeting(
  sim: Simulator,
  extra: Record<string, unknown> = {},
): Promise<TestMeeting> {
  const accessToken = await loginAs(sim);
  const answer = await rawCall(sim, 'POST', '/v1/mmc/management/conferences', {
    token: accessToken,
    body: { subject: 'Push test', mediaTypes: 'HDVideo', length: 60, ...extra },
  });
  if (answer.status !== 200)
    throw new Error(`create meeting: HTTP ${answer.status} ${JSON.stringify(answer.json)}`);
  const info = answer.json[0];
  const pwd = (role: string) =>
    info.passwordEntry.find((p: { conferenceRole: string }) => p.conferenceRole === role)?.password as string;
  return { conferenceID: info.conferenceID, chairPassword: pwd('chair'), guestPassword: pwd('general') };
}

/** GET .../token with a meeting password (A.1). */
export async function controlAccess(
  sim: Simulator,
  conferenceID: string,
  password: string,
): Promise<ControlAccess> {
  const answer = await rawCall(sim, 'GET', `/v1/mmc/control/conferences/token?conferenceID=${conferenceID}`, {
    headers: { 'X-Password': password, 'X-Login-Type': '1' },
  });
  if (answer.status !== 200) throw new Error(`control token: HTTP ${answer.status}`);
  return answer.json.data as ControlAccess;
}

/** GET .../wsToken (A.2). */
export async function webSocketToken(
  sim: Simulator,
  conferenceID: string,
  controlToken: string,
): Promise<string> {
  const answer = await rawCall(
    sim,
    'GET',
    `/v1/mmc/control/conferences/wsToken?conferenceID=${conferenceID}`,
    {
      headers: { 'X-Conference-Authorization': controlToken },
    },
  );
  if (answer.status !== 200) throw new Error(`wsToken: HTTP ${answer.status}`);
  return answer.json.webSocketToken as string;
}

/** A control call with the token in X-Conference-Authorization. */
export function controlCall(
  sim: Simulator,
  method: string,
  path: string,
  controlToken: string,
  query: Record<string, string>,
  body?: unknown,
) {
  return rawCall(sim, method, `/v1/mmc/control/conferences${path}?${new URLSearchParams(query)}`, {
    headers: { 'X-Conference-Authorization': controlToken },
    body,
  });
}

/** The published push URL (B.1). */
export function pushURL(wsURL: string, conferenceID: string, tmpToken: string): string {
  return `${wsURL}${PUSH_PATH}?${new URLSearchParams({ confID: conferenceID, tmpToken })}`;
}

/** A Subscribe frame with `data` JSON-encoded and the token as `Basic base64(token)`, as the client sends. */
export function subscribeFrame(types: readonly string[], controlToken: string, sequence = '1'): unknown {
  return {
    action: 'Subscribe',
    sequence: sequence.padStart(30, '0'),
    data: JSON.stringify({
      subscribeType: types,
      confToken: `Basic ${Buffer.from(controlToken).toString('base64')}`,
    }),
  };
}

/** Someone joins through the test control; answers the pid. */
export async function join(
  sim: Simulator,
  conferenceID: string,
  body: Record<string, unknown>,
): Promise<string> {
  const answer = await rawCall(sim, 'POST', `/__sim/meetings/${conferenceID}/participants`, { body });
  if (answer.status !== 200) throw new Error(`join: HTTP ${answer.status} ${JSON.stringify(answer.json)}`);
  return answer.json.pid as string;
}

/** A host token, a fresh WebSocket token, and an open, subscribed client with its Subscribe answer taken. */
export async function subscribedClient(
  sim: Simulator,
  meeting: TestMeeting,
  types: readonly string[],
): Promise<{ client: PushTestClient; access: ControlAccess }> {
  const access = await controlAccess(sim, meeting.conferenceID, meeting.chairPassword);
  const tmpToken = await webSocketToken(sim, meeting.conferenceID, access.token);
  const client = await PushTestClient.open(pushURL(access.wsURL, meeting.conferenceID, tmpToken));
  client.send(subscribeFrame(types, access.token));
  const answer = await client.takeAction('Subscribe');
  if (answer.data?.returnCode !== 0) throw new Error(`subscribe refused: ${JSON.stringify(answer)}`);
  return { client, access };
}
