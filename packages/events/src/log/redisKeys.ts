/** The default first part of every key and channel. */
export const DEFAULT_REDIS_PREFIX = 'hwm:';

/** The keys of one meeting: its upstream lease, and its log's epoch, counter, stream and checkpoint. */
export type MeetingKeyName = 'lease' | 'epoch' | 'seq' | 'log' | 'ckpt';

/**
 * The key of one part of a meeting's data: `<prefix>{meeting:<conferenceID>}:<name>`. The braces are a Redis
 * Cluster hash tag, so every key of a meeting lives on one node and a Lua script may touch them together.
 */
export function meetingKey(prefix: string, conferenceID: string, name: MeetingKeyName): string {
  return `${prefix}{meeting:${conferenceID}}:${name}`;
}
