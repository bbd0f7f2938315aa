import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { z } from 'zod';
import { GatewayErrorCode, gatewayError } from '../../errors.js';

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
