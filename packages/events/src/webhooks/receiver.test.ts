import { describe, expect, it, vi } from 'vitest';
import {
  createWebhookReceiver,
  type WebhookEvent,
  type WebhookReceiverOptions,
  type WebhookRefusal,
} from './receiver.js';
import { webhookSignature } from './signature.js';

const APP_ID = '123456789';
const APP_KEY = 'subscriber-key';
const NOW = 1_700_000_000_000;

const meetingInfo = { meetingID: '987446316', meetingUUID: '0307e0400f0a11eca58a9fcb8e69dde8' };
const attendeeInfo = {
  userUUID: 'f39228ec18ed4ff88afa754a69832952',
  userAgent: 'WeLink-desktop',
  account: 'yangtest01',
  participantID: 'ebbe4e6cdc6111ee960a91a270e1373e',
  displayName: 'yangtest01',
  joinTime: NOW - 1000,
  leftTime: 0,
  role: 'CHAIR',
  callNumber: '+86571264265330456',
};

interface BodyParts {
  appID?: string;
  key?: string;
  timestamp?: number;
  nonce?: string;
  eventInfo: unknown;
  /** The eventInfo text as sent (default: JSON.stringify). */
  eventInfoText?: string;
}

/** Nonces handed out so far: every delivery has a fresh one unless a test names it. */
let nonces = 0;

/** A signed delivery body, the signature over exactly the eventInfo text that is sent. */
function signedBody(parts: BodyParts): string {
  const appID = parts.appID ?? APP_ID;
  const timestamp = parts.timestamp ?? NOW;
  const nonce = parts.nonce ?? String(60_426_560 + ++nonces);
  const eventInfoJson = parts.eventInfoText ?? JSON.stringify(parts.eventInfo);
  const signature = webhookSignature({ appID, timestamp, nonce, eventInfoJson }, parts.key ?? APP_KEY);
  return `{"appID":${JSON.stringify(appID)},"timestamp":${timestamp},"nonce":${JSON.stringify(nonce)},"signature":"${signature}","eventInfo":${eventInfoJson}}`;
}

/** A receiver at a fixed clock, collecting events, refusals and handler errors. */
function setup(extra: Partial<WebhookReceiverOptions> = {}) {
  const events: WebhookEvent[] = [];
  const refusals: WebhookRefusal[] = [];
  const errors: unknown[] = [];
  const receiver = createWebhookReceiver({
    subscribers: [{ appID: APP_ID, appKey: APP_KEY }],
    now: () => NOW,
    onEvent: (event) => {
      events.push(event);
    },
    onRefused: (refusal) => {
      refusals.push(refusal);
    },
    onError: (error) => {
      errors.push(error);
    },
    ...extra,
  });
  return { receiver, events, refusals, errors };
}

/** Lets the receiver's after-answer work run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('createWebhookReceiver', () => {
  it('answers meeting.verify with the nonce of the request', async () => {
    const { receiver, events } = setup();
    const answer = receiver.handle({
      rawBody: signedBody({ nonce: '85262798', eventInfo: { event: 'meeting.verify', timestamp: NOW } }),
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['Content-Type']).toMatch(/application\/json/);
    expect(JSON.parse(answer.body)).toEqual({ event: 'meeting.verify', nonce: '85262798' });
    // The same verify again still gets its nonce back.
    const again = receiver.handle({
      rawBody: signedBody({ nonce: '11112222', eventInfo: { event: 'meeting.verify', timestamp: NOW } }),
    });
    expect(JSON.parse(again.body)).toEqual({ event: 'meeting.verify', nonce: '11112222' });
    await settle();
    expect(events.map((e) => e.event)).toEqual(['meeting.verify', 'meeting.verify']);
  });

  it('emits a typed join event after answering, never before', async () => {
    const { receiver, events } = setup();
    const eventInfo = {
      event: 'meeting.join',
      timestamp: NOW - 5,
      payload: { meetingInfo, attendeeInfo },
    };
    const answer = receiver.handle({ rawBody: Buffer.from(signedBody({ eventInfo })) });
    expect(answer).toEqual({ status: 200, headers: {}, body: '' });
    expect(events).toHaveLength(0);
    await settle();
    expect(events).toHaveLength(1);
    const event = events[0];
    if (event?.event !== 'meeting.join') throw new Error(`expected a join, got ${event?.event}`);
    expect(event.meeting.meetingID).toBe('987446316');
    expect(event.attendee.participantID).toBe(attendeeInfo.participantID);
    expect(event.attendee.role).toBe('CHAIR');
    expect(event.timestamp).toBe(NOW - 5);
    expect(event.sentAt).toBe(NOW);
    expect(event.appID).toBe(APP_ID);
    expect(receiver.stats()).toMatchObject({ received: 1, accepted: 1, duplicates: 0 });
  });

  it('types each meeting-only event and passes unknown names through raw', async () => {
    const { receiver, events } = setup();
    const names = ['meeting.started', 'meeting.end', 'meeting.conclude', 'record.finish', 'meeting.create'];
    for (const [i, name] of [...names, 'meeting.unheard'].entries()) {
      const eventInfo = { event: name, timestamp: NOW + i, payload: { meetingInfo } };
      expect(receiver.handle({ rawBody: signedBody({ eventInfo }) }).status).toBe(200);
    }
    // A published name without the payload its type needs is authentic, so it passes through raw.
    receiver.handle({ rawBody: signedBody({ eventInfo: { event: 'meeting.left', timestamp: NOW } }) });
    await settle();
    expect(events.map((e) => e.event)).toEqual([...names, 'raw', 'raw']);
    const raw = events.filter((e) => e.event === 'raw').map((e) => (e.event === 'raw' ? e.name : ''));
    expect(raw).toEqual(['meeting.unheard', 'meeting.left']);
  });

  it('refuses a forged signature, a wrong key and an unknown subscriber with 401', async () => {
    const { receiver, events, refusals } = setup();
    const eventInfo = { event: 'meeting.started', timestamp: NOW, payload: { meetingInfo } };
    const good = signedBody({ eventInfo });
    const tampered = good.replace('987446316', '987446317');
    expect(receiver.handle({ rawBody: tampered }).status).toBe(401);
    expect(receiver.handle({ rawBody: signedBody({ eventInfo, key: 'other-key' }) }).status).toBe(401);
    const stranger = receiver.handle({ rawBody: signedBody({ eventInfo, appID: 'stranger' }) });
    expect(stranger.status).toBe(401);
    expect(JSON.parse(stranger.body)).toMatchObject({ error: 'unknown-subscriber' });
    await settle();
    expect(events).toHaveLength(0);
    expect(receiver.stats().refused).toMatchObject({ 'bad-signature': 2, 'unknown-subscriber': 1 });
    expect(refusals.map((r) => r.reason)).toEqual(['bad-signature', 'bad-signature', 'unknown-subscriber']);
    expect(refusals[2]?.appID).toBe('stranger');
  });

  it('accepts a delivery up to 25 hours old with an unseen nonce; refuses an older one and one too far ahead', async () => {
    // UNVERIFIED (published-behaviour.md §6): a retry may keep its first attempt's timestamp, for up to 24 h.
    const HOUR_MS = 3_600_000;
    const { receiver, events } = setup({ maxSkewMs: 60_000 });
    const body = (timestamp: number, at: number) =>
      signedBody({
        timestamp,
        eventInfo: { event: 'meeting.started', timestamp: at, payload: { meetingInfo } },
      });
    expect(receiver.handle({ rawBody: body(NOW - 25 * HOUR_MS, 1) }).status).toBe(200);
    expect(receiver.handle({ rawBody: body(NOW - 3 * HOUR_MS, 2) }).status).toBe(200);
    expect(receiver.handle({ rawBody: body(NOW + 60_000, 3) }).status).toBe(200);
    const tooOld = receiver.handle({ rawBody: body(NOW - 25 * HOUR_MS - 1, 4) });
    expect(tooOld.status).toBe(401);
    expect(JSON.parse(tooOld.body)).toMatchObject({ error: 'stale' });
    expect(receiver.handle({ rawBody: body(NOW + 60_001, 5) }).status).toBe(401);
    await settle();
    expect(events.map((e) => e.timestamp)).toEqual([1, 2, 3]);
    expect(receiver.stats().refused.stale).toBe(2);
  });

  it('refuses a seen nonce with 401, however fresh, and emits its event once', async () => {
    const { receiver, events, refusals } = setup();
    const eventInfo = { event: 'meeting.end', timestamp: NOW - 5000, payload: { meetingInfo } };
    const delivery = signedBody({ eventInfo, nonce: '31415926', timestamp: NOW - 2 * 3_600_000 });
    expect(receiver.handle({ rawBody: delivery }).status).toBe(200);
    const replay = receiver.handle({ rawBody: delivery });
    expect(replay.status).toBe(401);
    expect(JSON.parse(replay.body)).toMatchObject({ error: 'replayed' });
    // Another event under a seen nonce is refused too: the nonce is what was replayed.
    const other = { event: 'meeting.started', timestamp: NOW, payload: { meetingInfo } };
    expect(receiver.handle({ rawBody: signedBody({ eventInfo: other, nonce: '31415926' }) }).status).toBe(
      401,
    );
    await settle();
    expect(events.map((e) => e.event)).toEqual(['meeting.end']);
    expect(receiver.stats()).toMatchObject({ accepted: 1, duplicates: 0, refused: { replayed: 2 } });
    expect(refusals.map((r) => r.reason)).toEqual(['replayed', 'replayed']);
  });

  it('remembers a nonce for as long as its delivery could be accepted (25 hours and the skew)', async () => {
    let now = NOW;
    // A short event window does not shorten the nonce's: a replay within 25 h is still refused.
    const { receiver, events } = setup({ now: () => now, dedupeWindowMs: 1000 });
    const delivery = signedBody({
      nonce: '27182818',
      timestamp: NOW,
      eventInfo: { event: 'meeting.started', timestamp: NOW, payload: { meetingInfo } },
    });
    expect(receiver.handle({ rawBody: delivery }).status).toBe(200);
    now = NOW + 25 * 3_600_000;
    expect(receiver.handle({ rawBody: delivery }).status).toBe(401);
    expect(JSON.parse(receiver.handle({ rawBody: delivery }).body)).toMatchObject({ error: 'replayed' });
    now += 1;
    // Past 25 hours the delivery is stale anyway.
    expect(JSON.parse(receiver.handle({ rawBody: delivery }).body)).toMatchObject({ error: 'stale' });
    await settle();
    expect(events).toHaveLength(1);
  });

  it('answers a retried delivery 200 without emitting it again', async () => {
    const { receiver, events } = setup();
    const eventInfo = { event: 'meeting.left', timestamp: NOW - 10, payload: { meetingInfo, attendeeInfo } };
    // A retry has a fresh envelope (nonce, timestamp) around the same eventInfo.
    expect(receiver.handle({ rawBody: signedBody({ eventInfo, nonce: '11111111' }) }).status).toBe(200);
    expect(
      receiver.handle({ rawBody: signedBody({ eventInfo, nonce: '22222222', timestamp: NOW + 1 }) }).status,
    ).toBe(200);
    // The same event of another participant is another event.
    const other = {
      ...eventInfo,
      payload: { meetingInfo, attendeeInfo: { ...attendeeInfo, participantID: 'x' } },
    };
    expect(receiver.handle({ rawBody: signedBody({ eventInfo: other }) }).status).toBe(200);
    await settle();
    expect(events).toHaveLength(2);
    expect(receiver.stats()).toMatchObject({ accepted: 2, duplicates: 1 });
  });

  it('forgets delivered events after the window and beyond the size bound', async () => {
    let now = NOW;
    const { receiver, events } = setup({ now: () => now, dedupeWindowMs: 1000, dedupeSize: 2 });
    const body = (i: number) =>
      signedBody({
        timestamp: now,
        eventInfo: { event: 'meeting.started', timestamp: i, payload: { meetingInfo } },
      });
    receiver.handle({ rawBody: body(1) });
    receiver.handle({ rawBody: body(1) });
    now += 1001;
    receiver.handle({ rawBody: body(1) });
    receiver.handle({ rawBody: body(2) });
    receiver.handle({ rawBody: body(3) });
    // 1 was pushed out by 2 and 3.
    receiver.handle({ rawBody: body(1) });
    await settle();
    expect(events.map((e) => e.timestamp)).toEqual([1, 1, 2, 3, 1]);
    expect(receiver.stats().duplicates).toBe(1);
  });

  it('refuses malformed bodies with 400 naming the field', () => {
    const { receiver } = setup();
    const cases: Array<[string, number, string]> = [
      ['not json', 400, 'body: not valid JSON'],
      ['[]', 400, 'expected object'],
      ['{"timestamp":1,"nonce":"1","signature":"00","eventInfo":{}}', 400, 'appID'],
      [
        `{"appID":"a","timestamp":"soon","nonce":"1","signature":"${'0'.repeat(64)}","eventInfo":{"event":"x","timestamp":1}}`,
        400,
        'timestamp',
      ],
      [
        `{"appID":"a","timestamp":1,"nonce":"1","signature":"xyz","eventInfo":{"event":"x","timestamp":1}}`,
        400,
        'signature',
      ],
      [
        `{"appID":"a","timestamp":1,"nonce":"1","signature":"${'0'.repeat(64)}","eventInfo":{"timestamp":1}}`,
        400,
        'eventInfo.event',
      ],
    ];
    for (const [rawBody, status, field] of cases) {
      const answer = receiver.handle({ rawBody });
      expect(answer.status, rawBody).toBe(status);
      expect(JSON.parse(answer.body).message, rawBody).toContain(field);
    }
    expect(receiver.stats().refused).toMatchObject({ 'not-json': 1, 'invalid-body': 5 });
  });

  it('refuses a body over the size limit with 413', () => {
    const { receiver } = setup({ maxBodyBytes: 100 });
    expect(receiver.handle({ rawBody: 'x'.repeat(101) }).status).toBe(413);
    expect(receiver.stats().refused['too-large']).toBe(1);
  });

  describe('signature over raw and re-serialised eventInfo', () => {
    const eventInfo = { event: 'meeting.started', timestamp: NOW, payload: { meetingInfo } };

    it('accepts a signature over the raw text with spacing JSON.stringify would not produce', async () => {
      const { receiver, events } = setup();
      const spaced =
        '{ "event" : "meeting.started", "timestamp" : 1700000000000, "payload": {"meetingInfo": {"meetingID":"987446316","meetingUUID":"0307e0400f0a11eca58a9fcb8e69dde8"}} }';
      expect(receiver.handle({ rawBody: signedBody({ eventInfo, eventInfoText: spaced }) }).status).toBe(200);
      await settle();
      expect(events[0]?.event).toBe('meeting.started');
    });

    it('accepts a signature over JSON.stringify when the text sent differs (non-ASCII escaped)', () => {
      const { receiver } = setup();
      const named = { ...eventInfo, payload: { meetingInfo: { ...meetingInfo, subject: '周会' } } };
      const signedOver = JSON.stringify(named);
      const signature = webhookSignature(
        { appID: APP_ID, timestamp: NOW, nonce: '1', eventInfoJson: signedOver },
        APP_KEY,
      );
      // Sent with the characters escaped: the raw text differs from what was signed, its parse does not.
      const sent = signedOver.replace('周会', '\\u5468\\u4f1a');
      const rawBody = `{"appID":"${APP_ID}","timestamp":${NOW},"nonce":"1","signature":"${signature}","eventInfo":${sent}}`;
      expect(receiver.handle({ rawBody }).status).toBe(200);
    });

    it('accepts an upper-case hex signature', () => {
      const { receiver } = setup();
      const body = signedBody({ eventInfo });
      const upper = body.replace(
        /"signature":"([0-9a-f]{64})"/,
        (_, hex: string) => `"signature":"${hex.toUpperCase()}"`,
      );
      expect(receiver.handle({ rawBody: upper }).status).toBe(200);
    });

    it('refuses a spaced raw text when the signature covers neither it nor its re-serialisation', () => {
      const { receiver } = setup();
      const signature = webhookSignature(
        {
          appID: APP_ID,
          timestamp: NOW,
          nonce: '1',
          eventInfoJson: '{"event":"meeting.started","timestamp":1}',
        },
        APP_KEY,
      );
      const rawBody = `{"appID":"${APP_ID}","timestamp":${NOW},"nonce":"1","signature":"${signature}","eventInfo":{ "event":"meeting.started","timestamp":2}}`;
      expect(receiver.handle({ rawBody }).status).toBe(401);
    });

    it('takes the signed eventInfo when a body repeats the key to smuggle in an unsigned one', async () => {
      const { receiver, events } = setup();
      const signedText = JSON.stringify(eventInfo);
      const signature = webhookSignature(
        { appID: APP_ID, timestamp: NOW, nonce: '1', eventInfoJson: signedText },
        APP_KEY,
      );
      const forged = JSON.stringify({ ...eventInfo, event: 'meeting.cancel' });
      const rawBody = `{"appID":"${APP_ID}","timestamp":${NOW},"nonce":"1","signature":"${signature}","eventInfo":${signedText},"eventInfo":${forged}}`;
      expect(receiver.handle({ rawBody }).status).toBe(200);
      await settle();
      expect(events.map((e) => e.event)).toEqual(['meeting.started']);
    });
  });

  describe('deeply nested bodies', () => {
    const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
    const eventInfo = { event: 'meeting.started', timestamp: NOW, payload: { meetingInfo } };
    /** A refusal the receiver answered itself: JSON with the reason, nothing thrown, nothing reported. */
    const expectRefusal = (answer: { status: number; headers: Record<string, string>; body: string }) => {
      expect(answer.headers['Content-Type']).toMatch(/^application\/json/);
      return JSON.parse(answer.body) as { error: string; message: string };
    };

    it('answers an unsigned 10,000-deep body with 401, whatever its shape, and reports no error', () => {
      const { receiver, errors } = setup();
      const bodies = [
        deep(10_000),
        `{"appID":"${APP_ID}","timestamp":${NOW},"nonce":"1","signature":"${'0'.repeat(64)}","eventInfo":${deep(10_000)}}`,
        `{"appID":"${APP_ID}","timestamp":${NOW},"nonce":"1","signature":"${'0'.repeat(64)}","eventInfo":{"event":"meeting.started","timestamp":${NOW},"x":${deep(10_000)}}}`,
        `{"appID":${deep(10_000)},"eventInfo":{}}`,
      ];
      for (const rawBody of bodies) {
        const answer = receiver.handle({ rawBody });
        expect(answer.status, rawBody.slice(0, 80)).toBe(401);
        expect(expectRefusal(answer).error).toBe('bad-signature');
      }
      expect(errors).toEqual([]);
      expect(receiver.stats().handlerErrors).toBe(0);
    });

    it('answers a deep body of an unknown subscriber with 401 too', () => {
      const { receiver } = setup();
      const rawBody = `{"appID":"stranger","timestamp":${NOW},"nonce":"1","signature":"${'0'.repeat(64)}","eventInfo":{"x":${deep(5000)}}}`;
      const answer = receiver.handle({ rawBody });
      expect(answer.status).toBe(401);
      expect(expectRefusal(answer).error).toBe('unknown-subscriber');
    });

    it('refuses a correctly signed body nested too deep with 400, emitting nothing', async () => {
      const { receiver, events, errors } = setup({ maxDepth: 16 });
      const nested = { ...eventInfo, extra: JSON.parse(deep(20)) };
      const answer = receiver.handle({ rawBody: signedBody({ eventInfo: nested }) });
      expect(answer.status).toBe(400);
      expect(expectRefusal(answer)).toMatchObject({
        error: 'too-deep',
        message: 'body: nested deeper than 16 levels',
      });
      // Up to the limit is fine.
      const shallow = { ...eventInfo, extra: JSON.parse(deep(12)) };
      expect(receiver.handle({ rawBody: signedBody({ eventInfo: shallow }) }).status).toBe(200);
      await settle();
      expect(events).toHaveLength(1);
      expect(errors).toEqual([]);
    });

    it('is not fooled by brackets inside strings', () => {
      const { receiver } = setup({ maxDepth: 8 });
      const texty = { ...eventInfo, note: `${'['.repeat(100)}"\\` };
      expect(receiver.handle({ rawBody: signedBody({ eventInfo: texty }) }).status).toBe(200);
    });
  });

  describe('handler failures', () => {
    it('reports a throwing handler to onError and still answers 200', async () => {
      const boom = new Error('handler failed');
      const { receiver, errors } = setup({
        onEvent: () => {
          throw boom;
        },
      });
      const eventInfo = { event: 'meeting.started', timestamp: NOW, payload: { meetingInfo } };
      expect(receiver.handle({ rawBody: signedBody({ eventInfo }) }).status).toBe(200);
      await settle();
      expect(errors).toEqual([boom]);
      expect(receiver.stats().handlerErrors).toBe(1);
    });

    it('reports a rejecting async handler and never waits for a slow one', async () => {
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const { receiver, errors } = setup({
        onEvent: async (event) => {
          await gate;
          throw new Error(`late failure of ${event.event}`);
        },
      });
      const eventInfo = { event: 'meeting.end', timestamp: NOW, payload: { meetingInfo } };
      expect(receiver.handle({ rawBody: signedBody({ eventInfo }) }).status).toBe(200);
      await settle();
      expect(errors).toHaveLength(0);
      release();
      await vi.waitFor(() => expect(errors).toHaveLength(1));
      expect(String(errors[0])).toContain('late failure of meeting.end');
    });

    it('reports a throwing onRefused too', async () => {
      const { receiver, errors } = setup({
        onRefused: () => {
          throw new Error('logger down');
        },
      });
      expect(receiver.handle({ rawBody: '{' }).status).toBe(400);
      await settle();
      expect(String(errors[0])).toContain('logger down');
    });

    it('emits a process warning when no onError is given', async () => {
      const warnings: Error[] = [];
      const listener = (warning: Error) => warnings.push(warning);
      process.on('warning', listener);
      try {
        const receiver = createWebhookReceiver({
          subscribers: (appID) => (appID === APP_ID ? APP_KEY : undefined),
          now: () => NOW,
          onEvent: () => {
            throw new Error('unobserved');
          },
        });
        const eventInfo = { event: 'meeting.started', timestamp: NOW, payload: { meetingInfo } };
        expect(receiver.handle({ rawBody: signedBody({ eventInfo }) }).status).toBe(200);
        await vi.waitFor(() => expect(warnings.map((w) => w.message)).toContain('unobserved'));
      } finally {
        process.off('warning', listener);
      }
    });
  });
});
