/** A failed call to the simulator's `/__sim/` test control: the status and the answer's text. */
export class SimControlError extends Error {
  override readonly name = 'SimControlError';
  readonly code = 'SIM_CONTROL_FAILED';

  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * One call to a simulator's `/__sim/` test control (`path` below it, e.g. `/clock/advance`); answers the JSON, or
 * throws a {@link SimControlError} naming the call when the simulator does not answer 200. For tests and soaks.
 */
export async function simControl<T = unknown>(
  simulatorUrl: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${simulatorUrl}/__sim${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    // `null`, not `undefined`: exactOptionalPropertyTypes.
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 200) {
    throw new SimControlError(response.status, `${method} /__sim${path}: ${response.status} ${text}`);
  }
  return (text === '' ? undefined : JSON.parse(text)) as T;
}
