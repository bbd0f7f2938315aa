// The live-caption switch end to end: setSubtitles over HTTP, captions over graphql-ws, against the simulator.
import { type Client, createClient } from 'graphql-ws';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { controlRoom } from '../../testing/controlRoom.js';
import { data, expectError, useGateway } from '../../testing/harness.js';

const { gql, tokenFor, sim, gateway } = useGateway({
  env: { STREAM_GRACE_SECONDS: '0' },
  gateway: () => ({
    meetingSockets: { heartbeatIntervalMs: 1000, backoffInitialMs: 20, backoffMaxMs: 100 },
  }),
});
const clients: Client[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
});

// biome-ignore lint/suspicious/noExplicitAny: GraphQL answers are checked field by field below
type Json = any;

const SET_SUBTITLES =
  'mutation($id: ID!, $on: Boolean!) { setSubtitles(meetingId: $id, on: $on) { ok meetingId } }';
const SUBTITLES = `subscription($id: ID!) { subtitles(meetingId: $id) {
  reason enabled subtitle { participantId final texts { language text } } } }`;

const { simControl, startMeeting, join } = controlRoom({ gql, tokenFor, sim });

/** Alice starts a meeting now with Bob invited as a member and Erin joined; answers its ID and Erin's pid. */
async function room(): Promise<{ id: string; erin: string }> {
  const id = await startMeeting('Captions', [{ name: 'Bob Wang', userId: 'bob' }]);
  return { id, erin: await join(id, { name: 'Erin' }) };
}

/** Whether the simulator has captions on for the meeting. */
const captionsOn = (id: string) => sim().store.meetings.get(id)?.live?.subtitlesOn === true;

/** Alice's subscription to a meeting's captions, with a way to wait for a condition. */
async function subscribeCaptions(id: string) {
  const client = createClient({
    url: gateway().wsUrl,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${await tokenFor('alice')}` },
  });
  clients.push(client);
  const items: Json[] = [];
  const errors: unknown[] = [];
  client.subscribe(
    { query: SUBTITLES, variables: { id } },
    {
      next: (result) => {
        if (result.errors) errors.push(...result.errors);
        if (result.data) items.push(result.data.subtitles);
      },
      error: (error) => errors.push(error),
      complete: () => undefined,
    },
  );
  const until = async (predicate: () => boolean, what: string, timeoutMs = 8000) => {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}; ${JSON.stringify({ items, errors })}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return { items, errors, until };
}

describe('setSubtitles', () => {
  it('switches captions on for the host: the subtitles subscription then carries what is said', async () => {
    const { id, erin } = await room();
    expect(captionsOn(id)).toBe(false);
    // No subscriber yet: the gateway opens the meeting's socket itself to send the switch.
    expect(data(await gql(await tokenFor('alice'), SET_SUBTITLES, { id, on: true })).setSubtitles).toEqual({
      ok: true,
      meetingId: id,
    });
    expect(captionsOn(id)).toBe(true);

    const captions = await subscribeCaptions(id);
    // Pushed state says captions are on once the socket is live; only then is speech captioned to it.
    await captions.until(() => captions.items.some((item) => item.enabled === true), 'captions on');
    await simControl('POST', `/meetings/${id}/push/speak`, { pid: erin, text: 'Hello from Erin' });
    await captions.until(() => captions.items.some((item) => item.subtitle !== null), 'the caption');
    expect(captions.items.find((item) => item.subtitle !== null)).toMatchObject({
      reason: 'CHANGE',
      subtitle: {
        participantId: erin,
        final: true,
        texts: [{ language: 'Original', text: 'Hello from Erin' }],
      },
    });
    expect(captions.errors).toEqual([]);

    // And off again, over the socket the subscription keeps open.
    data(await gql(await tokenFor('alice'), SET_SUBTITLES, { id, on: false }));
    expect(captionsOn(id)).toBe(false);
  });

  it('refuses a member who may not control the meeting with FORBIDDEN, and switches nothing', async () => {
    const { id } = await room();
    expectError(await gql(await tokenFor('bob'), SET_SUBTITLES, { id, on: true }), 'FORBIDDEN');
    expect(captionsOn(id)).toBe(false);
    // Refused before the meeting's socket is touched.
    expect(gateway().live.streams.status(id)).toBeUndefined();
  });

  it('answers a malformed meeting ID with BAD_USER_INPUT before any upstream call', async () => {
    expectError(
      await gql(await tokenFor('alice'), SET_SUBTITLES, { id: 'not a meeting', on: true }),
      'BAD_USER_INPUT',
      'meetingId',
    );
    expect(gateway().live.streams.status('not a meeting')).toBeUndefined();
  });
});
