// The lobby on its own: one look upstream per meeting however many wait, and how each wait ends.
import { MeetingApiError } from '@hwmeeting/client';
import { afterEach, describe, expect, it } from 'vitest';
import { MeetingLobby } from './lobby.js';

const TOMORROW = new Date(Date.now() + 24 * 3_600_000);
const lobbies: MeetingLobby[] = [];
afterEach(() => {
  for (const lobby of lobbies.splice(0)) lobby.close();
});

/** A lobby looking every 20 ms at states the test sets; counts the looks per meeting. */
function lobbyOf(graceMs = 60_000) {
  const states = new Map<string, string | Error>();
  const looks = new Map<string, number>();
  const errors: unknown[] = [];
  const lobby = new MeetingLobby(
    { pollMs: 20, graceMs },
    async (meetingId) => {
      looks.set(meetingId, (looks.get(meetingId) ?? 0) + 1);
      const state = states.get(meetingId) ?? 'Schedule';
      if (state instanceof Error) throw state;
      return state;
    },
    (error) => errors.push(error),
  );
  lobbies.push(lobby);
  return { lobby, states, looks, errors };
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('MeetingLobby', () => {
  it('looks once per round for every waiter of a meeting, and tells them all when it starts', async () => {
    const { lobby, states, looks } = lobbyOf();
    const waits = [1, 2, 3].map(() => lobby.wait('100', TOMORROW, new AbortController().signal));
    await pause(110);
    // Five rounds or so, one look each: not one per waiter.
    expect(looks.get('100')).toBeGreaterThan(1);
    expect(looks.get('100')).toBeLessThan(8);
    states.set('100', 'Created');
    expect(await Promise.all(waits)).toEqual(['started', 'started', 'started']);
    expect(lobby.size).toBe(0);
  });

  it('keeps waiting through failures that say nothing about the meeting; a meeting gone is cancelled', async () => {
    const { lobby, states, errors } = lobbyOf();
    states.set('200', new Error('upstream unreachable'));
    const wait = lobby.wait('200', TOMORROW, new AbortController().signal);
    await pause(60);
    expect(errors.length).toBeGreaterThan(0);
    states.set(
      '200',
      new MeetingApiError({
        code: 'MMC.111070005',
        message: 'no such meeting',
        operation: 'showMeetingDetail',
      }),
    );
    expect(await wait).toBe('cancelled');
  });

  it('ends a wait past the scheduled start plus the grace period, when the meeting ended, or on abort', async () => {
    const { lobby, states } = lobbyOf(50);
    expect(await lobby.wait('300', new Date(), new AbortController().signal)).toBe('expired');
    states.set('301', 'Destroyed');
    expect(await lobby.wait('301', TOMORROW, new AbortController().signal)).toBe('ended');
    const leaving = new AbortController();
    const left = lobby.wait('302', TOMORROW, leaving.signal);
    expect(lobby.size).toBe(1);
    leaving.abort();
    expect(await left).toBe('aborted');
    expect(lobby.size).toBe(0);
  });
});
