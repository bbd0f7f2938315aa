import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { processOutput } from './processOutput.js';

const node = (script: string) =>
  spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });

describe('processOutput', () => {
  it('resolves once stdout and stderr together show the banner, and keeps collecting after it', async () => {
    const child = node(
      "process.stderr.write('Ready at '); setTimeout(() => { process.stdout.write('http://x\\n'); setTimeout(() => console.log('later'), 50); }, 50);",
    );
    const output = processOutput(child, 'the child');
    expect(await output.until(/Ready at (\S+)/, 'the banner', 5000)).toMatch(/Ready at http:\/\/x/);
    await new Promise((resolve) => child.once('exit', resolve));
    expect(output.text()).toMatch(/later/);
  });

  it('rejects, naming the process and showing its output, when it exits before the banner', async () => {
    const output = processOutput(node("console.log('starting'); process.exit(3);"), 'the child');
    await expect(output.until(/Ready/, 'the banner', 5000)).rejects.toThrow(
      /the child exited \(3\) before the banner:\nstarting/,
    );
  });

  it('rejects when the banner does not come in time', async () => {
    const child = node("console.log('slow'); setTimeout(() => {}, 5000);");
    const output = processOutput(child, 'the child');
    await expect(output.until(/Ready/, 'the banner', 200)).rejects.toThrow(
      /the child: the banner did not show within 200 ms/,
    );
    child.kill('SIGKILL');
  });
});
