// A scriptable meeting server on a loopback port for the client's own tests: real HTTP, answers chosen per test.
// (The simulator depends on this package, so the client cannot use it without a dependency cycle.)
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the server received it. */
export interface ReceivedRequest {
  method: string;
  /** Path without the query. */
  path: string;
  /** The query parameters. */
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** The client closed the connection before an answer was written (an abort reached the socket). */
  closedEarly: boolean;
}

/** An answer, or `hang`: never answer. */
export type Reply = { status: number; body?: unknown; headers?: Record<string, string> } | 'hang';

/** Answers one request. */
export type Handler = (request: ReceivedRequest) => Reply | Promise<Reply>;

/** A running fake upstream. */
export interface FakeUpstream {
  url: string;
  /** Every request received, in order. */
  requests: ReceivedRequest[];
  /** The requests for `METHOD /path`. */
  received(route: string): ReceivedRequest[];
  /** Answers `METHOD /path` (without the query) with `handler` from now on. */
  on(route: string, handler: Handler): void;
  close(): Promise<void>;
}

/** A token answer of a login or refresh, with fresh random tokens. */
export function tokenAnswer(validPeriodSeconds = 3600): Record<string, unknown> {
  return {
    accessToken: randomBytes(20).toString('hex'),
    validPeriod: validPeriodSeconds,
    expireTime: Math.floor(Date.now() / 1000) + validPeriodSeconds,
    refreshToken: randomBytes(20).toString('hex'),
    refreshValidPeriod: 7200,
    user: { ucloginAccount: 'admin@corp' },
  };
}

/** The routes a client needs for logins, `users.me` and `meetings.list`; tests replace what they fault. */
const DEFAULT_ROUTES: Record<string, Handler> = {
  'POST /v2/usg/acs/auth/appauth': () => ({ status: 200, body: tokenAnswer() }),
  'PUT /v1/usg/acs/token': () => ({ status: 200, body: tokenAnswer() }),
  'GET /v1/usg/dcs/member': () => ({
    status: 200,
    body: { id: 'u-1', userAccount: 'admin@corp', name: 'Admin', status: 0 },
  }),
  'GET /v1/mmc/management/conferences': () => ({
    status: 200,
    body: { offset: 0, limit: 20, count: 0, data: [] },
  }),
};

/** Starts a fake upstream on 127.0.0.1 with an ephemeral port. */
export async function startFakeUpstream(): Promise<FakeUpstream> {
  const routes = new Map(Object.entries(DEFAULT_ROUTES));
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const received: ReceivedRequest = {
        method: req.method ?? 'GET',
        path: (req.url ?? '/').split('?')[0] ?? '/',
        query: new URL(req.url ?? '/', 'http://upstream').searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        closedEarly: false,
      };
      requests.push(received);
      res.on('close', () => {
        if (!res.writableFinished) received.closedEarly = true;
      });
      const handler = routes.get(`${received.method} ${received.path}`);
      const answer = async (): Promise<void> => {
        const reply: Reply = handler
          ? await handler(received)
          : { status: 404, body: { error_code: 'NOT_FOUND', error_msg: 'no route' } };
        if (reply === 'hang' || res.destroyed) return;
        res.writeHead(reply.status, { 'Content-Type': 'application/json', ...reply.headers });
        res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
      };
      answer().catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    received: (route) => requests.filter((r) => `${r.method} ${r.path}` === route),
    on: (route, handler) => routes.set(route, handler),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A control-token answer (A.1) with a fresh random token, valid 30 minutes. */
export function controlTokenAnswer(): Record<string, unknown> {
  return {
    data: {
      token: randomBytes(16).toString('hex'),
      role: 1,
      expireTime: Date.now() + 1_800_000,
      confTokenExpireTime: 1800,
    },
  };
}

/** A 5xx or 4xx answer in the meeting server's error shape. */
export function errorReply(status: number, code = `TEST.${status}`, headers?: Record<string, string>): Reply {
  return {
    status,
    body: { error_code: code, error_msg: 'scripted failure' },
    ...(headers ? { headers } : {}),
  };
}
