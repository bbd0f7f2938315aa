import { useState } from 'react';

/**
 * Runs a meeting control and keeps its refusal to show. The control's answer is not used: the change shows when
 * the room's subscription delivers it.
 */
export function useControl(): {
  run: (control: () => Promise<unknown>) => void;
  busy: boolean;
  error: string | undefined;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = (control: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    control()
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  };
  return { run, busy, error };
}
