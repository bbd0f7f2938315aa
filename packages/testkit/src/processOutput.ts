// A child process's output as a test reads it: everything it wrote so far, and a wait for a start-up banner.
import type { ChildProcess } from 'node:child_process';

/** What a test reads of a child process's stdout and stderr. */
export interface ProcessOutput {
  /** Everything the process has written so far (stdout and stderr interleaved). */
  text(): string;
  /**
   * Resolves with the output once it matches `pattern`; rejects (naming `what` and showing the output) when the
   * process exits first or `timeoutMs` passes.
   */
  until(pattern: RegExp, what: string, timeoutMs: number): Promise<string>;
}

/** Starts collecting `child`'s stdout and stderr (piped); `name` names the process in errors. */
export function processOutput(child: ChildProcess, name: string): ProcessOutput {
  let output = '';
  const listeners = new Set<() => void>();
  const read = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', read);
  child.stderr?.on('data', read);
  return {
    text: () => output,
    until: (pattern, what, timeoutMs) =>
      new Promise<string>((resolve, reject) => {
        const finish = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          child.off('exit', exited);
          settle();
        };
        const check = () => {
          if (pattern.test(output)) finish(() => resolve(output));
        };
        const exited = (code: number | null) =>
          finish(() => reject(new Error(`${name} exited (${code}) before ${what}:\n${output}`)));
        const timer = setTimeout(
          () =>
            finish(() =>
              reject(new Error(`${name}: ${what} did not show within ${timeoutMs} ms:\n${output}`)),
            ),
          timeoutMs,
        );
        listeners.add(check);
        child.once('exit', exited);
        check();
      }),
  };
}
