import { createRequire } from 'node:module';
import { startChildServer } from './childServer.js';

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
  const { url, cpuMicros, stop } = await startChildServer(
    'simulator',
    [main, '--port', '0', '--app-id', appId, '--app-key', appKey, '--seed', 'demo', ...args],
    /listening on (http:\/\/\S+)/,
  );
  return { url, appId, appKey, cpuMicros, stop };
}
