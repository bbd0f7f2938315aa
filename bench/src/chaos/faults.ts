import { SUBSCRIBE_TYPES } from '@hwmeeting/events/wire';
import type { SeededRandom } from '@hwmeeting/simulator';
import type { Tally } from './tally.js';

/** The kinds of fault the soak injects through the simulator's `/__sim/` API. */
export const FAULT_KINDS = [
  'socket-kill',
  '5xx-storm',
  '429',
  'hang',
  'reset',
  'malformed-rest',
  'malformed-frame',
  'skipped-change',
  'token-revocation',
  'token-expiry',
  'latency',
  'silent-socket',
] as const;
/** One kind of fault. */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The kinds injected unless `--faults` says otherwise: all but a silent socket, which the gateway notices late. */
export const DEFAULT_FAULTS: readonly FaultKind[] = FAULT_KINDS.filter((kind) => kind !== 'silent-socket');

/**
 * Where a storm hits: one upstream area (each has its own breaker in the client, so the others must go on
 * working), or every call now and then.
 */
const STORM_AREAS: { pathPrefix?: string }[] = [
  { pathPrefix: '/v1/mmc/management/conferences' },
  { pathPrefix: '/v1/mmc/control' },
  { pathPrefix: '/v1/usg/dcs' },
  { pathPrefix: '/v1/usg/acs' },
  {},
];

/** How often each kind comes up against the others: what the push side does most, storms least. */
const WEIGHTS: Record<FaultKind, number> = {
  'socket-kill': 3,
  'malformed-frame': 2,
  'skipped-change': 2,
  'silent-socket': 1,
  'token-revocation': 1,
  'token-expiry': 1,
  hang: 1,
  reset: 1,
  'malformed-rest': 1,
  latency: 1,
  '5xx-storm': 1,
  '429': 1,
};

/** What the injector needs: the simulator, the meetings watched, the kinds, and what to count. */
export interface FaultOptions {
  simUrl: string;
  meetingIds: readonly string[];
  kinds: readonly FaultKind[];
  random: SeededRandom;
  tally: Tally;
  /** Mean pause between two faults. */
  meanIntervalMs: number;
}

/**
 * Injects one random fault after another through `/__sim/`: upstream socket kills, storms of 5xx and 429
 * answers, hung and reset calls, malformed answers and frames, skipped changes (a missed frame the gateway must
 * notice and resynchronise), token revocations and expiries, latency, and (when asked) silent sockets.
 */
export class FaultInjector {
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly silenced = new Set<string>();

  private readonly draw: FaultKind[];

  constructor(private readonly options: FaultOptions) {
    this.draw = options.kinds.flatMap((kind) => Array<FaultKind>(WEIGHTS[kind]).fill(kind));
  }

  /** Starts injecting. */
  start(): void {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        await this.inject(this.options.random.pick(this.draw));
        await new Promise((resolve) =>
          setTimeout(resolve, this.options.random.below(2 * this.options.meanIntervalMs)),
        );
      }
    })();
  }

  /** Stops injecting (faults already queued stay until `heal`). */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** Removes every queued fault and lets silenced sockets speak again. */
  async heal(): Promise<void> {
    await this.control('DELETE', '/faults');
    for (const id of this.silenced)
      await this.control('PUT', `/meetings/${id}/push/heartbeats`, { answer: true, silent: false });
    this.silenced.clear();
  }

  private async inject(kind: FaultKind): Promise<void> {
    const { random } = this.options;
    const id = random.pick(this.options.meetingIds);
    const count = (min: number, max: number) => min + random.below(max - min + 1);
    switch (kind) {
      case 'socket-kill':
        await this.control('POST', `/meetings/${id}/push/drop`);
        break;
      case '5xx-storm':
        await this.storm(
          { kind: 'status', status: random.pick([500, 502, 503, 504]), ...random.pick(STORM_AREAS) },
          count(2000, 8000),
        );
        break;
      case '429':
        await this.storm(
          { kind: 'status', status: 429, retryAfterSeconds: 1, ...random.pick(STORM_AREAS) },
          count(1000, 4000),
        );
        break;
      case 'hang':
        await this.control('POST', '/faults', { kind: 'hang', count: count(1, 3) });
        break;
      case 'reset':
        await this.control('POST', '/faults', { kind: 'reset', count: count(1, 4) });
        break;
      case 'malformed-rest':
        await this.control('POST', '/faults', { kind: 'malformed', count: count(1, 4) });
        break;
      case 'malformed-frame':
        await this.control('POST', `/meetings/${id}/push/malformed`, {
          kind: random.pick(['not-json', 'no-action', 'schema', 'binary']),
        });
        break;
      case 'skipped-change':
        await this.control('POST', `/meetings/${id}/push/skip`, {
          type: random.pick(SUBSCRIBE_TYPES),
        });
        break;
      case 'token-revocation':
        await this.control('POST', '/tokens/revoke', {});
        break;
      case 'token-expiry':
        await this.control('POST', '/tokens/expire', {});
        break;
      case 'latency':
        await this.control('POST', '/faults', {
          kind: 'latency',
          delayMs: count(500, 4000),
          count: count(5, 20),
        });
        break;
      case 'silent-socket':
        this.silenced.add(id);
        await this.control('PUT', `/meetings/${id}/push/heartbeats`, { answer: false, silent: true });
        break;
    }
    this.options.tally.fault(kind);
  }

  /**
   * Every upstream call fails as `fault` says for `ms`, then the upstream is well again (the queue is cleared).
   * A storm is timed, not counted: an open breaker sends no calls, so a counted storm would hardly drain.
   */
  private async storm(fault: Record<string, unknown>, ms: number): Promise<void> {
    await this.control('POST', '/faults', { ...fault, count: 1_000_000 });
    await new Promise((resolve) => setTimeout(resolve, ms));
    await this.control('DELETE', '/faults');
  }

  /** Calls the simulator's test control; a refusal (e.g. the meeting just ended) is noted, not fatal. */
  private async control(method: string, path: string, body?: unknown): Promise<void> {
    const response = await fetch(`${this.options.simUrl}/__sim${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
    if (!response.ok)
      this.options.tally.example(
        'fault refused',
        `${method} ${path}: ${response.status} ${await response.text()}`,
      );
    else await response.arrayBuffer();
  }
}
