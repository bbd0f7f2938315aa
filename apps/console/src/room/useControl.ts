import { useState } from 'react';
import { describeControlError } from './controlError';

/**
 * Runs a meeting control and keeps its refusal to show, in words (controlError.ts). The control's answer is not used: the change shows when
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
      .catch((e: unknown) => setError(describeControlError(e)))
      .finally(() => setBusy(false));
  };
  return { run, busy, error };
}
