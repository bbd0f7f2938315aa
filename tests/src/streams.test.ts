// MeetingStreams against the simulator: one upstream socket for many consumers, a consistent state through
// dropped sockets and skipped increments, the meeting's end, and the grace period.
import { createMeetingClient, type MeetingClient } from '@hwmeeting/client';
import {
  CursorAheadError,
  MeetingStreams,
  type ParticipantView,
  parseCursor,
  type StreamPosition,
  type WatchedEvent,
} from '@hwmeeting/events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consumer } from './streamConsumer.js';
import { clientOptionsFor, simControl, useSimulator } from './support.js';

const sim = useSimulator({ seed: 'demo', answerDelayMs: 10 }, { fresh: true });
let client: MeetingClient;
let streams: MeetingStreams;
let conferenceID: string;

beforeEach(async () => {
  client = createMeetingClient(clientOptionsFor(sim()));
  streams = new MeetingStreams({
    client,
    graceMs: 50,
    subscriber: { heartbeatIntervalMs: 1000, backoffInitialMs: 20, backoffMaxMs: 100 },
  });
  const running = [...sim().store.meetings.values()].find((m) => m.state === 'Created');
  if (!running) throw new Error('the demo seed has no meeting in progress');
  conferenceID = running.conferenceID;
});
afterEach(async () => {
  await streams.close();
  await client.dispose();
});

async function join(name: string): Promise<string> {
  const joined = await simControl<{ pid: string }>(sim(), 'POST', `/meetings/${conferenceID}/participants`, {
    name,
  });
  return joined.pid;
}

/** The simulator's own truth: pid -> muted, for participants in the meeting. */
async function truth(): Promise<Map<string, boolean>> {
  const answer = await simControl<{
    participants: { pid: string; muted: boolean; state: number; waiting: boolean }[];
  }>(sim(), 'GET', `/meetings/${conferenceID}/participants`);
  return new Map(answer.participants.filter((p) => !p.waiting).map((p) => [p.pid, p.muted]));
}

const seen = (view: Map<string, ParticipantView>) =>
  new Map([...view.values()].map((p) => [p.participantId, p.muted]));

describe('MeetingStreams', () => {
  it('serves many consumers from one upstream socket, each starting with the snapshot', async () => {
    const consumers = [0, 1, 2].map(() => consumer(streams.watch(conferenceID)));
    for (const c of consumers)
      await c.until(() => c.events.some((e) => e.type === 'status' && e.status === 'live'), 'live');
    expect(streams.stats()).toMatchObject({ upstreamSockets: 1, consumers: 3 });
    const open = await simControl<{ connections: unknown[] }>(
      sim(),
      'GET',
      `/push/connections?conferenceID=${conferenceID}`,
    );
    expect(open.connections).toHaveLength(1);
    for (const c of consumers) expect(c.events[0]?.type).toBe('snapshot');
    const pid = await join('Erin');
    for (const c of consumers) await c.until(() => c.participants.has(pid), 'Erin joining');
    await client.control.mute(conferenceID, pid, true);
    for (const c of consumers) await c.until(() => c.participants.get(pid)?.muted === true, 'the mute');
    // A late joiner gets the current state at once.
    const late = consumer(streams.watch(conferenceID));
    await late.until(() => late.events.length > 0, 'the late snapshot');
    expect(late.events[0]?.type).toBe('snapshot');
    expect(late.participants.get(pid)?.muted).toBe(true);
  });

  it('keeps a consistent state through a dropped socket', async () => {
    const c = consumer(streams.watch(conferenceID));
    await c.until(() => c.events.some((e) => e.type === 'status' && e.status === 'live'), 'live');
    const first = await join('Frank');
    await c.until(() => c.participants.has(first), 'Frank');
    await simControl(sim(), 'POST', `/meetings/${conferenceID}/push/drop`);
    // Changes while the socket is down must still show up afterwards.
    const second = await join('Grace');
    await client.control.mute(conferenceID, first, true);
    await c.until(
      () => c.events.some((e) => e.type === 'status' && e.status === 'reconnecting'),
      'reconnecting',
    );
    await c.until(
      () => c.participants.has(second) && c.participants.get(first)?.muted === true,
      'the missed changes',
    );
    expect(seen(c.participants)).toEqual(await truth());
    expect(streams.stats().upstreamSockets).toBe(1);
  });

  it('resynchronises after a skipped increment and says so in the stream', async () => {
    const c = consumer(streams.watch(conferenceID));
    await c.until(() => c.events.some((e) => e.type === 'status' && e.status === 'live'), 'live');
    const pid = await join('Heidi');
    await c.until(() => c.participants.has(pid), 'Heidi');
    await simControl(sim(), 'POST', `/meetings/${conferenceID}/push/skip`, { type: 'ParticipantsNotify' });
    await client.control.mute(conferenceID, pid, true);
    await c.until(() => c.events.some((e) => e.type === 'status' && e.status === 'resyncing'), 'resyncing');
    await c.until(() => c.participants.get(pid)?.muted === true, 'the mute after resync');
    const resync = c.events.findIndex((e) => e.type === 'status' && e.status === 'resyncing');
    expect(c.events.slice(resync).some((e) => e.type === 'snapshot')).toBe(true);
    expect(seen(c.participants)).toEqual(await truth());
  });

  it('ends every watch when the meeting ends, and closes the socket after the grace period', async () => {
    const c = consumer(streams.watch(conferenceID));
    await c.until(() => c.events.some((e) => e.type === 'status' && e.status === 'live'), 'live');
    await client.control.end(conferenceID);
    await c.until(() => c.isDone(), 'the end of the watch');
    expect(c.events.at(-1)).toMatchObject({ type: 'status', status: 'ended' });
    await c.until(() => streams.stats().upstreamSockets === 0, 'the socket closing');
  });

  it('closes an idle socket after the grace period, and reopens one for a new consumer', async () => {
    const first = consumer(streams.watch(conferenceID));
    await first.until(() => first.events.some((e) => e.type === 'status' && e.status === 'live'), 'live');
    await first.iterator.return?.();
    await first.until(() => streams.stats().upstreamSockets === 0, 'the grace period');
    const again = consumer(streams.watch(conferenceID));
    await again.until(
      () => again.events.some((e) => e.type === 'status' && e.status === 'live'),
      'live again',
    );
    expect(streams.stats()).toMatchObject({ upstreamSockets: 1, consumers: 1 });
  });

  it('releases a watch returned or aborted before its first read', async () => {
    const returned = streams.watch(conferenceID);
    expect(streams.stats().consumers).toBe(1);
    await returned.return?.();
    const controller = new AbortController();
    streams.watch(conferenceID, { signal: controller.signal });
    controller.abort();
    expect(streams.stats().consumers).toBe(0);
    const deadline = Date.now() + 3000;
    while (streams.stats().upstreamSockets > 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(streams.stats()).toMatchObject({ upstreamSockets: 0, consumers: 0 });
  });
});

describe('MeetingStreams.setRealTimeSubtitle', () => {
  /** The captions a consumer received, in order. */
  const captionsOf = (c: ReturnType<typeof consumer>) =>
    c.events.flatMap((e) => (e.type === 'event' && e.event.kind === 'subtitle' ? [e.event.subtitle] : []));
  const isLive = (c: ReturnType<typeof consumer>) => () =>
    c.events.some((e) => e.type === 'status' && e.status === 'live');
  const speak = (pid: string, text: string) =>
    simControl(sim(), 'POST', `/meetings/${conferenceID}/push/speak`, { pid, text });

  it('switches captions on over the live socket: speech then arrives as subtitle events', async () => {
    const c = consumer(streams.watch(conferenceID));
    await c.until(isLive(c), 'live');
    const pid = await join('Ivan');
    await speak(pid, 'too early');
    // A later change proves the speech was handled without a caption.
    await client.control.mute(conferenceID, pid, true);
    await c.until(() => c.participants.get(pid)?.muted === true, 'the mute');
    expect(captionsOf(c)).toEqual([]);

    expect(await streams.setRealTimeSubtitle(conferenceID, true)).toBe(true);
    await speak(pid, 'Hello from Ivan');
    await c.until(() => captionsOf(c).length > 0, 'the caption');
    expect(captionsOf(c)[0]).toMatchObject({
      participantId: pid,
      isFinal: true,
      msgs: [{ subtitleLang: 'Original', translateText: 'Hello from Ivan' }],
    });
    expect(streams.stats()).toMatchObject({ upstreamSockets: 1, consumers: 1 });
  });

  it('opens a socket when none is live, and leaves it to the grace period', async () => {
    const pid = await join('Judy');
    expect(streams.stats().upstreamSockets).toBe(0);
    expect(await streams.setRealTimeSubtitle(conferenceID, true)).toBe(true);
    expect(streams.stats()).toMatchObject({ upstreamSockets: 1, consumers: 0 });
    // The switch holds on the server: a consumer arriving later gets the captions.
    // It may join the socket still in its grace period (already live) or a new one.
    const c = consumer(streams.watch(conferenceID));
    await c.until(() => streams.status(conferenceID) === 'live' && c.events.length > 0, 'live');
    await speak(pid, 'Hello from Judy');
    await c.until(() => captionsOf(c).length > 0, 'the caption');
    expect(captionsOf(c)[0]?.msgs[0]?.translateText).toBe('Hello from Judy');
  });

  it('answers false when no live socket comes in time', async () => {
    const started = Date.now();
    expect(await streams.setRealTimeSubtitle('999999999', true, { timeoutMs: 300 })).toBe(false);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(streams.stats().consumers).toBe(0);
  });
});

/** The position of an event's cursor (it must have one). */
function at(event: WatchedEvent | undefined): StreamPosition {
  const position = event?.cursor === undefined ? undefined : parseCursor(event.cursor);
  if (!position) throw new Error(`no cursor on ${JSON.stringify(event)}`);
  return position;
}

describe('MeetingStreams cursors', () => {
  it('numbers every event of a meeting without gaps', async () => {
    const c = consumer(streams.watch(conferenceID));
    await c.until(() => c.events.some((e) => e.type === 'status' && e.status === 'live'), 'live');
    for (const name of ['Kim', 'Lee', 'Max']) await join(name);
    await c.until(() => c.participants.size >= 3, 'the joins');
    const logged = c.events.slice(1).map(at);
    expect(logged.length).toBeGreaterThan(3);
    expect(new Set(logged.map((p) => p.epoch)).size).toBe(1);
    expect(logged.map((p) => p.seq)).toEqual(logged.map((_, i) => (logged[0]?.seq ?? 0) + i));
    // A late joiner's snapshot is at the newest position.
    const late = consumer(streams.watch(conferenceID));
    await late.until(() => late.events.length > 0, 'the late snapshot');
    expect(late.events[0]).toMatchObject({ type: 'snapshot', reason: 'initial' });
    expect(at(late.events[0]).seq).toBe(logged.at(-1)?.seq);
  });

  it('resumes after a cursor with exactly the events that followed it', async () => {
    const keeper = consumer(streams.watch(conferenceID));
    await keeper.until(() => keeper.events.some((e) => e.type === 'status' && e.status === 'live'), 'live');
    const first = consumer(streams.watch(conferenceID));
    const pid = await join('Nia');
    await first.until(() => first.participants.has(pid), 'Nia');
    const last = first.events.at(-1);
    await first.iterator.return?.();
    // Missed while away:
    await client.control.mute(conferenceID, pid, true);
    const other = await join('Omar');
    await keeper.until(
      () => keeper.participants.has(other) && keeper.participants.get(pid)?.muted === true,
      'the changes',
    );
    const resumed = consumer(streams.watch(conferenceID, { after: at(last) }));
    const missed = keeper.events.filter((e) => e.type !== 'snapshot' && at(e).seq > at(last).seq);
    await resumed.until(() => resumed.events.length >= missed.length, 'the missed events');
    expect(resumed.events.slice(0, missed.length)).toEqual(missed);
    expect(resumed.events.some((e) => e.type === 'snapshot')).toBe(false);
  });

  it('refuses a cursor of the current stream beyond its newest event: CursorAheadError, CURSOR_AHEAD', async () => {
    const keeper = consumer(streams.watch(conferenceID));
    await keeper.until(() => keeper.events.some((e) => e.type === 'status' && e.status === 'live'), 'live');
    const newest = at(keeper.events.at(-1));
    // Far beyond: the full frames logged just after `live` do not catch up with it.
    const ahead = { epoch: newest.epoch, seq: newest.seq + 1000 };
    await expect(streams.checkCursor(conferenceID, ahead)).rejects.toMatchObject({
      name: 'CursorAheadError',
      code: 'CURSOR_AHEAD',
      position: ahead,
    });
    const watch = streams.watch(conferenceID, { after: ahead });
    await expect(watch.next()).rejects.toBeInstanceOf(CursorAheadError);
    // The refused watch let its room go: only the keeper remains.
    expect(streams.stats().consumers).toBe(1);
    // The newest cursor itself is fine: what follows it comes next.
    await expect(streams.checkCursor(conferenceID, newest)).resolves.toBeUndefined();
    const resumed = consumer(streams.watch(conferenceID, { after: newest }));
    const pid = await join('Pia');
    await resumed.until(() => resumed.participants.has(pid), 'the change after the cursor');
    expect(at(resumed.events[0]).seq).toBe(newest.seq + 1);
  });

  it('answers a cursor it no longer holds with the snapshot, flagged expired', async () => {
    const keeper = consumer(streams.watch(conferenceID));
    await keeper.until(() => keeper.events.some((e) => e.type === 'status' && e.status === 'live'), 'live');
    const stale = consumer(streams.watch(conferenceID, { after: { epoch: 'gone', seq: 3 } }));
    await stale.until(() => stale.events.length > 0, 'the snapshot');
    expect(stale.events[0]).toMatchObject({ type: 'snapshot', reason: 'expired' });
    expect(at(stale.events[0]).epoch).toBe(at(keeper.events.at(-1)).epoch);
    expect(at(stale.events[0]).seq).toBeGreaterThanOrEqual(at(keeper.events.at(-1)).seq);
  });
});

describe('MeetingStreams of a meeting not started yet', () => {
  const isLive = (c: ReturnType<typeof consumer>) => () =>
    c.events.some((e) => e.type === 'status' && e.status === 'live');

  /** A meeting of the demo seed that is scheduled and not running. */
  function scheduled(): string {
    const meeting = [...sim().store.meetings.values()].find((m) => m.state === 'Schedule');
    if (!meeting) throw new Error('the demo seed has no scheduled meeting');
    return meeting.conferenceID;
  }

  it('ends the watch while it is not running, and streams it to a later watch once it runs', async () => {
    const id = scheduled();
    const early = consumer(streams.watch(id));
    await early.until(() => early.isDone(), 'the end of the early watch');
    expect(early.events.at(-1)).toMatchObject({ type: 'status', status: 'ended', detail: 'meeting-gone' });

    // The first participant starts the meeting.
    const { pid } = await simControl<{ pid: string }>(sim(), 'POST', `/meetings/${id}/participants`, {
      name: 'Pat',
    });
    const later = consumer(streams.watch(id));
    await later.until(isLive(later), 'the later watch going live');
    await later.until(() => later.participants.has(pid), 'the participant');
    expect(later.isDone()).toBe(false);
    expect(streams.status(id)).toBe('live');
  });

  it('ends a later watch again while the meeting still does not run', async () => {
    const id = scheduled();
    for (const round of [1, 2]) {
      const c = consumer(streams.watch(id));
      await c.until(() => c.isDone(), `the end of watch ${round}`);
      expect(c.events.at(-1)).toMatchObject({ type: 'status', status: 'ended', detail: 'meeting-gone' });
    }
    // Each watch asked the meeting server again: a later watch of the running meeting streams it.
    const { pid } = await simControl<{ pid: string }>(sim(), 'POST', `/meetings/${id}/participants`, {
      name: 'Quinn',
    });
    const c = consumer(streams.watch(id));
    await c.until(() => c.participants.has(pid), 'the participant');
  });
});

describe('MeetingStreams of a silent upstream socket', () => {
  it('goes stale when nothing comes past a heartbeat interval, and live again with the next frame', async () => {
    // Short heartbeats; the socket is given up as dead only much later, so the silence can end first.
    const quick = new MeetingStreams({
      client,
      graceMs: 50,
      subscriber: { heartbeatIntervalMs: 200, deadAfterMs: 10_000, backoffInitialMs: 20, backoffMaxMs: 100 },
    });
    try {
      const c = consumer(quick.watch(conferenceID));
      const statuses = () => c.events.flatMap((e) => (e.type === 'status' ? [e.status] : []));
      await c.until(() => statuses().includes('live'), 'live');
      await simControl(sim(), 'PUT', `/meetings/${conferenceID}/push/heartbeats`, {
        answer: false,
        silent: true,
      });
      await c.until(() => statuses().includes('stale'), 'stale');
      expect(quick.status(conferenceID)).toBe('stale');
      await simControl(sim(), 'PUT', `/meetings/${conferenceID}/push/heartbeats`, {
        answer: true,
        silent: false,
      });
      await c.until(() => statuses().at(-1) === 'live', 'live again');
      expect(statuses()).toEqual(['live', 'stale', 'live']);
      // The same socket throughout: no reconnect.
      const open = await simControl<{ connections: unknown[] }>(
        sim(),
        'GET',
        `/push/connections?conferenceID=${conferenceID}`,
      );
      expect(open.connections).toHaveLength(1);
    } finally {
      await quick.close();
    }
  });
});
