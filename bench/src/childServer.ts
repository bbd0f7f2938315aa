import { type ChildProcess, spawn } from 'node:child_process';
import { cpuMicrosOf, cpuProbeArgs, probedStdio } from './cpuProbe.js';

/** A server of the bench running in its own process, with its CPU probe. */
export interface ChildServer {
  child: ChildProcess;
  /** What the server printed that `readyLine` matched (its first group: usually its URL). */
  url: string;
  /** CPU time (microseconds) the process has used so far. */
  cpuMicros(): Promise<number>;
  /** Ends the process (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Spawns `node <args>` with the CPU probe preloaded and waits until its output matches `readyLine` (a pattern
 * whose first group is the server's URL); an exit before that rejects with what the process printed.
 */
export async function startChildServer(
  name: string,
  args: string[],
  readyLine: RegExp,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ChildServer> {
  const child = spawn(process.execPath, [...cpuProbeArgs, ...args], { stdio: probedStdio, env });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = readyLine.exec(output);
      if (found?.[1]) resolve(found[1]);
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}: ${output}`)));
  });
  return {
    child,
    url,
    cpuMicros: () => cpuMicrosOf(child),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
