// Shared by the pub/sub transports' tests: the event shapes they publish and ways to read a subscription.
// Test-only: excluded from the build and from the package's exports.

/** An event of the test topics. */
export type MeetingEvent = { kind: 'tick'; n: number } | { kind: 'note'; text: string };
/** The test topics: `meeting:<id>` and `enterprise:<id>`. */
export type Topics = { meeting: MeetingEvent; enterprise: { event: string } };

/** The n-th tick. */
export const tick = (n: number): MeetingEvent => ({ kind: 'tick', n });

/** Reads exactly `count` events (fewer when the stream ends first). */
export async function take<E>(subscription: AsyncIterator<E>, count: number): Promise<E[]> {
  const out: E[] = [];
  while (out.length < count) {
    const result = await subscription.next();
    if (result.done) break;
    out.push(result.value);
  }
  return out;
}

/** Reads until the stream ends. */
export async function drain<E>(subscription: AsyncIterable<E>): Promise<E[]> {
  const out: E[] = [];
  for await (const event of subscription) out.push(event);
  return out;
}
