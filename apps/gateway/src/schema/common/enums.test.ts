// wireEnum: the one way an enum is mapped (internal values), and the one check of an upstream value against it.
import { makeExecutableSchema } from '@graphql-tools/schema';
import { graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { wireEnum } from './enums.js';

const level = wireEnum({ LOW: 0, HIGH: 1, UNKNOWN: 'UNKNOWN' });
const mode = wireEnum({ ROLL_CALL: 'ROLLCALL', FREE: 'FREE' });

describe('wireEnum', () => {
  it('passes a value the enum has as it is, and reads any other as null or the fallback', () => {
    expect([0, 1].map(level.read)).toEqual([0, 1]);
    expect([2, '1', undefined, null].map(level.read)).toEqual([null, null, null, null]);
    expect(level.readOr(7, 'UNKNOWN')).toBe('UNKNOWN');
    expect(level.readOr(1, 'UNKNOWN')).toBe(1);
    // Names every object inherits, and the GraphQL names themselves, are not values of the enum.
    expect(['constructor', 'toString', '__proto__', 'ROLL_CALL'].map(mode.read)).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it('names the internal value of a GraphQL name, and the GraphQL name of an internal value', () => {
    expect(mode.of('ROLL_CALL')).toBe('ROLLCALL');
    expect(mode.nameOf('ROLLCALL')).toBe('ROLL_CALL');
  });

  it('checks an argument against all values or a few, naming the GraphQL names when it refuses', () => {
    expect(level.schema().safeParse(1).success).toBe(true);
    expect(level.schema().safeParse('HIGH').success).toBe(false);
    const some = level.schema('LOW', 'HIGH').safeParse('UNKNOWN');
    expect(some.success).toBe(false);
    expect(some.error?.issues[0]?.message).toBe('must be one of LOW, HIGH');
  });

  it('gives graphql-tools the enum map: resolvers answer internal values, arguments arrive as them', async () => {
    const schema = makeExecutableSchema({
      typeDefs: 'enum Mode { ROLL_CALL FREE } type Query { mode(echo: Mode): Mode, odd: Mode }',
      resolvers: {
        Mode: mode.values,
        Query: {
          mode: (_: unknown, args: { echo: unknown }) => {
            expect(args.echo).toBe('ROLLCALL');
            return args.echo;
          },
          odd: () => mode.read('SPOTLIGHT'),
        },
      },
    });
    const result = await graphql({ schema, source: '{ mode(echo: ROLL_CALL) odd }' });
    expect(result).toEqual({ data: { mode: 'ROLL_CALL', odd: null } });
  });
});
