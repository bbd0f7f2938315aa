import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seededDevUsers } from '../embedded.js';
import { data, useGateway } from '../testing/harness.js';

// A stand-in for the console's build: what the route serves is files, whoever built them.
const dir = mkdtempSync(join(tmpdir(), 'console-dist-'));
mkdirSync(join(dir, 'assets'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("console")');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const origin = (url: string) => new URL(url).origin;
/** As `main.ts` starts a gateway on the embedded simulator: with the seed's users for the development sign-in. */
const embeddedDevUsers = () => ({ embedded: true, devUsers: seededDevUsers() });

describe('the console in development', () => {
  const { gateway, gql } = useGateway({ env: { CONSOLE_DIR: dir }, gateway: embeddedDevUsers });

  it('serves the page, its assets and the page again for the console routes', async () => {
    const base = origin(gateway().url);
    const page = await fetch(`${base}/console/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('<title>console</title>');
    const deep = await fetch(`${base}/console/meetings/123456`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<title>console</title>');
    const asset = await fetch(`${base}/console/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await asset.text()).toContain('console.log');
    expect((await fetch(`${base}/console/assets/missing.js`)).status).toBe(404);
    const bare = await fetch(`${base}/console`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/console/');
  });

  it('lists the seeded users with development tokens the gateway accepts', async () => {
    const response = await fetch(`${origin(gateway().url)}/console/dev-users`);
    expect(response.status).toBe(200);
    const { users } = (await response.json()) as {
      users: { userId: string; name: string; roles: string[]; token: string }[];
    };
    expect(users.map((u) => u.userId)).toEqual(['admin', 'ops', 'alice', 'bob', 'carol', 'dave']);
    expect(users.find((u) => u.userId === 'admin')?.roles).toEqual(['admin']);
    const alice = users.find((u) => u.userId === 'alice');
    expect(alice?.roles).toEqual([]);
    const me = data(await gql(alice?.token, '{ me { thirdPartyId name } }')).me;
    expect(me).toEqual({ thirdPartyId: 'alice', name: 'Alice Li' });
  });
});

describe('the console in production', () => {
  const { gateway } = useGateway({
    env: { NODE_ENV: 'production', CONSOLE_DIR: dir },
    gateway: embeddedDevUsers,
  });

  it('is off unless CONSOLE=on, and never lists development users', async () => {
    const base = origin(gateway().url);
    expect((await fetch(`${base}/console/`)).status).toBe(404);
    expect((await fetch(`${base}/console/dev-users`)).status).toBe(404);
  });
});

describe('the console in production with CONSOLE=on', () => {
  const { gateway } = useGateway({
    env: { NODE_ENV: 'production', CONSOLE: 'on', CONSOLE_DIR: dir },
    gateway: embeddedDevUsers,
  });

  it('is served, still without development users', async () => {
    const base = origin(gateway().url);
    expect((await fetch(`${base}/console/`)).status).toBe(200);
    const devUsers = await fetch(`${base}/console/dev-users`);
    // The page's fallback must not answer for it either: it is not there at all.
    expect(devUsers.status).toBe(404);
    expect(devUsers.headers.get('content-type')).toMatch(/json/);
  });
});

describe('the console in development with tokens from an identity provider (JWT_JWKS_URL)', () => {
  const { gateway } = useGateway({
    env: { CONSOLE_DIR: dir, JWT_SECRET: '', JWT_JWKS_URL: 'http://127.0.0.1:9/jwks.json' },
    gateway: embeddedDevUsers,
  });

  it('serves the console but lists no development users: it cannot sign any', async () => {
    const base = origin(gateway().url);
    expect((await fetch(`${base}/console/`)).status).toBe(200);
    expect((await fetch(`${base}/console/dev-users`)).status).toBe(404);
  });
});
