// enterpriseEvents end to end: the meeting server's webhook events reach administrators over graphql-ws.
import { describe, expect, it } from 'vitest';
import { useEmbeddedLiveGateway } from '../../testing/embeddedLive.js';
import { collect } from '../../testing/liveClient.js';

const { sim, gateway, connect, startMeeting, join } = useEmbeddedLiveGateway();

const subscribe = collect;

describe('enterpriseEvents and the webhook route', () => {
  const query = `subscription { enterpriseEvents { type name occurredAt meeting { id instanceId } attendee { name } } }`;
  /** Subscriptions attach asynchronously: waits until the test's one enterprise subscriber is there. */
  const attached = (stream: ReturnType<typeof subscribe>) =>
    stream.until(() => gateway().live.enterpriseSubscriberCount() === 1, 'the subscription');

  it('configures its webhook for the enterprise and enables it, the published way', async () => {
    // Configuring alone delivers nothing (published-behaviour.md §6): the start-up names the enterprise (corpId,
    // mandatory) and then enables the configuration (status 0).
    const config = await gateway().client.webhooks.show({ corpId: sim().store.corp.id }, {});
    expect(config).toMatchObject({ status: 0, url: expect.stringMatching(/\/webhooks\/meeting$/) });
  });

  it('delivers the meeting server webhook events to administrators', async () => {
    const admin = subscribe(await connect('admin', ['admin']), query);
    await attached(admin);
    const id = await startMeeting('Webhook watched');
    await admin.until(
      () =>
        ['MEETING_CREATED', 'MEETING_STARTED'].every((type) =>
          admin.items.some(
            (item) => item.enterpriseEvents.type === type && item.enterpriseEvents.meeting.id === id,
          ),
        ),
      'meeting.create and meeting.started',
    );
    const created = admin.items.find(
      (item) => item.enterpriseEvents.type === 'MEETING_CREATED',
    ).enterpriseEvents;
    expect(created).toMatchObject({ name: 'meeting.create', meeting: { id }, attendee: null });
    expect(Date.parse(created.occurredAt)).toBeGreaterThan(Date.now() - 60_000);

    const erin = await join(id, 'Erin');
    await admin.until(
      () => admin.items.some((item) => item.enterpriseEvents.type === 'PARTICIPANT_JOINED'),
      'meeting.join',
    );
    expect(
      admin.items.find((item) => item.enterpriseEvents.type === 'PARTICIPANT_JOINED').enterpriseEvents
        .attendee,
    ).toEqual({ name: 'Erin' });
    expect(erin).toMatch(/.+/);
  });

  it('narrows the events to the types asked for', async () => {
    const admin = subscribe(
      await connect('admin', ['admin']),
      `subscription { enterpriseEvents(types: [MEETING_STARTED]) { type meeting { id } } }`,
    );
    await attached(admin);
    const id = await startMeeting('Webhook narrowed');
    await admin.until(
      () => admin.items.some((item) => item.enterpriseEvents.meeting.id === id),
      'meeting.started',
    );
    expect(new Set(admin.items.map((item) => item.enterpriseEvents.type))).toEqual(
      new Set(['MEETING_STARTED']),
    );
  });

  it('refuses enterpriseEvents to members with FORBIDDEN', async () => {
    const member = subscribe(await connect('alice'), query);
    await member.until(() => member.errors.length > 0, 'the refusal');
    expect(member.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(member.items).toEqual([]);
  });

  it('answers webhook deliveries it cannot verify with 401 and publishes nothing', async () => {
    const admin = subscribe(await connect('admin', ['admin']), query);
    await attached(admin);
    const url = gateway().url.replace(/\/graphql$/, '/webhooks/meeting');
    const body = {
      appID: 'someone-else',
      timestamp: Date.now(),
      nonce: '12345678',
      signature: 'a'.repeat(64),
      eventInfo: {
        event: 'meeting.create',
        timestamp: Date.now(),
        payload: { meetingInfo: { meetingID: '1' } },
      },
    };
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(401);
    const notJson = await fetch(url, { method: 'POST', body: 'hello' });
    expect(notJson.status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(admin.items).toEqual([]);
  });
});
