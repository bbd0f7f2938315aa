import { z } from 'zod';
import { GatewayErrorCode, gatewayError, parseInput } from '../../errors.js';

/** Most items a page may ask for. */
export const MAX_PAGE_SIZE = 100;

const pageArgsSchema = z.object({
  first: z.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
  after: z.string().max(200).nullish(),
});

/** Turns Relay `first`/`after` into the upstream's `offset`/`limit`, validating both. */
export function pageWindow(args: { first?: number | null; after?: string | null }): {
  offset: number;
  limit: number;
} {
  const { first, after } = parseInput(
    pageArgsSchema,
    { first: args.first ?? undefined, after: args.after },
    'page',
  );
  return { offset: after ? decodeCursor(after) + 1 : 0, limit: first };
}

/** Cursor of the item at an absolute offset. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): number {
  const match = /^offset:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match?.[1])
    throw gatewayError(GatewayErrorCode.BAD_USER_INPUT, 'after: not a cursor of this list', {
      field: 'after',
    });
  return Number(match[1]);
}

/**
 * A Relay connection from one upstream page whose `skipped` records the client left out (unreadable: see the
 * client's tolerant answers). Positions count them: the last edge's cursor is the last position the page
 * covered, so the next page starts after the skipped records rather than repeating good ones, and
 * `hasNextPage` is false on a last page that had an odd record. Where a skipped record sat is not known, so an
 * earlier edge's cursor is its position counting the skipped ones as after it: paging from it can repeat an
 * edge, never miss one.
 */
export function connection<T>(items: readonly T[], offset: number, total: number, skipped: number) {
  const covered = items.length + skipped;
  const edges = items.map((node, i) => ({
    cursor: encodeCursor(i === items.length - 1 ? offset + covered - 1 : offset + i),
    node,
  }));
  return {
    edges,
    totalCount: total,
    pageInfo: {
      hasNextPage: offset + covered < total,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
