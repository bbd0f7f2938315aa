import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simControl, startSimulator } from '@hwmeeting/simulator';
import { createClient } from 'graphql-ws';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

// The gateway as an operator runs it: `main.ts` (what `pnpm start` and `node dist/main.js` run), here on its
// sources, on the embedded simulator, on an ephemeral port.
const tsx = createRequire(import.meta.url).resolve('tsx');
const main = fileURLToPath(new URL('./main.ts', import.meta.url));
let child: ChildProcess | undefined;
// The development signing key goes here, not into the user's own cache directory.
const cache = mkdtempSync(join(tmpdir(), 'hwm-main-'));

afterAll(() => {
  rmSync(cache, { recursive: true, force: true });
});

afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});

async function start(
  env: Record<string, string> = {},
): Promise<{ output: () => string; ready: string; exited: Promise<number | null> }> {
  const process_ = spawn(process.execPath, ['--conditions=@hwmeeting/source', '--import', tsx, main], {
    env: {
      ...process.env,
      PORT: '0',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
      HWMEETING_CACHE_DIR: cache,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = process_;
  let output = '';
  const exited = new Promise<number | null>((resolve) => process_.once('exit', (code) => resolve(code)));
  const ready = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start-up banner: ${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Try it:') && output.includes("-d '")) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    process_.stdout?.on('data', read);
    process_.stderr?.on('data', read);
    process_.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
  return { output: () => output, ready, exited };
}

describe('gateway main', () => {
  it('prints its URLs, development tokens and a curl command that returns meetings; stops cleanly on SIGTERM', async () => {
    const { ready, exited } = await start();
    const http = /GraphQL \(HTTP\):\s+(\S+)/.exec(ready)?.[1];
    const ws = /GraphQL \(WebSocket\):\s+(\S+)/.exec(ready)?.[1];
    expect(http).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    expect(ws).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/graphql$/);
    expect(ready).toContain('embedded simulator');
    // How to let a page on another origin call, and that the printed tokens outlive a restart.
    expect(ready).toMatch(/Browser origins:.*localhost.*\n.*CORS_ORIGINS=/);
    expect(ready).toContain(`development key in ${join(cache, 'dev-jwt-key')}`);
    // Replay the printed curl command's request.
    const bearer = /Authorization: Bearer (\S+)'/.exec(ready)?.[1];
    const body = /-d '(.+)'/.exec(ready)?.[1];
    expect(bearer).toBeDefined();
    const answer = await fetch(http ?? '', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bearer}` },
      body: body ?? '',
    });
    const json = (await answer.json()) as { data?: { meetings: { totalCount: number } }; errors?: unknown };
    expect(json.errors).toBeUndefined();
    expect(json.data?.meetings.totalCount).toBeGreaterThan(0);
    const admin = /admin:\s+(\S+)/.exec(ready)?.[1];
    expect(admin).toMatch(/^ey/);

    // An open subscription socket is closed with 1001 on shutdown, and the process exits 0.
    const client = createClient({
      url: ws ?? '',
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      // The tests read the close codes themselves; the library would print each close event.
      onNonLazyError: () => undefined,
      connectionParams: { authorization: `Bearer ${bearer}` },
    });
    const closed = new Promise<number>((resolve) =>
      client.on('closed', (event) => resolve((event as { code: number }).code)),
    );
    await new Promise<void>((resolve) => client.on('connected', () => resolve()));
    child?.kill('SIGTERM');
    expect(await closed).toBe(1001);
    expect(await exited).toBe(0);
  }, 60_000);

  it('prints development tokens that still work after a restart (the key is kept in the cache directory)', async () => {
    const first = await start();
    const { bearer } = printed(first.ready);
    child?.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const second = await start();
    const answer = await fetch(printed(second.ready).http, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bearer}` },
      body: JSON.stringify({ query: '{ ping }' }),
    });
    expect(await answer.json()).toEqual({ data: { ping: 'pong' } });
  }, 60_000);

  it('prints no token when given real upstream credentials: it runs as production', async () => {
    const sim = await startSimulator({ seed: 'demo' });
    try {
      const process_ = spawn(process.execPath, ['--conditions=@hwmeeting/source', '--import', tsx, main], {
        // The README's replica recipe: credentials and a JWT secret, no NODE_ENV.
        env: {
          ...process.env,
          NODE_ENV: '',
          PORT: '0',
          LOG_LEVEL: 'warn',
          HWMEETING_ENDPOINT: sim.url,
          HWMEETING_APP_ID: sim.appId,
          HWMEETING_APP_KEY: sim.appKey,
          JWT_SECRET: 'a-deployment-secret-of-at-least-32-chars',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = process_;
      let output = '';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no banner: ${output}`)), 30_000);
        const read = (chunk: Buffer) => {
          output += chunk.toString();
          if (/Mode:.*\n\n/.test(output)) {
            clearTimeout(timer);
            resolve();
          }
        };
        process_.stdout?.on('data', read);
        process_.stderr?.on('data', read);
      });
      expect(output).toMatch(/Mode:\s+production/);
      expect(output).not.toContain('Development tokens');
      expect(output).not.toMatch(/eyJ[\w-]+\./);
    } finally {
      child?.kill('SIGKILL');
      await sim.close();
    }
  }, 60_000);

  it('on SIGTERM lets in-flight operations finish, answers what is left SHUTTING_DOWN, and exits 0', async () => {
    const { ready, exited } = await start({ SHUTDOWN_TIMEOUT_MS: '1500', OPERATION_TIMEOUT_MS: '60000' });
    const { http, bearer, simulator } = printed(ready);
    // `me` answers after 600 ms, within the drain; the meeting list never answers.
    await simControl(simulator, 'POST', '/faults', {
      kind: 'latency',
      delayMs: 600,
      method: 'GET',
      pathPrefix: '/v1/usg/dcs/member',
    });
    await simControl(simulator, 'POST', '/faults', {
      kind: 'hang',
      method: 'GET',
      pathPrefix: '/v1/mmc/management/conferences',
      count: 3,
    });
    const post = async (query: string) => {
      const response = await fetch(http, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bearer}` },
        body: JSON.stringify({ query }),
      });
      // biome-ignore lint/suspicious/noExplicitAny: checked field by field
      return { status: response.status, body: (await response.json()) as any };
    };
    const finishing = post('query Me { me { id } }');
    const hanging = post('query Hung { meetings(first: 1) { totalCount } }');
    // Both have reached the simulator once the latency fault is used and the hang taken once.
    const deadline = Date.now() + 10_000;
    for (;;) {
      const { faults } = await simControl<{ faults: Array<{ count: number }> }>(simulator, 'GET', '/state');
      if (faults.length === 1 && faults[0]?.count === 2) break;
      if (Date.now() > deadline) throw new Error(`requests not upstream: ${JSON.stringify(faults)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child?.kill('SIGTERM');
    const finished = await finishing;
    expect(finished.status).toBe(200);
    expect(finished.body.errors).toBeUndefined();
    expect(finished.body.data.me.id).toBeTruthy();
    const cut = await hanging;
    expect(cut.status).toBe(200);
    expect(cut.body.errors[0].extensions.code).toBe('SHUTTING_DOWN');
    expect(await exited).toBe(0);
  }, 60_000);

  it('exports its operation spans over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set', async () => {
    const received: string[] = [];
    const collector = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      req.on('end', () => {
        received.push(`${req.method} ${req.url} ${body}`);
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', () => resolve()));
    try {
      const { port } = collector.address() as AddressInfo;
      const { ready, exited } = await start({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` });
      const { http, bearer } = printed(ready);
      const traceId = '0af7651916cd43dd8448eb211c80319c';
      const answer = await fetch(http, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${bearer}`,
          traceparent: `00-${traceId}-b7ad6b7169203331-01`,
        },
        body: JSON.stringify({ query: 'query Traced { me { id } }' }),
      });
      expect(answer.status).toBe(200);
      child?.kill('SIGTERM'); // Shutdown flushes the batched spans.
      expect(await exited).toBe(0);
      const exported = received.filter((entry) => entry.startsWith('POST /v1/traces '));
      expect(exported.join('\n')).toContain('graphql.query Traced');
      expect(exported.join('\n')).toContain(traceId);
    } finally {
      collector.close();
    }
  }, 60_000);

  it('refuses a bad configuration with a message naming the variable', async () => {
    const process_ = spawn(process.execPath, ['--conditions=@hwmeeting/source', '--import', tsx, main], {
      env: { ...process.env, PORT: 'eighty', LOG_LEVEL: 'loud' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = process_;
    let stderr = '';
    process_.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => process_.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('PORT');
    expect(stderr).toContain('LOG_LEVEL');
  }, 30_000);
});

/** The GraphQL URL, the user's development token and the embedded simulator's URL of a start-up banner. */
function printed(banner: string): { http: string; bearer: string; simulator: string } {
  const http = /GraphQL \(HTTP\):\s+(\S+)/.exec(banner)?.[1];
  const bearer = /Authorization: Bearer (\S+)'/.exec(banner)?.[1];
  const simulator = /embedded simulator at (\S+)/.exec(banner)?.[1];
  if (!http || !bearer || !simulator) throw new Error(`unexpected banner: ${banner}`);
  return { http, bearer, simulator };
}
