import { createClient } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { useGateway } from './testing/harness.js';

const { gql, tokenFor, gateway } = useGateway({ env: { RATE_LIMIT_PER_MINUTE: '1000' } });

describe('gateway over HTTP', () => {
  it('refuses a request without a token with UNAUTHENTICATED', async () => {
    const answer = await gql(undefined, '{ ping }');
    expect(answer.status).toBe(401);
    expect(answer.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an expired or forged token', async () => {
    const expired = await tokenFor('alice', [], -10);
    expect((await gql(expired, '{ ping }')).body.errors[0]).toMatchObject({
      message: 'the token has expired',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const forged = `${(await tokenFor('alice')).slice(0, -4)}AAAA`;
    expect((await gql(forged, '{ ping }')).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it("lists the viewer's own meetings, with passwords for the owner", async () => {
    const alice = await tokenFor('alice');
    const answer = await gql(
      alice,
      '{ meetings(first: 5) { totalCount edges { node { id subject state owner { name } passwords { host guest } } } } }',
    );
    expect(answer.body.errors).toBeUndefined();
    const meetings = answer.body.data.meetings;
    expect(meetings.totalCount).toBeGreaterThan(0);
    const review = meetings.edges.find(
      (e: { node: { subject: string } }) => e.node.subject === 'Design review',
    ).node;
    expect(review.owner.name).toBe('Alice Li');
    expect(review.passwords.host).toMatch(/^\d{6}$/);
  });

  it('hides passwords from a viewer who is neither owner nor host', async () => {
    const alice = await tokenFor('alice');
    const created = await gql(
      alice,
      'mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id passwords { host } } }',
      {
        input: {
          subject: 'Gateway test',
          startTime: new Date(Date.now() + 3_600_000).toISOString(),
          invitees: [{ name: 'Carol', userId: 'carol' }],
        },
      },
    );
    expect(created.body.errors).toBeUndefined();
    const id = created.body.data.createMeeting.id;
    expect(created.body.data.createMeeting.passwords.host).toMatch(/^\d+$/);
    const carol = await tokenFor('carol');
    const seen = await gql(
      carol,
      'query($id: ID!) { meeting(meetingId: $id) { id subject passwords { host guest } hostJoinUrl } }',
      { id },
    );
    expect(seen.body.errors).toBeUndefined();
    expect(seen.body.data.meeting).toMatchObject({
      id,
      subject: 'Gateway test',
      passwords: null,
      hostJoinUrl: null,
    });
  });

  it('answers bad input with BAD_USER_INPUT naming the field, and unknown meetings with NOT_FOUND', async () => {
    const alice = await tokenFor('alice');
    const bad = await gql(
      alice,
      'mutation { createMeeting(input: { subject: "", durationMinutes: 5 }) { id } }',
    );
    expect(bad.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.subject' });
    const missing = await gql(alice, '{ meeting(meetingId: "999999999") { id } }');
    expect(missing.body.errors[0].extensions.code).toBe('NOT_FOUND');
    const page = await gql(alice, '{ meetings(first: 500) { totalCount } }');
    expect(page.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'page.first' });
  });

  it('pages with Relay cursors', async () => {
    const admin = await tokenFor('admin', ['admin']);
    const first = await gql(
      admin,
      '{ meetings(first: 1, filter: { allUsers: true }) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }',
    );
    const page = first.body.data.meetings;
    expect(page.totalCount).toBeGreaterThan(1);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const second = await gql(
      admin,
      'query($after: String) { meetings(first: 1, after: $after, filter: { allUsers: true }) { pageInfo { hasPreviousPage } edges { node { id } } } }',
      { after: page.pageInfo.endCursor },
    );
    expect(second.body.data.meetings.pageInfo.hasPreviousPage).toBe(true);
    expect(second.body.data.meetings.edges[0].node.id).not.toBe(page.edges[0].node.id);
  });

  it("tells caches never to store an answer, an error's included (each is the viewer's own)", async () => {
    const token = await tokenFor('alice');
    const post = (query: string) =>
      fetch(gateway().url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ query }),
      });
    const answered = await post('{ meetings(first: 1) { totalCount } }');
    expect(answered.status).toBe(200);
    expect(answered.headers.get('cache-control')).toBe('no-store');
    const invalid = await post('{ noSuchField }');
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses over-deep queries', async () => {
    const alice = await tokenFor('alice');
    const deep = `{ ${'meetings(first: 1) { edges { node { owner { name } } } }'.repeat(1)} }`;
    expect((await gql(alice, deep)).body.errors).toBeUndefined();
    const aliases = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: ping`).join(' ')} }`;
    expect((await gql(alice, aliases)).body.errors?.[0]?.message).toMatch(/alias/i);
  });

  it('serves health, readiness and metrics', async () => {
    const base = gateway().url.replace(/\/graphql$/, '');
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: 'ready', redis: 'none' });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('hwmeeting_graphql_operations_total');
    expect(metrics).toContain('hwmeeting_upstream_calls_total');
  });
});

describe('gateway over graphql-ws', () => {
  function connect(authorization?: string) {
    return createClient({
      url: gateway().wsUrl,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      // The tests read the close codes themselves; the library would print each close event.
      onNonLazyError: () => undefined,
      connectionParams: authorization ? { authorization } : {},
    });
  }

  it('closes a connection without a valid token with 4401 (graphql-ws clients do not retry it)', async () => {
    const closed = new Promise<number>((resolve) => {
      const client = connect();
      client.on('closed', (event) => resolve((event as { code: number }).code));
    });
    expect(await closed).toBe(4401);
  });

  it('runs an operation for an authenticated socket', async () => {
    const client = connect(`Bearer ${await tokenFor('alice')}`);
    const result = await new Promise<unknown>((resolve, reject) => {
      client.subscribe({ query: '{ ping }' }, { next: resolve, error: reject, complete: () => undefined });
    });
    expect(result).toEqual({ data: { ping: 'pong' } });
    await client.dispose();
  });

  it('closes the socket with 4403 when its token expires', async () => {
    const client = connect(`Bearer ${await tokenFor('alice', [], 1)}`);
    const code = await new Promise<number>((resolve) =>
      client.on('closed', (event) => resolve((event as { code: number }).code)),
    );
    expect(code).toBe(4403);
  });

  it('answers a syntax error on its operation and keeps the socket', async () => {
    const client = connect(`Bearer ${await tokenFor('alice')}`);
    const errors = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: '{ ping ' },
        { next: () => undefined, error: resolve, complete: () => undefined },
      );
    });
    expect(JSON.stringify(errors)).toMatch(/Syntax Error/);
    const result = await new Promise<unknown>((resolve, reject) => {
      client.subscribe({ query: '{ ping }' }, { next: resolve, error: reject, complete: () => undefined });
    });
    expect(result).toEqual({ data: { ping: 'pong' } });
    await client.dispose();
  });
});
