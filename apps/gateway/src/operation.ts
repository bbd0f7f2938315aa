import { type Context, ROOT_CONTEXT, type Span } from '@opentelemetry/api';
import type { Logger } from 'pino';
import type { Viewer } from './auth/jwt.js';
import { OperationDeadline } from './deadline.js';
import { logOperation, type OperationLogEntry, type OperationOutcome } from './observability/operationLog.js';
import {
  endOperationSpan,
  nameOperationSpan,
  startOperationSpan,
  withSpan,
} from './observability/tracing.js';

/** How an operation reached the gateway. */
export type OperationTransport = 'http' | 'ws';

/** How an operation ended, as its transport saw it. */
export interface OperationEnd {
  /** The client went away before the answer was sent. */
  cancelled?: boolean | undefined;
  /** HTTP status of the answer. */
  status?: number | undefined;
}

/**
 * One GraphQL operation as it runs: its request id, deadline (the signal of its upstream calls), span and the
 * facts of its log line. Its transport finishes it once: the answer sent, or (subscriptions) the stream opened.
 */
export class GatewayOperation {
  readonly deadline: OperationDeadline;
  // Let go once ended: a subscription's context (and with it this operation) lives as long as the subscription.
  private span: Span | undefined;
  private readonly started = performance.now();
  private userId: string | undefined;
  private type: string | undefined;
  private name: string | undefined;
  private readonly codes = new Set<string>();
  private done = false;

  constructor(
    readonly transport: OperationTransport,
    readonly requestId: string,
    private readonly parent: Context,
    timeoutMs: number,
    private readonly ended: (operation: GatewayOperation, entry: OperationLogEntry) => void,
  ) {
    this.deadline = new OperationDeadline(timeoutMs);
    this.span = startOperationSpan(parent, transport, requestId);
  }

  /** Aborted past the deadline or at shutdown: the signal of every upstream call the operation makes. */
  get signal(): AbortSignal {
    return this.deadline.signal;
  }

  /** Records who calls (their user ID goes in the log line; never their token). */
  identify(viewer: Viewer): void {
    this.userId = viewer.userId;
  }

  /** Records the operation's type and name (and names its span after them); the type is unknown when unparsable. */
  describe(type: string | undefined, name: string | undefined): void {
    this.type = type;
    this.name = name;
    if (type !== undefined && this.span) nameOperationSpan(this.span, type, name);
  }

  /** True once {@link describe} has been called. */
  get described(): boolean {
    return this.type !== undefined;
  }

  /** Records the `extensions.code` of errors answered. */
  recordErrors(codes: Iterable<string>): void {
    for (const code of codes) this.codes.add(code);
  }

  /** Runs `work` with the operation's span active (upstream spans become its children). */
  run<T>(work: () => T): T {
    return this.span ? withSpan(this.parent, this.span, work) : work();
  }

  /** Ends the operation (once): stops its deadline, ends its span and writes its log line. */
  finish(end: OperationEnd = {}): void {
    if (this.done) return;
    this.done = true;
    this.deadline.stop();
    const errorCodes = [...this.codes];
    const outcome: OperationOutcome = end.cancelled
      ? 'cancelled'
      : errorCodes.length > 0 || (end.status ?? 200) >= 400
        ? 'error'
        : 'ok';
    if (this.span) endOperationSpan(this.span, outcome, errorCodes);
    this.span = undefined;
    this.codes.clear();
    this.ended(this, {
      requestId: this.requestId,
      transport: this.transport,
      userId: this.userId,
      operationType: this.type,
      operationName: this.name,
      durationMs: performance.now() - this.started,
      outcome,
      errorCodes,
      ...(end.status === undefined ? {} : { status: end.status }),
    });
  }
}

/**
 * Starts operations and keeps those in flight (until finished), so that shutdown can wait for them, then abort
 * what is left. Each finished operation writes its one log line.
 */
export class OperationTracker {
  private readonly inFlight = new Set<GatewayOperation>();
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly logger: Logger,
    private readonly timeoutMs: number,
  ) {}

  /** Starts an operation (and its deadline) under `parent`, the caller's trace context when it sent one. */
  start(transport: OperationTransport, requestId: string, parent: Context = ROOT_CONTEXT): GatewayOperation {
    const operation = new GatewayOperation(transport, requestId, parent, this.timeoutMs, (done, entry) => {
      this.inFlight.delete(done);
      logOperation(this.logger, entry);
      if (this.inFlight.size === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    });
    this.inFlight.add(operation);
    return operation;
  }

  /** Operations started and not yet finished. */
  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** Aborts every operation in flight (shutdown): their upstream calls are cut and they answer SHUTTING_DOWN. */
  abortAll(): number {
    for (const operation of this.inFlight) operation.deadline.abort('shutdown');
    return this.inFlight.size;
  }

  /** Resolves true once no operation is in flight, or false after `timeoutMs`. */
  whenIdle(timeoutMs: number): Promise<boolean> {
    if (this.inFlight.size === 0) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.idleWaiters = this.idleWaiters.filter((waiter) => waiter !== wake);
        resolve(false);
      }, timeoutMs);
      this.idleWaiters.push(wake);
    });
  }
}
