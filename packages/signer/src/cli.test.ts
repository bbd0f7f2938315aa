import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from './cli.js';
import { parseAppAuthHeader, verifySignature } from './index.js';

const env = { HWMEETING_APP_KEY: 'super-secret-app-key' };

function run(argv: string[], environment: NodeJS.ProcessEnv = env) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(argv, environment, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('hwmeeting-sign', () => {
  it('prints verifiable headers and body, never the appKey', () => {
    const { code, out, err } = run(['--app-id', 'app1', '--user-id', 'alice']);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).not.toContain(env.HWMEETING_APP_KEY);
    const [headerBlock, bodyText] = out.split('\n\n');
    const headers = Object.fromEntries(
      (headerBlock ?? '').split('\n').map((line) => line.split(/: (.*)/s).slice(0, 2) as [string, string]),
    );
    expect(headers['X-Token-Type']).toBe('LongTicket');
    const body = JSON.parse(bodyText ?? '');
    expect(body).toMatchObject({ appId: 'app1', userId: 'alice', clientType: 72 });
    const parsed = parseAppAuthHeader(headers.Authorization);
    expect(parsed?.appId).toBe('app1');
    const verdict = verifySignature({
      ...body,
      appKey: env.HWMEETING_APP_KEY,
      signature: parsed?.signature ?? '',
    });
    expect(verdict).toEqual({ ok: true });
  });

  it('prints a curl command for the given endpoint', () => {
    const { code, out } = run(['--app-id', 'app1', '--curl', '--endpoint', 'http://127.0.0.1:4100/']);
    expect(code).toBe(0);
    expect(out).toMatch(
      /^curl -sS -X POST 'http:\/\/127\.0\.0\.1:4100\/v2\/usg\/acs\/auth\/appauth' -H 'Authorization: HMAC-SHA256 signature=[0-9a-f]{64},access=/,
    );
    expect(out).toContain(`-H 'X-Token-Type: LongTicket'`);
  });

  it('refuses an appKey on the command line', () => {
    const { code, err } = run(['--app-id', 'a', '--app-key', 'leaked']);
    expect(code).toBe(2);
    expect(err).toContain('HWMEETING_APP_KEY');
    expect(err).not.toContain('leaked');
  });

  it('names what is missing', () => {
    expect(run(['--app-id', 'a'], {}).err).toContain('HWMEETING_APP_KEY');
    expect(run([], env).err).toContain('--app-id');
    expect(run(['--app-id', 'a', '--tenancy', 'x']).err).toContain('tenancy');
    expect(run(['--app-id', 'a', '--corp-id', 'c']).err).toContain('corpId');
    expect(run(['--app-id', 'a', '--bogus']).code).toBe(2);
  });

  it('reads the appId and tenancy from the environment', () => {
    const { code, out } = run([], {
      ...env,
      HWMEETING_APP_ID: 'envapp',
      HWMEETING_TENANCY: 'multi',
      HWMEETING_CORP_ID: 'c1',
    });
    expect(code).toBe(0);
    expect(JSON.parse(out.split('\n\n')[1] ?? '')).toMatchObject({ appId: 'envapp', corpId: 'c1' });
  });

  it('runs as a program', async () => {
    const require = createRequire(import.meta.url);
    const tsx = require.resolve('tsx');
    const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', tsx, cli, '--app-id', 'p1'], {
      env: { ...process.env, ...env },
    });
    expect(stdout).toContain('Authorization: HMAC-SHA256 signature=');
    expect(stdout).toContain('"appId":"p1"');
  });
});
