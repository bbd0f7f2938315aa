import { GraphQLScalarType, Kind } from 'graphql';
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
    if (ast.kind !== Kind.STRING)
      throw gatewayError(GatewayErrorCode.BAD_USER_INPUT, 'DateTime must be a string');
    return parseDateTime(ast.value);
  },
});

function parseDateTime(value: unknown): Date {
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)
  ) {
    throw gatewayError(
      GatewayErrorCode.BAD_USER_INPUT,
      'DateTime must be ISO-8601 with a time zone, e.g. 2026-11-23T10:00:00Z',
    );
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw gatewayError(GatewayErrorCode.BAD_USER_INPUT, 'DateTime is not a valid date');
  return date;
}

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

/** A Relay connection from one upstream page. */
export function connection<T>(items: readonly T[], offset: number, total: number) {
  const edges = items.map((node, i) => ({ cursor: encodeCursor(offset + i), node }));
  return {
    edges,
    totalCount: total,
    pageInfo: {
      hasNextPage: offset + items.length < total,
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
