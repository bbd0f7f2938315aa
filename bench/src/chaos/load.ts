import type { SeededRandom, Simulator } from '@hwmeeting/simulator';
import { z } from 'zod';
import type { Tally } from './tally.js';

/** One operation of the load: the document, its variables and who sends it. */
interface Operation {
  name: string;
  query: string;
  variables: Record<string, unknown>;
  who: 'alice' | 'admin';
}

const answerSchema = z.looseObject({ data: z.unknown().optional(), errors: z.array(z.unknown()).optional() });

/** What the load needs: where to send, as whom, on which meetings, and what to count. */
export interface LoadOptions {
  url: () => string;
  tokens: Record<'alice' | 'admin', string>;
  sim: Simulator;
  meetingIds: readonly string[];
  random: SeededRandom;
  tally: Tally;
  /** Longest wait for an answer (the gateway may hang on a hung upstream). */
  timeoutMs: number;
}

/**
 * Queries and mutations sent by `concurrency` workers back to back, over HTTP: reads of meetings, users and
 * departments, live state, and meeting control (mute, hands, lock) on the meetings the subscribers watch, so
 * that what they see changes from the gateway's side too. Every answer is checked: no 5xx, every error coded.
 */
export class Load {
  private running = false;
  private readonly workers: Promise<void>[] = [];

  constructor(private readonly options: LoadOptions) {}

  /** Starts the workers. */
  start(concurrency: number): void {
    this.running = true;
    for (let i = 0; i < concurrency; i++) this.workers.push(this.work());
  }

  /** Stops the workers and waits for the operations in flight. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers.splice(0));
  }

  private async work(): Promise<void> {
    while (this.running) {
      await this.send(this.pick());
      // A breath between operations: a front end, not a flood (the abuse suite floods).
      await new Promise((resolve) => setTimeout(resolve, this.options.random.below(40)));
    }
  }

  /** A random participant online in a meeting, if any. */
  private someParticipant(meetingId: string): string | undefined {
    const live = this.options.sim.store.meetings.get(meetingId)?.live;
    const pids = [...(live?.participants.values() ?? [])].filter((p) => !p.waiting).map((p) => p.pid);
    return pids.length > 0 ? this.options.random.pick(pids) : undefined;
  }

  private pick(): Operation {
    const { random, meetingIds } = this.options;
    const id = random.pick(meetingIds);
    const pid = this.someParticipant(id);
    const choices: Operation[] = [
      {
        name: 'meetings',
        query: '{ meetings(first: 10) { totalCount edges { node { id subject state } } } }',
        variables: {},
        who: 'alice',
      },
      {
        name: 'meeting',
        query: 'query($id: ID!) { meeting(meetingId: $id) { id subject state } }',
        variables: { id },
        who: 'admin',
      },
      {
        name: 'liveMeeting',
        query:
          'query($id: ID!) { liveMeeting(meetingId: $id) { status participantCount participants { participantId muted } } }',
        variables: { id },
        who: 'admin',
      },
      {
        name: 'onlineMeetings',
        query: '{ onlineMeetings(first: 10) { totalCount } }',
        variables: {},
        who: 'admin',
      },
      {
        name: 'users',
        query: '{ users(first: 10) { edges { node { id name } } } }',
        variables: {},
        who: 'admin',
      },
      { name: 'departments', query: '{ departments { code name } }', variables: {}, who: 'admin' },
      { name: 'me', query: '{ me { id name } }', variables: {}, who: 'alice' },
      {
        name: 'lockMeeting',
        query:
          'mutation($id: ID!, $locked: Boolean!) { lockMeeting(meetingId: $id, locked: $locked) { ok } }',
        // Mostly unlocking: a locked meeting turns the activity's joins away.
        variables: { id, locked: random.below(4) === 0 },
        who: 'admin',
      },
      {
        name: 'createMeeting',
        query: 'mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }',
        variables: {
          input: {
            subject: `Chaos ${random.below(1e6)}`,
            startTime: new Date(Date.now() + 86_400_000).toISOString(),
          },
        },
        who: 'alice',
      },
    ];
    const scheduled = [...this.options.sim.store.meetings.values()].filter(
      (m) => m.state === 'Schedule' && m.subject.startsWith('Chaos '),
    );
    if (scheduled.length > 0) {
      choices.push({
        name: 'cancelMeeting',
        query: 'mutation($id: ID!) { cancelMeeting(meetingId: $id) }',
        variables: { id: random.pick(scheduled).conferenceID },
        who: 'alice',
      });
    }
    if (pid !== undefined) {
      choices.push(
        {
          name: 'muteParticipant',
          query:
            'mutation($id: ID!, $pid: ID!, $muted: Boolean!) { muteParticipant(meetingId: $id, participantId: $pid, muted: $muted) { ok } }',
          variables: { id, pid, muted: random.below(2) === 0 },
          who: 'admin',
        },
        {
          name: 'raiseHand',
          query: 'mutation($id: ID!, $pid: ID!) { raiseHand(meetingId: $id, participantIds: [$pid]) { ok } }',
          variables: { id, pid },
          who: 'admin',
        },
        {
          name: 'lowerHand',
          query: 'mutation($id: ID!, $pid: ID!) { lowerHand(meetingId: $id, participantIds: [$pid]) { ok } }',
          variables: { id, pid },
          who: 'admin',
        },
      );
    }
    return random.pick(choices);
  }

  private async send(operation: Operation): Promise<void> {
    const { tally } = this.options;
    tally.operations++;
    let response: Response;
    try {
      response = await fetch(this.options.url(), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${this.options.tokens[operation.who]}`,
        },
        body: JSON.stringify({ query: operation.query, variables: operation.variables }),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') {
        tally.timeouts++;
        tally.example('timeout', operation.name);
      } else {
        tally.transportErrors++;
        tally.example('transport', `${operation.name}: ${String((error as Error).cause ?? error)}`);
      }
      return;
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      tally.transportErrors++;
      tally.example('transport', `${operation.name}: ${String(error)}`);
      return;
    }
    if (response.status >= 500) {
      tally.http5xx++;
      tally.example('5xx', `${operation.name}: ${response.status} ${text}`);
    }
    let body: z.infer<typeof answerSchema>;
    try {
      body = answerSchema.parse(JSON.parse(text));
    } catch {
      tally.uncodedErrors++;
      tally.example('uncoded', `${operation.name}: ${response.status} not JSON: ${text}`);
      return;
    }
    tally.errors(body.errors, operation.name);
    if (!body.errors?.length && response.status < 400) tally.operationsOk++;
  }
}
