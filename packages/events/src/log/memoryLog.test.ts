import { describe, expect, it } from 'vitest';
import { MemoryPubSub } from '../pubsub/memory.js';
import { LocalOwnership } from './lease.js';
import { meetingLogContract } from './meetingLog.contract.js';
import { type MeetingLogTopics, MemoryMeetingLog } from './memoryLog.js';

meetingLogContract('MemoryMeetingLog', async (retention) => {
  const ownership = new LocalOwnership();
  // Serialised delivery, as a Redis transport would: subscribers get copies.
  const pubsub = new MemoryPubSub<MeetingLogTopics>({ serialize: true });
  const log = new MemoryMeetingLog({
    ...retention,
    pubsub,
    isCurrent: (id, token) => ownership.isCurrent(id, token),
  });
  return { log, ownership };
});

describe('MemoryMeetingLog', () => {
  it('closes the pub/sub it made itself, and leaves a shared one open', async () => {
    const shared = new MemoryPubSub<MeetingLogTopics>();
    const log = new MemoryMeetingLog({ pubsub: shared });
    const elsewhere = shared.subscribe('meeting:m1');
    const own = new MemoryMeetingLog();
    const ownSubscription = own.subscribe('m1');
    await log.close();
    await own.close();
    expect(elsewhere.closed).toBe(false);
    expect(ownSubscription.closed).toBe(true);
    elsewhere.unsubscribe();
  });
});
