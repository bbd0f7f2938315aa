import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { useGateway } from '../testing/harness.js';

// Everything the gateway logs, and everything written to stderr while it runs: neither may hold a raw body.
const logLines: string[] = [];
const logger = pino(
  { level: 'debug' },
  new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  }),
);
const stderr: string[] = [];
beforeAll(() => {
  const write = process.stderr.write.bind(process.stderr);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk, ...rest) => {
    stderr.push(String(chunk));
    return write(chunk, ...(rest as []));
  });
});
afterAll(() => vi.restoreAllMocks());

const { gateway, tokenFor } = useGateway({
  env: { BODY_LIMIT: '8kb', WEBHOOK_SUBSCRIBER_ID: 'hook', WEBHOOK_SUBSCRIBER_KEY: 'hook-key-1234567890' },
  gateway: () => ({ logger }),
});

/** A secret a careless error path would log: it must appear in no log line and on no stderr write. */
const SECRET = 'Pa55word-never-logged';

async function post(path: string, body: string | Buffer, headers: Record<string, string>) {
  const base = gateway().url.replace(/\/graphql$/, '');
  const response = await fetch(`${base}${path}`, { method: 'POST', headers, body });
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    json: JSON.parse(text),
  };
}

describe('HTTP refusals', () => {
  const graphql = async (body: string | Buffer, headers: Record<string, string> = {}) =>
    post('/graphql', body, {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${await tokenFor('alice')}`,
      ...headers,
    });

  it.each([
    [
      'malformed JSON',
      `{"query": "mutation { createUser(input: {password: \\"${SECRET}\\"`,
      {},
      400,
      'BAD_REQUEST',
    ],
    ['a primitive body', `"${SECRET}"`, {}, 400, 'BAD_REQUEST'],
    ['a number', '42', {}, 400, 'BAD_REQUEST'],
    [
      'an unsupported charset',
      '{"query":"{ ping }"}',
      { 'Content-Type': 'application/json; charset=latin1' },
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'an unsupported encoding',
      '{"query":"{ ping }"}',
      { 'Content-Encoding': 'x-secret' },
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'a body over BODY_LIMIT',
      JSON.stringify({ query: '{ ping }', variables: { p: SECRET.repeat(1000) } }),
      {},
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    [
      'a gzip body that is not gzip',
      `{"query":"${SECRET}"}`,
      { 'Content-Encoding': 'gzip' },
      400,
      'BAD_REQUEST',
    ],
  ])('answers %s with JSON and a code', async (_what, body, headers, status, code) => {
    const answer = await graphql(body, headers as Record<string, string>);
    expect(answer.status).toBe(status);
    expect(answer.type).toMatch(/^application\/json/);
    expect(answer.json).toEqual({ errors: [{ message: expect.any(String), extensions: { code } }] });
  });

  it('answers unknown paths with a JSON 404', async () => {
    const base = gateway().url.replace(/\/graphql$/, '');
    for (const [method, path] of [
      ['GET', '/nothing-here'],
      ['POST', '/admin'],
      ['DELETE', '/graphql/x'],
    ] as const) {
      const response = await fetch(`${base}${path}`, { method });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        errors: [{ message: expect.stringContaining(path), extensions: { code: 'NOT_FOUND' } }],
      });
    }
  });

  it("refuses an oversized webhook body with 413 in the webhook route's own JSON shape", async () => {
    const answer = await post('/webhooks/meeting', Buffer.alloc(100 * 1024, 'a'), {
      'Content-Type': 'application/json',
    });
    expect(answer.status).toBe(413);
    expect(answer.json).toEqual({ error: 'too-large', message: expect.any(String) });
  });

  it('never logs a raw body, nor writes one to stderr', async () => {
    // Every refusal above has run; each was logged with its code and request id.
    const refusals = logLines.filter((line) => line.includes('request refused'));
    expect(refusals.length).toBeGreaterThanOrEqual(8);
    for (const line of refusals) expect(JSON.parse(line)).toMatchObject({ code: expect.any(String) });
    expect(logLines.filter((line) => line.includes(SECRET))).toEqual([]);
    expect(stderr.filter((text) => text.includes(SECRET) || text.includes('<!DOCTYPE html>'))).toEqual([]);
  });
});
