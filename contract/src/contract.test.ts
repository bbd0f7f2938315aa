// `pnpm contract` as a customer runs it: the script in a child process against a meeting server, here a
// simulator this test starts. It must pass there, print its table, clean up, and fail on a difference.
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { SEED_ACCOUNTS, type Simulator, startSimulator } from '@hwmeeting/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_DEMO_USERS } from './options.js';

const APP = { appId: 'contract-app', appKey: 'contract-key-of-the-test' };
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const tsx = createRequire(import.meta.url).resolve('tsx');

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo', ...APP });
});
afterAll(async () => {
  await sim?.close();
});

/** What the script printed and how it exited. */
interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the contract script as `pnpm contract` does, with these arguments. */
function contract(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=@hwmeeting/source', '--import', tsx, 'src/main.ts', ...args],
      {
        cwd: packageDir,
        env: { ...process.env, HWMEETING_APP_ID: '', HWMEETING_APP_KEY: '', ...env },
        timeout: 30_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const simArgs = () => ['--endpoint', sim.url, '--app-id', APP.appId, '--app-key', APP.appKey];

/** The table rows of a run: `[check, result]` per numbered row (continuation lines left out). */
function rows(stdout: string): Array<[string, string]> {
  return stdout
    .split('\n')
    .filter((line) => /^\| \d+ +\|/.test(line))
    .map((line) => {
      const cells = line.split('|').map((cell) => cell.trim());
      return [cells[2] ?? '', cells[5] ?? ''];
    });
}

describe('pnpm contract against a simulator', () => {
  it('passes every check, prints the table, and leaves nothing behind', async () => {
    const run = await contract(simArgs());
    expect(run.stderr).toBe('');
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain(`Contract checks against ${sim.url} (a simulator)`);
    expect(run.stdout).toMatch(/^\| # +\| check +\| sent +\| received +\| result \|$/m);
    const table = rows(run.stdout);
    expect(table.map(([check]) => check)).toEqual([
      'log in (App ID) as the member alice',
      'log in (App ID) as the invitee bob',
      'log in (App ID) as the administrator',
      'U10 my info, open to every member (invitee)',
      'M1 schedules a meeting as the member,',
      'M6 reads it back as the member',
      'M4 lists it for its owner',
      'M4 lists it for the invitee (raw page)',
      'passwords by role: owner both, guest the',
      'U8 reads the corporate directory as the',
      'D4 department by code as the member: open',
      'U2 query users as the member: refused (403)',
      'U3 user details as the member: refused (403)',
      'D5 department and children as the member:',
      'error body of an unknown meeting (M6)',
      'error body of a refused access token (U10)',
      'W2 the enterprise has no webhook',
      'W1 configures a webhook, not enabling it',
      'W2 reads it back: disabled (status 1), no',
      'W3 deletes it; W2 finds none',
      'M3 cancels it as the member; M4 no longer',
    ]);
    expect(table.every(([, result]) => result === 'PASS')).toBe(true);
    expect(run.stdout).toMatch(/HTTP 403 USG\.000000403 \(error_code, error_msg\)/);
    expect(run.stdout).toMatch(/^21 passed, 0 failed, 0 skipped$/m);
    // Never a secret in the report.
    expect(run.stdout).not.toContain(APP.appKey);
    // Cleaned up: the test meeting cancelled (row 20 saw the webhook configuration gone).
    const left = [...sim.store.meetings.values()].filter((m) => m.subject.startsWith('hwmeeting contract'));
    expect(left).toEqual([]);
  });

  it('exits 1 on a difference, with the row that differs, and still cleans up', async () => {
    // The meeting server answers U2 with 500 instead of the published 403 refusal.
    const fault = await fetch(new URL('/__sim/faults', sim.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        kind: 'status',
        count: 1,
        method: 'GET',
        pathPrefix: '/v1/usg/dcs/corp/member',
        status: 500,
        errorCode: 'SIM.500',
      }),
    });
    expect(fault.status).toBe(200);
    const run = await contract(simArgs());
    expect(run.code).toBe(1);
    const failed = rows(run.stdout).filter(([, result]) => result === 'FAIL');
    expect(failed).toEqual([['U2 query users as the member: refused (403)', 'FAIL']]);
    expect(run.stdout).toMatch(/^20 passed, 1 failed, 0 skipped$/m);
    const left = [...sim.store.meetings.values()].filter((m) => m.subject.startsWith('hwmeeting contract'));
    expect(left).toEqual([]);
  });

  it('acts as the demo seed ordinary members only on a simulator', () => {
    for (const user of Object.values(SIMULATOR_DEMO_USERS)) {
      expect(Object.values(SEED_ACCOUNTS).map((account) => account.thirdAccount)).toContain(user);
    }
    expect(SIMULATOR_DEMO_USERS.member).not.toBe(SEED_ACCOUNTS.admin.thirdAccount);
  });
});

describe('pnpm contract against a server that is not a simulator', () => {
  let server: Server;
  beforeAll(async () => {
    server = createServer((_, res) => {
      res
        .writeHead(404, { 'Content-Type': 'application/json' })
        .end('{"error_code":"APIGW.0101","error_msg":"no"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('does not guess the users: the member and the invitee must be named (exit 2)', async () => {
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const run = await contract(['--endpoint', endpoint], { HWMEETING_APP_ID: 'x', HWMEETING_APP_KEY: 'y' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '--member (or HWMEETING_CONTRACT_MEMBER): required unless the endpoint is a simulator',
    );
    expect(run.stdout).toBe('');
  });

  it('names a missing option (exit 2)', async () => {
    const run = await contract(['--endpoint', 'http://127.0.0.1:1', '--app-id', 'x']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--app-key (or HWMEETING_APP_KEY): required');
  });
});
