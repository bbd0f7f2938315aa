import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cpuMicrosOf, cpuProbeArgs, probedStdio } from '../cpuProbe.js';

/** A peer GraphQL server of P1 running in its own process. */
export interface PeerProcess {
  url: string;
  /** CPU time (microseconds) the peer's process has used so far. */
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Starts one of the peers of this folder (`apolloProxy`, `meshGateway`) from its TypeScript source (tsx compiles
 * it once at load; what runs is plain JavaScript) with `env`, and waits for its `listening on` line.
 */
export async function startPeerProcess(
  peer: 'apolloProxy' | 'meshGateway',
  env: Record<string, string>,
): Promise<PeerProcess> {
  const script = fileURLToPath(new URL(`./${peer}.ts`, import.meta.url));
  const child: ChildProcess = spawn(
    process.execPath,
    [...cpuProbeArgs, '--import', import.meta.resolve('tsx'), script],
    { stdio: probedStdio, env: { ...process.env, NODE_ENV: 'production', ...env } },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = /listening on (http:\/\/\S+)/.exec(output);
      if (found?.[1]) resolve(found[1]);
    });
    child.once('exit', (code) => reject(new Error(`${peer} exited with ${code}: ${output}`)));
  });
  return {
    url,
    cpuMicros: () => cpuMicrosOf(child),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
