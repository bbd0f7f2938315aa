import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpuMicrosOf, cpuProbeArgs, probedStdio } from './cpuProbe.js';

/** A simulator running in its own process, so that it does not share the event loop it is measured from. */
export interface SimulatorProcess {
  url: string;
  appId: string;
  appKey: string;
  /** CPU time (microseconds) the simulator's process has used so far. */
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts the built simulator (`hwmeeting-simulator`) on an ephemeral loopback port. */
export async function startSimulatorProcess(args: string[] = []): Promise<SimulatorProcess> {
  const main = createRequire(import.meta.url)
    .resolve('@hwmeeting/simulator/package.json')
    .replace(/package\.json$/, 'dist/main.js');
  const appId = 'bench-app';
  const appKey = 'bench-key';
  const child: ChildProcess = spawn(
    process.execPath,
    [...cpuProbeArgs, main, '--port', '0', '--app-id', appId, '--app-key', appKey, '--seed', 'demo', ...args],
    { stdio: probedStdio },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = /listening on (http:\/\/\S+)/.exec(output);
      if (found?.[1]) resolve(found[1]);
    });
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}: ${output}`)));
  });
  return {
    url,
    appId,
    appKey,
    cpuMicros: () => cpuMicrosOf(child),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
