import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { z } from 'zod';
import { GatewayErrorCode, gatewayError, parseInput } from '../errors.js';

/** Types shared by every area: scalars, paging. */
export const commonTypeDefs = /* GraphQL */ `
  "An ISO-8601 date and time in UTC, e.g. 2026-11-23T10:00:00.000Z."
  scalar DateTime

  "Relay page information."
  type PageInfo {
    "More items follow the last edge."
    hasNextPage: Boolean!
    "Items precede the first edge."
    hasPreviousPage: Boolean!
    "Cursor of the first edge."
    startCursor: String
    "Cursor of the last edge."
    endCursor: String
  }

  type Query {
    "Liveness of the API itself (no upstream call)."
    ping: String!
  }

  type Mutation {
    "Does nothing; answers true (a mutation root needs a field)."
    noop: Boolean!
  }
`;

/** ISO-8601 DateTime scalar, always serialised in UTC. */
export const dateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An ISO-8601 date and time in UTC.',
  serialize(value) {
    const date = value instanceof Date ? value : new Date(value as string | number);
    if (Number.isNaN(date.getTime())) throw new TypeError('DateTime cannot represent an invalid date');
    return date.toISOString();
  },
  parseValue(value) {
    return parseDateTime(value);
  },
  parseLiteral(ast) {
    // The error points at the literal: graphql reports it as it is, without naming the argument.
    try {
      if (ast.kind !== Kind.STRING)
        throw gatewayError(GatewayErrorCode.BAD_USER_INPUT, 'DateTime must be a string');
      return parseDateTime(ast.value);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      throw new GraphQLError(error.message, { nodes: ast, extensions: error.extensions });
    }
  },
});

// Date, hour 00-23, minute and second 00-59, optional fraction, then Z or an offset up to ±23:59.
const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** True when `YYYY-MM-DD` names a day of the calendar (no 30 February, no 31 April, 29 February in leap years). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

/** A date-only input `YYYY-MM-DD` that must be a real calendar day. */
export const calendarDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date of the form YYYY-MM-DD' })
  .refine(isCalendarDate, { error: 'is not a calendar date' });

function parseDateTime(value: unknown): Date {
  const match = typeof value === 'string' ? DATE_TIME.exec(value) : null;
  if (!match) {
    throw gatewayError(
      GatewayErrorCode.BAD_USER_INPUT,
      'DateTime must be ISO-8601 with a time zone, e.g. 2026-11-23T10:00:00Z',
    );
  }
  // JavaScript rolls 30 February over into March: the calendar is checked first.
  const date = new Date(match[0]);
  if (!isCalendarDate(match[1] as string) || Number.isNaN(date.getTime()))
    throw gatewayError(GatewayErrorCode.BAD_USER_INPUT, `DateTime ${match[0]} is not a calendar date`);
  return date;
}

/**
 * The entry of `table` for an upstream value, or null when the table has none. Only the table's own entries
 * count: a value such as `constructor` or `toString` is as unknown as any other, not a property of every object.
 */
export const lookup = <V>(table: Readonly<Record<string, V>>, key: string | number | undefined): V | null =>
  key !== undefined && Object.hasOwn(table, String(key)) ? (table[String(key)] as V) : null;

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

/** Upstream meeting time `yyyy-MM-dd HH:mm` (UTC) as a Date. */
export function fromMeetingTime(text: string | undefined): Date | null {
  if (!text) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(text);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match;
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi)));
}

/** A Date as the upstream's meeting time `yyyy-MM-dd HH:mm` in UTC. */
export function toMeetingTime(date: Date): string {
  return date.toISOString().slice(0, 16).replace('T', ' ');
}

/** Resolvers of the shared types. */
export const commonResolvers = {
  DateTime: dateTimeScalar,
  Query: { ping: () => 'pong' },
  Mutation: { noop: () => true },
};
