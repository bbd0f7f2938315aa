// Test support for the webhook tests: a real HTTP receiver on 127.0.0.1 that records every delivery and
// answers as the test says. Not exported from the package index.
import { EventEmitter } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One delivery as the receiver got it. */
export interface ReceivedDelivery {
  /** Path and query as requested. */
  path: string;
  method: string;
  headers: IncomingHttpHeaders;
  /** The raw body. */
  body: string;
  /** The body parsed (undefined when it is not JSON). */
  // biome-ignore lint/suspicious/noExplicitAny: test deliveries are checked field by field
  json: any;
}

/** How the receiver answers a delivery: a status and body, or `hang` (never answer). */
export type ReceiverAnswer = { status: number; body?: string } | 'hang';

/** A receiver's answering rule; `index` counts deliveries from 0. */
export type ReceiverBehaviour = (delivery: ReceivedDelivery, index: number) => ReceiverAnswer;

/** The answer a correct receiver gives: the verify echo, else an empty 200. */
export const correctAnswer: ReceiverBehaviour = (delivery) =>
  delivery.json?.eventInfo?.event === 'meeting.verify'
    ? { status: 200, body: JSON.stringify({ event: 'meeting.verify', nonce: delivery.json.nonce }) }
    : { status: 200 };

/** A recording webhook receiver. */
export class TestReceiver {
  readonly received: ReceivedDelivery[] = [];
  /** Replace to change how it answers. */
  behaviour: ReceiverBehaviour = correctAnswer;
  private readonly arrivals = new EventEmitter();

  private constructor(
    private readonly server: Server,
    /** Base URL, e.g. `http://127.0.0.1:40123`. */
    readonly url: string,
  ) {}

  /** Starts a receiver on an ephemeral loopback port. */
  static async start(): Promise<TestReceiver> {
    let self: TestReceiver | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(body);
        } catch {
          json = undefined;
        }
        const delivery = {
          path: req.url ?? '/',
          method: req.method ?? '',
          headers: req.headers,
          body,
          json,
        };
        if (!self) return;
        const index = self.received.length;
        self.received.push(delivery);
        const answer = self.behaviour(delivery, index);
        self.arrivals.emit('delivery');
        if (answer === 'hang') return;
        res.writeHead(answer.status, answer.body ? { 'Content-Type': 'application/json' } : {});
        res.end(answer.body ?? '');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    self = new TestReceiver(server, `http://127.0.0.1:${port}`);
    return self;
  }

  /** Deliveries of events other than meeting.verify. */
  events(): ReceivedDelivery[] {
    return this.received.filter((d) => d.json?.eventInfo?.event !== 'meeting.verify');
  }

  /** Resolves once `count` deliveries match (rejects after `timeoutMs`); answers the matching ones. */
  waitFor(
    count: number,
    match: (delivery: ReceivedDelivery) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<ReceivedDelivery[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.received.filter(match);
        if (found.length < count) return false;
        clearTimeout(timer);
        this.arrivals.off('delivery', check);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        this.arrivals.off('delivery', check);
        reject(
          new Error(
            `waited ${timeoutMs} ms for ${count} deliveries, got ${this.received.filter(match).length}`,
          ),
        );
      }, timeoutMs);
      if (!check()) this.arrivals.on('delivery', check);
    });
  }

  /** Forgets what it received and answers correctly again. */
  reset(): void {
    this.received.length = 0;
    this.behaviour = correctAnswer;
  }

  /** Stops the receiver, cutting hung requests. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
