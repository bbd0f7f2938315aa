import { simControl as simulatorControl } from '@hwmeeting/simulator';
// Every field of every output type, generated from the schema, asked of a live demo meeting: no field may fail.
// Queries go over HTTP as an administrator and as a member, subscriptions over graphql-ws; an error fails the
// test unless it is one of the documented refusals below, asserted by code.
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { buildSchema } from './schema/index.js';
import { data, useGateway } from './testing/harness.js';
import { type Collected, collect, connectLive, type Json } from './testing/liveClient.js';
import {
  type ArgumentValues,
  type GeneratedOperation,
  operationFor,
  reachableCompositeTypes,
  typenamesIn,
} from './testing/selections.js';

const { gql, tokenFor, sim, gateway } = useGateway({
  gateway: () => ({
    // The embedded simulator's set-up: the gateway registers its webhook route there (enterpriseEvents).
    embedded: true,
    meetingSockets: { heartbeatIntervalMs: 1000, backoffInitialMs: 20, backoffMaxMs: 100 },
  }),
});

/** The gateway's default depth limit: every generated operation must be one a front end may send. */
const MAX_DEPTH = loadConfig({}).MAX_DEPTH;

type Role = 'admin' | 'member';
const ROLES: Role[] = ['admin', 'member'];

/**
 * Refusals the schema documents, per role and root field: anything else in `errors` fails the test. Each must
 * actually happen (asserted by code), so an entry cannot outlive the behaviour it describes.
 */
const EXPECTED_REFUSALS: Array<{ role: Role; field: string; path: string; code: string }> = [
  // "The enterprise's meeting events (administrators only)".
  { role: 'member', field: 'enterpriseEvents', path: 'enterpriseEvents', code: 'FORBIDDEN' },
  // Administrator calls upstream (published-behaviour.md §1): U3, U2 and D6 refuse members.
  { role: 'member', field: 'user', path: 'user', code: 'FORBIDDEN' },
  { role: 'member', field: 'users', path: 'users', code: 'FORBIDDEN' },
  { role: 'member', field: 'departmentsByName', path: 'departmentsByName', code: 'FORBIDDEN' },
];

/** What the tests act on: the demo's meetings, as each role sees them. */
interface Fixture {
  /** Per role: the running meeting the role owns (admin: the demo's "All hands"; member: "Design review"). */
  meetingOf: Record<Role, string>;
  tokens: Record<Role, string>;
}
let fixture: Fixture;
const clients: Client[] = [];

/** Values of every required argument, per role: a new required argument without one fails loudly. */
function argumentValues(role: Role): ArgumentValues {
  const meetingId = fixture.meetingOf[role];
  const day = 24 * 3_600_000;
  const values: Record<string, unknown> = {
    'Query.meeting(meetingId:)': meetingId,
    'Query.liveMeeting(meetingId:)': meetingId,
    'Query.meetingHistory(from:)': new Date(Date.now() - 7 * day).toISOString(),
    'Query.meetingHistory(to:)': new Date(Date.now() + day).toISOString(),
    // Seeded: alice (third-party ID), the Engineering department.
    'Query.user(id:)': 'alice',
    'Query.department(code:)': 'eng',
    'Query.departmentsByName(name:)': 'Eng',
  };
  for (const field of [
    'meetingInfo',
    'meetingStatus',
    'participants',
    'speakers',
    'subtitles',
    'inviteResults',
    'waitingList',
    'meetingEvents',
  ]) {
    values[`Subscription.${field}(meetingId:)`] = meetingId;
  }
  return values;
}

/** The simulator's `/__sim/` test control. */
const simControl = <T = Json>(method: string, path: string, body?: unknown): Promise<T> =>
  simulatorControl<T>(sim().url, method, path, body);

/** The operations of one root type, generated for a role. */
function operations(kind: 'query' | 'subscription', role: Role): GeneratedOperation[] {
  const schema = buildSchema({ appId: sim().appId });
  const root = kind === 'query' ? schema.getQueryType() : schema.getSubscriptionType();
  if (!root) throw new Error(`the schema has no ${kind} root`);
  return Object.keys(root.getFields()).map((field) =>
    operationFor(schema, kind, field, argumentValues(role), MAX_DEPTH),
  );
}

/** Fails on every error but the expected refusals of this role and field, which must carry their code. */
function checkErrors(role: Role, field: string, errors: Json[] | undefined): void {
  const expected = EXPECTED_REFUSALS.filter((r) => r.role === role && r.field === field);
  const unexpected = (errors ?? []).filter(
    (error) =>
      !expected.some(
        (refusal) =>
          (error.path ?? [field]).join('.') === refusal.path && error.extensions?.code === refusal.code,
      ),
  );
  expect(unexpected, `${role} ${field}: ${JSON.stringify(unexpected)}`).toEqual([]);
  for (const refusal of expected) {
    expect(
      (errors ?? []).some((e) => e.extensions?.code === refusal.code),
      `${role} ${field}: the refusal ${refusal.code} at ${refusal.path} did not happen`,
    ).toBe(true);
  }
}

beforeAll(async () => {
  const meetings = [...sim().store.meetings.values()];
  const allHands = meetings.find((m) => m.subject === 'All hands' && m.state === 'Created');
  const review = meetings.find((m) => m.subject === 'Design review' && m.state === 'Schedule');
  if (!allHands || !review) throw new Error('the demo seed lacks "All hands" running or "Design review"');
  const tokens = { admin: await tokenFor('admin', ['admin']), member: await tokenFor('alice') };
  // The member owns a meeting in progress too: alice starts the seeded review.
  data(
    await gql(tokens.member, 'mutation($id: ID!) { startMeeting(meetingId: $id) { state } }', {
      id: review.conferenceID,
    }),
  );
  fixture = { meetingOf: { admin: allHands.conferenceID, member: review.conferenceID }, tokens };
  // People come and go and speak in both meetings; someone waits in each waiting room.
  await simControl('POST', '/activity/start', { intervalMs: 30, minParticipants: 3, maxParticipants: 6 });
  for (const id of Object.values(fixture.meetingOf)) {
    await simControl('POST', `/meetings/${id}/participants`, { name: 'Wendy Waiting', waiting: true });
  }
  // The queries then see people online, a host among them.
  const deadline = Date.now() + 5000;
  const present = (id: string) => sim().store.meetings.get(id)?.live?.participants.size ?? 0;
  while (Object.values(fixture.meetingOf).some((id) => present(id) < 4) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
});

afterAll(async () => {
  await simControl('POST', '/activity/stop');
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
});

describe('every field of every output type', () => {
  it('generates operations within the depth limit that expand every reachable type', () => {
    const schema = buildSchema({ appId: sim().appId });
    for (const kind of ['query', 'subscription'] as const) {
      const root = kind === 'query' ? schema.getQueryType() : schema.getSubscriptionType();
      if (!root) throw new Error(`the schema has no ${kind} root`);
      const generated = operations(kind, 'admin');
      const expanded = new Set(generated.flatMap((operation) => [...operation.expanded]));
      expect([...reachableCompositeTypes(schema, root)].filter((type) => !expanded.has(type))).toEqual([]);
      for (const operation of generated) expect(operation.depth).toBeLessThanOrEqual(MAX_DEPTH);
    }
  });

  it('answers every query over HTTP, as an administrator and as a member, without an error', async () => {
    for (const role of ROLES) {
      for (const operation of operations('query', role)) {
        const answer = await gql(fixture.tokens[role], operation.document, operation.variables);
        expect(answer.status, `${role} ${operation.field}: HTTP ${JSON.stringify(answer.body)}`).toBe(200);
        checkErrors(role, operation.field, answer.body.errors);
      }
    }
  });

  it('delivers every subscription over graphql-ws until each type it selects has shown up', async () => {
    const started: Array<{ role: Role; operation: GeneratedOperation; seen: Collected }> = [];
    for (const role of ROLES) {
      const client = connectLive(gateway().wsUrl, fixture.tokens[role]);
      clients.push(client);
      for (const operation of operations('subscription', role)) {
        started.push({ role, operation, seen: collect(client, operation.document, operation.variables) });
      }
    }
    for (const role of ROLES) {
      const id = fixture.meetingOf[role];
      const token = fixture.tokens[role];
      // Captions and invite results are events, not state: captions are switched on (which needs the feed
      // live) and someone is called.
      const deadline = Date.now() + 5000;
      while (gateway().live.streams.status(id) !== 'live' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      data(await gql(token, 'mutation($id: ID!) { setSubtitles(meetingId: $id, on: true) { ok } }', { id }));
      data(
        await gql(
          token,
          'mutation($id: ID!, $invitees: [LiveInviteeInput!]!) { inviteParticipants(meetingId: $id, invitees: $invitees) { ok } }',
          { id, invitees: [{ name: 'Room 42', phone: '+99111000000042' }] },
        ),
      );
      // The feed was live before these subscriptions (the queries opened it): a dropped upstream socket makes
      // the gateway report its connection's state (RECONNECTING, then LIVE).
      await simControl('POST', `/meetings/${id}/push/drop`);
    }
    const pending = started.map(async ({ role, operation, seen }) => {
      const refused = EXPECTED_REFUSALS.some((r) => r.role === role && r.field === operation.field);
      const missing = () => [...operation.objectTypes].filter((type) => !typenamesIn(seen.items).has(type));
      const done = () => seen.errors.length > 0 || (!refused && missing().length === 0);
      // A short report: the types that never showed up, not every update received.
      await seen.until(done, `${role} ${operation.field}`, 12_000).catch(() => {
        throw new Error(`${role} ${operation.field}: no update showed ${missing().join(', ')}`);
      });
      checkErrors(role, operation.field, seen.errors);
    });
    await Promise.all(pending);
    // The demo meeting lets everyone join: its info says so by the enum's name.
    const info = started.find((s) => s.role === 'admin' && s.operation.field === 'meetingInfo');
    expect(info?.seen.items.at(-1)?.meetingInfo.info.joinRestriction).toBe('EVERYONE');
  });
});
