// A consumer of a meeting watch for the tests: every event kept, the participants as the consumer sees them.
import type { ParticipantView, WatchedEvent } from '@hwmeeting/events';

/** Reads a watch in the background, keeping every event and the state as the consumer sees it. */
export function consumer(iterator: AsyncIterableIterator<WatchedEvent>) {
  const events: WatchedEvent[] = [];
  const participants = new Map<string, ParticipantView>();
  let done = false;
  const waiters: Array<() => void> = [];
  void (async () => {
    for await (const event of iterator) {
      events.push(event);
      if (event.type === 'snapshot') {
        participants.clear();
        for (const p of event.snapshot.participants) participants.set(p.participantId, p);
      } else if (event.type === 'changes') {
        for (const change of event.changes) {
          if (change.view !== 'participants') continue;
          if (change.kind === 'reset') {
            participants.clear();
            for (const p of change.items) participants.set(p.participantId, p);
          } else if (change.kind === 'upsert') participants.set(change.key, change.item);
          else if (change.kind === 'remove') participants.delete(change.key);
        }
      }
      for (const wake of waiters.splice(0)) wake();
    }
    done = true;
    for (const wake of waiters.splice(0)) wake();
  })();
  const until = async (predicate: () => boolean, what: string, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline)
        throw new Error(
          `timed out waiting for ${what}; events: ${events.map((e) => e.type + (e.type === 'status' ? `:${e.status}` : '')).join(',')}`,
        );
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  };
  return { events, participants, until, isDone: () => done, iterator };
}
