/**
 * `value`, asserted present: the client's wire types make every non-identifying field optional, but the
 * simulator always sends the fields the tests read, so a missing one fails the test naming `what`.
 */
export function present<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the simulator should have sent ${what}`);
  return value;
}
