import { fileURLToPath } from 'node:url';
import { startChildServer } from '../childServer.js';

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
  const { url, cpuMicros, stop } = await startChildServer(
    peer,
    ['--import', import.meta.resolve('tsx'), script],
    /listening on (http:\/\/\S+)/,
    { ...process.env, NODE_ENV: 'production', ...env },
  );
  return { url, cpuMicros, stop };
}
