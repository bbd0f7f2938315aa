import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '@hwmeeting/simulator';
import { createClient } from 'graphql-ws';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

// The gateway as an operator runs it: `main.ts` (what `pnpm start` and `node dist/main.js` run), here on its
// sources, on the embedded simulator, on an ephemeral port.
const tsx = createRequire(import.meta.url).resolve('tsx');
const main = fileURLToPath(new URL('./main.ts', import.meta.url));
let child: ChildProcess | undefined;

afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});

async function start(): Promise<{ output: () => string; ready: string; exited: Promise<number | null> }> {
  const process_ = spawn(process.execPath, ['--conditions=@hwmeeting/source', '--import', tsx, main], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', NODE_ENV: 'development' },
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
