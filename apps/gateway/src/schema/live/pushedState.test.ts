import { describe, expect, it } from 'vitest';
import { data, useGateway } from '../../testing/harness.js';

const { gql, tokenFor, sim } = useGateway();

async function simCall(path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${sim().url}/__sim${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

describe('liveMeeting from the pushed state', () => {
  it('lists the speakers and the waiting room as pushed', async () => {
    const admin = await tokenFor('admin', ['admin']);
    const running = [...sim().store.meetings.values()].find((m) => m.state === 'Created');
    if (!running) throw new Error('the demo seed has no meeting in progress');
    const id = running.conferenceID;
    const speaker = await simCall(`/meetings/${id}/participants`, { name: 'Ivy' });
    await simCall(`/meetings/${id}/participants`, { name: 'Judy', waiting: true });
    await simCall(`/meetings/${id}/push/speak`, { pid: speaker.pid, volume: 70 });
    const query = `query($id: ID!) { liveMeeting(meetingId: $id) { status speakers { participantId name volume } waitingList { name state } } }`;
    // The pushed state may need a moment to arrive after the first query opened the stream.
    let live:
      | {
          status: string;
          speakers: { participantId: string; volume: number }[];
          waitingList: { name: string }[];
        }
      | undefined;
    for (let attempt = 0; attempt < 20; attempt++) {
      live = data(await gql(admin, query, { id })).liveMeeting;
      if (live?.speakers.length && live.waitingList.length) break;
      await simCall(`/meetings/${id}/push/speak`, { pid: speaker.pid, volume: 70 });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(live?.status).toBe('IN_PROGRESS');
    expect(live?.speakers).toContainEqual({ participantId: speaker.pid, name: 'Ivy', volume: 70 });
    expect(live?.waitingList).toContainEqual({ name: 'Judy', state: 'WAITING' });
  });

  it('answers empty pushed lists for a meeting that is not running', async () => {
    const alice = await tokenFor('alice');
    const scheduled = [...sim().store.meetings.values()].find(
      (m) => m.state === 'Schedule' && m.subject === 'Design review',
    );
    if (!scheduled) throw new Error('the demo seed has no scheduled review');
    const live = data(
      await gql(
        alice,
        'query($id: ID!) { liveMeeting(meetingId: $id) { status speakers { name } waitingList { name } } }',
        {
          id: scheduled.conferenceID,
        },
      ),
    ).liveMeeting;
    expect(live).toEqual({ status: 'SCHEDULED', speakers: [], waitingList: [] });
  });
});
