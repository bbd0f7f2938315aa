// The `search` argument of the list queries and the upstream query of one page of such a list.
import { lineText } from '@hwmeeting/client/wire';

/** A list's `search` argument: one line of 1 to 128 characters once trimmed; null or absent for none. */
export const searchSchema = lineText().trim().min(1).max(128).nullish();

/** The upstream query of one page (offset and limit) narrowed by a search when one is given (`searchKey`). */
export function pagedSearch(window: { offset: number; limit: number }, search: string | null | undefined) {
  return { ...window, ...(search ? { searchKey: search } : {}) };
}
