/** The largest page a published list answers. */
export const MAX_PAGE_LIMIT = 500;

/** A query as read from the URL: one string per key, or several for a repeated key. */
export type RawQuery = Record<string, string | string[]>;

/**
 * A `limit` above {@link MAX_PAGE_LIMIT} is clamped to it, not refused (published-behaviour.md §2: API Explorer,
 * SearchHisMeetings); the page then answers `limit: 500`. Anything that is not a plain number is left for the
 * schema to refuse. UNVERIFIED (published-behaviour.md §2): published for the history list; the simulator clamps
 * the `limit` of every list the same way.
 */
export function clampPageLimit(query: RawQuery): RawQuery {
  const limit = query.limit;
  if (typeof limit !== 'string' || !/^\d+$/.test(limit) || Number(limit) <= MAX_PAGE_LIMIT) return query;
  return { ...query, limit: String(MAX_PAGE_LIMIT) };
}
