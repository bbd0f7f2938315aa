import { webhookConfigSchema } from '@hwmeeting/client/wire';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../server.js';
import { expectError, loginAs, type RawInit, rawCall } from '../testing/rawHttp.js';
import { TestReceiver } from '../testing/webhookReceiver.js';
import { callbackUrlProblem } from './delivery.js';

const LINK = '/v1/mmc/management/webhook/link-config';
const STATUS = '/v1/mmc/management/webhook/change-status';
const BAD_REQUEST = 'MMC.111070001';

let sim: Simulator;
let receiver: TestReceiver;
let admin: string;
let ops: string;
let alice: string;

beforeAll(async () => {
  // Long enough for a loaded machine's receiver to answer the handshake; the no-answer case waits it out.
  sim = await startSimulator({ seed: 'demo', webhookTimeoutMs: 1500 });
  receiver = await TestReceiver.start();
  admin = await loginAs(sim);
  ops = await loginAs(sim, 'ops');
  alice = await loginAs(sim, 'alice');
});
afterAll(async () => {
  await sim.close();
  await receiver.close();
});
beforeEach(async () => {
  receiver.reset();
  // Each test starts without a configuration.
  const shown = await rawCall(sim, 'GET', LINK, { token: admin });
  if (shown.status === 200) await rawCall(sim, 'DELETE', `${LINK}?id=${shown.json.id}`, { token: admin });
});

const config = (extra: Record<string, unknown> = {}) => ({
  // An enterprise configuration names its enterprise (published-behaviour.md §6).
  corpId: sim.store.corp.id,
  subscriberId: 'sub-1',
  subscriberKey: 'key-1',
  url: `${receiver.url}/openapi/meetingevent`,
  ...extra,
});
const call = (method: string, path: string, init: RawInit = {}) =>
  rawCall(sim, method, path, { token: admin, ...init });
const show = async () => webhookConfigSchema.parse((await call('GET', LINK)).json);

describe('setWebHookConfig', () => {
  it('stores the configuration disabled, sends nothing, and never answers the key', async () => {
    // Configuring is not enabling (published-behaviour.md §6): no meeting.verify until the enabling call.
    const answer = await call('POST', LINK, { body: config() });
    expect(answer.status).toBe(200);
    expect(receiver.received).toHaveLength(0);
    const shown = await call('GET', LINK);
    expect(shown.status).toBe(200);
    expect(shown.json).toEqual({
      id: expect.any(String),
      subscriberId: 'sub-1',
      url: config().url,
      status: 1,
    });
    expect(JSON.stringify(shown.json)).not.toContain('key-1');
  });

  it('keeps the record ID when set again, and lets another administrator set it', async () => {
    expect((await call('POST', LINK, { body: config() })).status).toBe(200);
    const first = await show();
    expect((await call('POST', LINK, { token: ops, body: config({ subscriberId: 'sub-2' }) })).status).toBe(
      200,
    );
    const second = await show();
    expect(second.id).toBe(first.id);
    expect(second.subscriberId).toBe('sub-2');
  });

  it('accepts this enterprise corpId and spId and refuses others', async () => {
    const ok = await call('POST', LINK, {
      body: config({ corpId: sim.store.corp.id, spId: sim.store.corp.spId }),
    });
    expect(ok.status).toBe(200);
    expectError(await call('POST', LINK, { body: config({ corpId: '1' }) }), 400, BAD_REQUEST, 'body.corpId');
    expectError(await call('POST', LINK, { body: config({ spId: 'x' }) }), 400, BAD_REQUEST, 'body.spId');
  });

  it('requires HTTPS, except http:// on loopback', async () => {
    for (const url of [
      'http://example.com/hook',
      'http://10.0.0.1/hook',
      'ftp://127.0.0.1/x',
      'http://127.example/x',
    ]) {
      expectError(await call('POST', LINK, { body: config({ url }) }), 400, BAD_REQUEST, 'body.url');
    }
    expect(receiver.received).toHaveLength(0);
    // An HTTPS URL passes the rule; here nothing speaks TLS there, so the enabling handshake fails instead.
    const https = await call('POST', LINK, {
      body: config({ url: `https://127.0.0.1:${new URL(receiver.url).port}/x` }),
    });
    expect(https.status).toBe(200);
    const { id } = await show();
    const error = expectError(await call('PUT', `${STATUS}?id=${id}&status=0`), 400, BAD_REQUEST, 'url');
    expect(error.error_msg).toContain('meeting.verify handshake failed');
  });

  it('answers which URLs pass the rule', () => {
    for (const url of [
      'https://hooks.example.com/a',
      'http://127.0.0.1:8080/x',
      'http://127.9.9.9/',
      'http://localhost:1/',
      'http://[::1]:80/',
    ]) {
      expect(callbackUrlProblem(url), url).toBeUndefined();
    }
    for (const url of [
      'http://192.168.1.1/',
      'http://[::2]/',
      'http://localhost.example/',
      'not a url',
      'ws://127.0.0.1/',
    ]) {
      expect(callbackUrlProblem(url), url).toBeDefined();
    }
  });

  it('refuses bad bodies naming the field', async () => {
    expectError(
      await call('POST', LINK, { body: { subscriberKey: 'k', url: receiver.url } }),
      400,
      BAD_REQUEST,
      'body.subscriberId',
    );
    expectError(
      await call('POST', LINK, { body: config({ subscriberKey: '' }) }),
      400,
      BAD_REQUEST,
      'body.subscriberKey',
    );
    expectError(await call('POST', LINK, { body: config({ url: 'nowhere' }) }), 400, BAD_REQUEST, 'body.url');
    expectError(await call('POST', LINK, { body: config({ url: 42 }) }), 400, BAD_REQUEST, 'body.url');
    expectError(await call('POST', LINK, { body: '{"subscriberId":' }), 400, BAD_REQUEST, 'body');
    const { corpId: _omitted, ...withoutCorp } = config();
    expectError(await call('POST', LINK, { body: withoutCorp }), 400, BAD_REQUEST, 'body.corpId');
  });
});

describe('showWebHookConfig', () => {
  it('answers 400 when there is no configuration and checks its query', async () => {
    expectError(await call('GET', LINK), 400, BAD_REQUEST);
    expect((await call('POST', LINK, { body: config() })).status).toBe(200);
    expect((await call('GET', `${LINK}?corpId=${sim.store.corp.id}`)).status).toBe(200);
    expectError(await call('GET', `${LINK}?corpId=other`), 400, BAD_REQUEST, 'query.corpId');
    expectError(await call('GET', `${LINK}?corpId=`), 400, BAD_REQUEST, 'query.corpId');
  });
});

describe('updateWebHookConfigStatus', () => {
  it('enables with a handshake, disables, locks and re-enables with a new handshake', async () => {
    expect((await call('POST', LINK, { body: config() })).status).toBe(200);
    const { id } = await show();
    expect(receiver.received).toHaveLength(0);
    expect((await call('PUT', `${STATUS}?id=${id}&status=0`)).status).toBe(200);
    expect((await show()).status).toBe(0);
    expect(receiver.received).toHaveLength(1);
    const verify = receiver.received[0];
    expect(verify?.path).toBe('/openapi/meetingevent');
    expect(verify?.json.eventInfo).toEqual({ event: 'meeting.verify', timestamp: expect.any(Number) });
    expect(verify?.json.appID).toBe('sub-1');
    expect(verify?.json.nonce).toMatch(/^\d{8}$/);
    expect((await call('PUT', `${STATUS}?id=${id}&status=1`)).status).toBe(200);
    expect((await show()).status).toBe(1);
    expect((await call('PUT', `${STATUS}?id=${id}&status=2`)).status).toBe(200);
    expect((await show()).status).toBe(2);
    expect(receiver.received).toHaveLength(1);
    expect((await call('PUT', `${STATUS}?id=${id}&status=0`)).status).toBe(200);
    expect((await show()).status).toBe(0);
    expect(receiver.received.map((d) => d.json.eventInfo.event)).toEqual([
      'meeting.verify',
      'meeting.verify',
    ]);
    // Enabling an enabled configuration changes nothing.
    expect((await call('PUT', `${STATUS}?id=${id}&status=0`)).status).toBe(200);
    expect(receiver.received).toHaveLength(2);
  });

  it('keeps the configuration disabled when the receiver does not answer the handshake as required', async () => {
    expect((await call('POST', LINK, { body: config() })).status).toBe(200);
    const { id } = await show();
    const answers: Array<[string, TestReceiver['behaviour']]> = [
      [
        'wrong nonce',
        () => ({ status: 200, body: JSON.stringify({ event: 'meeting.verify', nonce: '00000000' }) }),
      ],
      ['no body', () => ({ status: 200 })],
      ['not JSON', () => ({ status: 200, body: 'ok' })],
      [
        'error status',
        (d) => ({ status: 500, body: JSON.stringify({ event: 'meeting.verify', nonce: d.json.nonce }) }),
      ],
      ['not found', () => ({ status: 404 })],
      ['no answer', () => 'hang'],
    ];
    for (const [what, behaviour] of answers) {
      receiver.behaviour = behaviour;
      expectError(await call('PUT', `${STATUS}?id=${id}&status=0`), 400, BAD_REQUEST, 'meeting.verify');
      expect((await show()).status, what).toBe(1);
      expect(receiver.received.length, what).toBeGreaterThan(0);
    }
    // Connection refused.
    const closed = await TestReceiver.start();
    await closed.close();
    expect((await call('POST', LINK, { body: config({ url: closed.url }) })).status).toBe(200);
    expectError(await call('PUT', `${STATUS}?id=${id}&status=0`), 400, BAD_REQUEST, 'meeting.verify');
    expect((await show()).status).toBe(1);
  });

  it('refuses an unknown ID, a bad status and a missing ID', async () => {
    expect((await call('POST', LINK, { body: config() })).status).toBe(200);
    const { id } = await show();
    expectError(await call('PUT', `${STATUS}?id=nope&status=1`), 400, BAD_REQUEST, 'id');
    expectError(await call('PUT', `${STATUS}?id=${id}&status=3`), 400, BAD_REQUEST, 'query.status');
    expectError(await call('PUT', `${STATUS}?id=${id}&status=on`), 400, BAD_REQUEST, 'query.status');
    expectError(await call('PUT', `${STATUS}?status=1`), 400, BAD_REQUEST, 'query.id');
  });
});

describe('deleteWebHookConfig', () => {
  it('deletes by ID and refuses an unknown one', async () => {
    expect((await call('POST', LINK, { body: config() })).status).toBe(200);
    const { id } = await show();
    expectError(await call('DELETE', `${LINK}?id=other`), 400, BAD_REQUEST, 'id');
    expectError(await call('DELETE', LINK), 400, BAD_REQUEST, 'query.id');
    expect((await call('DELETE', `${LINK}?id=${id}`)).status).toBe(200);
    expectError(await call('GET', LINK), 400, BAD_REQUEST);
    expectError(await call('DELETE', `${LINK}?id=${id}`), 400, BAD_REQUEST, 'id');
  });
});

describe('authentication and permissions', () => {
  const calls: Array<[string, string, RawInit]> = [
    ['POST', LINK, { body: { subscriberId: 's', subscriberKey: 'k', url: 'https://example.com' } }],
    ['GET', LINK, {}],
    ['DELETE', `${LINK}?id=x`, {}],
    ['PUT', `${STATUS}?id=x&status=1`, {}],
  ];

  it('refuses a missing or invalid token with 401', async () => {
    for (const [method, path, init] of calls) {
      expectError(await rawCall(sim, method, path, init), 401, 'USG.000000004');
      expectError(await rawCall(sim, method, path, { ...init, token: 'not-a-token' }), 401, 'USG.000000004');
    }
  });

  it('refuses a member with 403 and sends nothing', async () => {
    for (const [method, path, init] of calls) {
      expectError(await rawCall(sim, method, path, { ...init, token: alice }), 403, 'MMC.111070002');
    }
    expect(receiver.received).toHaveLength(0);
  });

  it('answers 405 to a method the path does not publish', async () => {
    expectError(await call('PUT', LINK, { body: config() }), 405, 'APIGW.0101');
    expectError(await call('GET', STATUS), 405, 'APIGW.0101');
    expectError(await call('POST', STATUS), 405, 'APIGW.0101');
  });
});
