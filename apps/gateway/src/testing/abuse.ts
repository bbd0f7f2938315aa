// Shared by the abuse suite (src/abuse/*.fuzz.test.ts): a gateway whose every log line and every write to stderr
// is kept, the checks every answer must pass, the heap measured after garbage collection, and the fuzz budget.
// Test-only: excluded from the build and exported under no package path.
import { Writable } from 'node:stream';
import { format } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type fc from 'fast-check';
import { pino } from 'pino';
import { afterAll, beforeAll, expect } from 'vitest';
import WebSocket from 'ws';
import { z } from 'zod';
import { REDACTED_PATHS } from '../observability/logger.js';
import { type GatewayHarness, useGateway } from './harness.js';

/** A fake password planted in fuzzed bodies, variables and messages: it must never reach a log line or stderr. */
export const MARKER = 'Pw-abuse-marker-5e1f0c';

/** The webhook subscriber of the abuse gateways (so that the suite can sign deliveries). */
export const WEBHOOK = { subscriberId: 'abuse-subscriber', subscriberKey: 'abuse-subscriber-key' } as const;

/** The seed of every property (`ABUSE_SEED` replays another). */
export const FUZZ_SEED = Number(process.env.ABUSE_SEED ?? 20_261_010);
// `ABUSE_TIME_FACTOR` stretches every time budget (e.g. 20 for a long local run).
const TIME_FACTOR = Number(process.env.ABUSE_TIME_FACTOR ?? 1);

/** fast-check settings: the fixed seed, and as many runs as fit in `budgetMs` (scaled by ABUSE_TIME_FACTOR). */
export function fuzzBudget<T>(budgetMs: number, extra: fc.Parameters<T> = {}): fc.Parameters<T> {
  return {
    seed: FUZZ_SEED,
    numRuns: 1_000_000,
    interruptAfterTimeLimit: budgetMs * TIME_FACTOR,
    markInterruptAsFailure: false,
    ...extra,
  };
}

/** A test's time-out that leaves room for a property's budget, its shrinking and the set-up around it. */
export function timeoutFor(budgetMs: number): number {
  return budgetMs * TIME_FACTOR * 3 + 15_000;
}

// --------------------------------------------------------------------------------------------- the gateway

/** Production or development behaviour (Express, Apollo and the gateway's own). */
export type GatewayMode = 'production' | 'development';

/** The abuse suite's gateway: the harness, plus what it logged and wrote to stderr. */
export interface AbuseGateway extends GatewayHarness {
  /** `http://127.0.0.1:port` (no path). */
  origin(): string;
  /** Every log line of the gateway's pino logger (level trace), as written. */
  logText(): string;
  /** Everything written to stderr and the console while the file ran. */
  stderrText(): string;
  /** Fails unless `/healthz` answers 200 `{"status":"ok"}`. */
  expectAlive(): Promise<void>;
}

/**
 * Starts a simulator and a gateway (in `mode`) for the file, with a logger at level trace into memory and the
 * webhook route mounted; stderr and the console are recorded (and still shown) from before the start to the
 * end. Express decides at creation whether to print errors (and with them raw bodies) from `NODE_ENV`, which
 * vitest sets to `test`; so `NODE_ENV` is `mode` while the gateway is created, as it would be when deployed.
 */
export function useAbuseGateway(mode: GatewayMode, env: Record<string, string> = {}): AbuseGateway {
  const logs: string[] = [];
  const stderr: string[] = [];
  const logger = pino(
    { level: 'trace', base: { service: 'hwmeeting-gateway' }, redact: { paths: REDACTED_PATHS } },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(chunk.toString());
        done();
      },
    }),
  );
  const restore: (() => void)[] = [];
  const nodeEnv = process.env.NODE_ENV;

  beforeAll(() => {
    const write = process.stderr.write;
    process.stderr.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
      stderr.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString());
      return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof process.stderr.write;
    restore.push(() => {
      process.stderr.write = write;
    });
    // Express and Node's own warnings print through the console, which vitest routes past process.stderr.
    for (const method of ['error', 'warn', 'log', 'info', 'debug', 'trace'] as const) {
      const original = console[method];
      console[method] = (...args: unknown[]) => {
        stderr.push(`${format(...args)}\n`);
        original.apply(console, args);
      };
      restore.push(() => {
        console[method] = original;
      });
    }
    process.env.NODE_ENV = mode;
  });
  const harness = useGateway({
    env: {
      NODE_ENV: mode,
      HOST: '127.0.0.1',
      RATE_LIMIT_PER_MINUTE: '100000000',
      WEBHOOK_SUBSCRIBER_ID: WEBHOOK.subscriberId,
      WEBHOOK_SUBSCRIBER_KEY: WEBHOOK.subscriberKey,
      ...env,
    },
    gateway: () => ({ logger }),
  });
  beforeAll(() => {
    process.env.NODE_ENV = nodeEnv;
  });
  afterAll(() => {
    for (const undo of restore.splice(0).reverse()) undo();
  });

  const origin = () => new URL(harness.gateway().url).origin;
  return {
    ...harness,
    origin,
    logText: () => logs.join(''),
    stderrText: () => stderr.join(''),
    async expectAlive() {
      const response = await fetch(`${origin()}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok' });
    },
  };
}

/** Fails when the marker planted in bodies reached the gateway's log or stderr (naming where, with context). */
export function expectMarkerNeverLogged(gateway: AbuseGateway): void {
  for (const [where, text] of [
    ['the gateway log', gateway.logText()],
    ['stderr', gateway.stderrText()],
  ] as const) {
    const at = text.indexOf(MARKER);
    expect(at === -1 ? '' : `${where}: ...${text.slice(Math.max(0, at - 300), at + 100)}...`).toBe('');
  }
}

// ------------------------------------------------------------------------------------------------- memory

let collect: (() => void) | undefined;

/** The heap in use after two full garbage collections (gc made available without a flag on the command line). */
export function heapAfterGc(): number {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

/** Most the heap may grow over a file's run (the gateway, the simulator and the test share the process). */
export const HEAP_GROWTH_BOUND = 48 * 1024 * 1024;

/** Fails when the heap, after garbage collection, grew by `bound` bytes or more since `before`. */
export function expectHeapGrowthBelow(before: number, bound = HEAP_GROWTH_BOUND): void {
  const growth = heapAfterGc() - before;
  if (process.env.ABUSE_REPORT_HEAP)
    console.info(`abuse suite: heap grew ${(growth / 1048576).toFixed(1)} MB`);
  expect(growth, `the heap grew ${(growth / 1048576).toFixed(1)} MB`).toBeLessThan(bound);
}

// ------------------------------------------------------------------------------------------------ answers

/** A GraphQL error as every refusal must carry it: a message and `extensions.code`. */
export const codedErrorSchema = z.looseObject({
  message: z.string(),
  extensions: z.looseObject({ code: z.string().min(1) }),
});

/** A GraphQL answer whose errors are all coded. */
const graphQLAnswerSchema = z.looseObject({
  data: z.unknown().optional(),
  errors: z.array(codedErrorSchema).min(1).optional(),
});

/** The webhook route's refusal: its own JSON shape, `error` being the code. */
export const webhookRefusalSchema = z.looseObject({
  error: z.string().min(1),
  message: z.string().optional(),
});

/** An HTTP answer as read: status, content type and body text. */
export interface RawAnswer {
  status: number;
  contentType: string;
  text: string;
}

/** Reads a fetch response whole. */
export async function readAnswer(response: Response): Promise<RawAnswer> {
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text: await response.text(),
  };
}

const isJson = (contentType: string) => /^application\/(graphql-response\+)?json\b/i.test(contentType);

/** The JSON of an answer, or undefined. */
function jsonOf(answer: RawAnswer): unknown {
  try {
    return JSON.parse(answer.text);
  } catch {
    return undefined;
  }
}

/** Codes of the GraphQL errors of a JSON answer. */
export function codesOf(body: unknown): string[] {
  const errors = (body as { errors?: { extensions?: { code?: unknown } }[] } | undefined)?.errors ?? [];
  return errors.map((error) => String(error?.extensions?.code));
}

/**
 * What is wrong with an HTTP answer of the GraphQL endpoint (or any path but the webhook's): empty when it is
 * fine. Never a 5xx; every answer JSON; every refusal or error with a code, never INTERNAL_SERVER_ERROR (the
 * upstream is healthy, so that code can only mean the gateway failed on a client's input).
 */
export function graphQLAnswerProblems(answer: RawAnswer): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`HTTP ${answer.status}`);
  const body = jsonOf(answer);
  if (!isJson(answer.contentType) || body === undefined) {
    problems.push(`not JSON (${answer.status} ${answer.contentType}): ${answer.text.slice(0, 120)}`);
    return problems;
  }
  const parsed = graphQLAnswerSchema.safeParse(body);
  if (!parsed.success) problems.push(`uncoded: ${answer.text.slice(0, 200)}`);
  else if (answer.status >= 400 && !parsed.data.errors) problems.push(`HTTP ${answer.status} without errors`);
  else if (answer.status < 400 && !parsed.data.errors && parsed.data.data === undefined)
    problems.push('neither data nor errors');
  if (codesOf(body).includes('INTERNAL_SERVER_ERROR'))
    problems.push(`INTERNAL_SERVER_ERROR: ${answer.text.slice(0, 200)}`);
  return problems;
}

/** What is wrong with an answer of the webhook route: empty when it is fine. */
export function webhookAnswerProblems(answer: RawAnswer): string[] {
  if (answer.status >= 500) return [`HTTP ${answer.status}: ${answer.text.slice(0, 120)}`];
  if (answer.status < 400) return [];
  const body = jsonOf(answer);
  if (!isJson(answer.contentType) || body === undefined)
    return [`not JSON (${answer.status} ${answer.contentType}): ${answer.text.slice(0, 120)}`];
  return webhookRefusalSchema.safeParse(body).success ? [] : [`uncoded: ${answer.text.slice(0, 200)}`];
}

// ----------------------------------------------------------------------------------------------- graphql-ws

/** How one graphql-ws operation ended. */
export type WsOutcome =
  | { kind: 'results'; results: { data?: unknown; errors?: unknown[] }[] }
  | { kind: 'error'; errors: unknown[] }
  | { kind: 'closed'; code: number; reason: string }
  | { kind: 'timeout'; results: number };

/**
 * One socket speaking graphql-transport-ws by hand (no client library, so that nothing is checked or fixed on the
 * way out: the server sees exactly what the fuzzer made): initialised with a token, one operation at a time,
 * opened again after the server closed it.
 */
export class WsSession {
  private raw: RawSocket | undefined;
  private opening: Promise<RawSocket> | undefined;
  // One operation at a time: fast-check's time limit abandons a run mid-operation, and the next test's first run
  // must not open or send on the same socket while that one is still under way.
  private queue: Promise<unknown> = Promise.resolve();
  private ids = 0;

  constructor(
    private readonly gateway: AbuseGateway,
    private readonly token: string,
  ) {}

  /** Runs one operation to its end (complete, error, close), or `timeoutMs`. */
  operation(payload: { query: string; variables?: unknown }, timeoutMs = 10_000): Promise<WsOutcome> {
    const run = this.queue.then(() => this.runOperation(payload, timeoutMs));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runOperation(
    payload: { query: string; variables?: unknown },
    timeoutMs: number,
  ): Promise<WsOutcome> {
    const raw = await this.open();
    if (raw.isClosed()) {
      const { code, reason } = await raw.closed;
      return { kind: 'closed', code, reason };
    }
    const id = String(++this.ids);
    const results: { data?: unknown; errors?: unknown[] }[] = [];
    const outcome = new Promise<WsOutcome>((resolve) => {
      const onMessage = (data: unknown) => {
        let message: { id?: unknown; type?: unknown; payload?: unknown };
        try {
          message = JSON.parse(String(data));
        } catch {
          return;
        }
        if (message.id !== id) return;
        if (message.type === 'next') results.push(message.payload as { data?: unknown; errors?: unknown[] });
        else if (message.type === 'error') finish({ kind: 'error', errors: message.payload as unknown[] });
        else if (message.type === 'complete') finish({ kind: 'results', results });
      };
      const onClose = (code: number, reason: Buffer) =>
        finish({ kind: 'closed', code, reason: reason.toString() });
      const timer = setTimeout(() => finish({ kind: 'timeout', results: results.length }), timeoutMs);
      const finish = (value: WsOutcome) => {
        clearTimeout(timer);
        raw.socket.off('message', onMessage);
        raw.socket.off('close', onClose);
        resolve(value);
      };
      raw.socket.on('message', onMessage);
      raw.socket.on('close', onClose);
    });
    raw.socket.send(JSON.stringify({ id, type: 'subscribe', payload }));
    return outcome;
  }

  /** Closes the socket. */
  close(): void {
    this.raw?.socket.terminate();
  }

  /** The open, acknowledged socket (a new one when the last was closed). */
  private open(): Promise<RawSocket> {
    if (this.raw && !this.raw.isClosed() && this.raw.socket.readyState === WebSocket.OPEN)
      return Promise.resolve(this.raw);
    this.opening ??= this.connect().finally(() => {
      this.opening = undefined;
    });
    return this.opening;
  }

  private async connect(): Promise<RawSocket> {
    const raw = rawSocket(this.gateway);
    this.raw = raw;
    await raw.opened;
    raw.socket.send(
      JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${this.token}` } }),
    );
    await raw.until(() => raw.received.some((m) => (m as { type?: unknown }).type === 'connection_ack'));
    return raw;
  }
}

/**
 * A close that refuses a client's message: graphql-ws's 4xxx (but 4500, its internal error) with a reason, or
 * WebSocket's own 1009 (message too big, which says all by its code).
 */
export const isRefusalClose = (code: number, reason: string) =>
  (code >= 4000 && code < 5000 && code !== 4500 && reason !== '') || code === 1009;

/**
 * What is wrong with a graphql-ws outcome: empty when fine. Errors coded (never INTERNAL_SERVER_ERROR), a close
 * only with a refusal code ({@link isRefusalClose}), no time-out.
 */
export function wsOutcomeProblems(outcome: WsOutcome): string[] {
  const problems: string[] = [];
  const check = (errors: unknown[]) => {
    for (const error of errors) {
      if (!codedErrorSchema.safeParse(error).success)
        problems.push(`uncoded: ${JSON.stringify(error).slice(0, 200)}`);
    }
    if (codesOf({ errors }).includes('INTERNAL_SERVER_ERROR'))
      problems.push(`INTERNAL_SERVER_ERROR: ${JSON.stringify(errors).slice(0, 200)}`);
  };
  if (outcome.kind === 'timeout') problems.push(`no end after ${outcome.results} results`);
  if (outcome.kind === 'error') check(outcome.errors);
  if (outcome.kind === 'results') for (const result of outcome.results) check(result.errors ?? []);
  if (outcome.kind === 'closed' && !isRefusalClose(outcome.code, outcome.reason))
    problems.push(`closed ${outcome.code} "${outcome.reason}"`);
  return problems;
}

/** The operation was refused as a whole (no `data` at all): parse, validation, limits, variables. */
export function wsRefused(outcome: WsOutcome): boolean {
  if (outcome.kind === 'error' || outcome.kind === 'closed') return true;
  return (
    outcome.kind === 'results' && outcome.results.length === 1 && !('data' in (outcome.results[0] ?? {}))
  );
}

/** A raw graphql-transport-ws socket: every message the server sent, and how it closed. */
export interface RawSocket {
  socket: WebSocket;
  /** Server messages, parsed (or the text when not JSON). */
  received: unknown[];
  /** Resolves once the socket is open (rejects when the upgrade is refused). */
  opened: Promise<void>;
  /** Resolves with the close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
  isClosed(): boolean;
  /** Waits until `predicate` holds or the socket closes, at most `timeoutMs`. */
  until(predicate: () => boolean, timeoutMs?: number): Promise<void>;
}

/** Opens a raw socket to the gateway's graphql-ws endpoint (subprotocol graphql-transport-ws). */
export function rawSocket(gateway: AbuseGateway): RawSocket {
  const socket = new WebSocket(gateway.gateway().wsUrl, 'graphql-transport-ws');
  const received: unknown[] = [];
  let isClosed = false;
  socket.on('message', (data) => {
    const text = String(data);
    try {
      received.push(JSON.parse(text));
    } catch {
      received.push(text);
    }
  });
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.once('close', (code, reason) => {
      isClosed = true;
      resolve({ code, reason: reason.toString() });
    });
  });
  // An error after opening (e.g. a reset) also ends in 'close'; without a listener it would be thrown.
  opened.catch(() => undefined);
  socket.on('error', () => undefined);
  return {
    socket,
    received,
    opened,
    closed,
    isClosed: () => isClosed,
    async until(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate() && !isClosed && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
  };
}
