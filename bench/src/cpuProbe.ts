import type { ChildProcess } from 'node:child_process';

/**
 * Code preloaded into a measured server's process (`--import`): on the message `cpu` it answers its own
 * `process.cpuUsage()`, so that a figure counts the server's CPU time alone, not the load generator's or the
 * upstream's. The IPC channel is unreferenced: it does not keep the server alive.
 */
const PROBE = [
  "process.on('message', (m) => { if (m === 'cpu') process.send({ cpu: process.cpuUsage() }); });",
  'process.channel?.unref();',
].join('\n');

/** The `execArgv` that preloads the probe. */
export const cpuProbeArgs = ['--import', `data:text/javascript,${encodeURIComponent(PROBE)}`];

/** The stdio of a probed child: stdout piped (its listening line), stderr inherited, an IPC channel. */
export const probedStdio: ['ignore', 'pipe', 'inherit', 'ipc'] = ['ignore', 'pipe', 'inherit', 'ipc'];

/** The CPU time (user + system, microseconds) a probed child has used so far. */
export function cpuMicrosOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    if (!child.send) {
      reject(new Error('cpu probe: the child has no IPC channel'));
      return;
    }
    const onMessage = (message: unknown) => {
      const cpu = (message as { cpu?: { user: number; system: number } } | null)?.cpu;
      if (!cpu) return;
      child.off('message', onMessage);
      resolve(cpu.user + cpu.system);
    };
    child.on('message', onMessage);
    child.send('cpu');
  });
}
