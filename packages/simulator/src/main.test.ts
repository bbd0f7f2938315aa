import { execFile, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Loose } from './testing/rawHttp.js';

describe('hwmeeting-simulator command', () => {
  it('starts on the given port, prints its URL and the credentials it accepts, and stops on SIGTERM', async () => {
    const tsx = createRequire(import.meta.url).resolve('tsx');
    const main = fileURLToPath(new URL('./main.ts', import.meta.url));
    const child = spawn(
      process.execPath,
      [
        '--conditions=@hwmeeting/source',
        '--import',
        tsx,
        main,
        '--port',
        '0',
        '--seed',
        'empty',
        '--app-id',
        'cli-app',
        '--app-key',
        'cli-key',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = /listening on (http:\/\/\S+)/.exec(output);
        if (found?.[1] && output.includes('App key')) resolve(found[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    });
    expect(output).toContain('App ID:   cli-app');
    expect(output).toContain('cli-key');
    const state = (await fetch(`${url}/__sim/state`).then((r) => r.json())) as Loose;
    expect(state.users).toBe(1);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('explains a bad option', async () => {
    const tsx = createRequire(import.meta.url).resolve('tsx');
    const main = fileURLToPath(new URL('./main.ts', import.meta.url));
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--conditions=@hwmeeting/source', '--import', tsx, main, '--seed', 'galaxy'],
        (error, _out, stderr) =>
          resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stderr }),
      );
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('seed');
  });
});
