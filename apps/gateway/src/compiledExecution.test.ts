// Compiled queries answer what graphql-js answers: the same data, the same errors (message, path, locations,
// extensions), the same refusals of bad variables and unknown operations; mutations run as graphql-js runs them.
import { makeExecutableSchema } from '@graphql-tools/schema';
import {
  type ExecutionResult,
  execute,
  GraphQLError,
  GraphQLScalarType,
  getOperationAST,
  parse,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { compiledExecution } from './compiledExecution.js';

class UpstreamFailure extends Error {}

let mutations = 0;
const schema = makeExecutableSchema({
  typeDefs: /* GraphQL */ `
    scalar Stamp
    enum Colour { RED GREEN }
    type Item { id: ID! name: String colour: Colour! stamp: Stamp tags: [String!] }
    type Query {
      items(first: Int!, after: String): [Item!]!
      item(id: ID!): Item
      failing: String
      coded: String
      broken: Item!
    }
    type Mutation { touch: Int! }
  `,
  resolvers: {
    Stamp: new GraphQLScalarType({
      name: 'Stamp',
      serialize: (value) => `@${String(value)}`,
      parseValue: (value) => Number(value),
    }),
    Query: {
      items: async (_: unknown, { first }: { first: number }) =>
        Array.from({ length: first }, (_, i) => ({
          id: `${i}`,
          name: i % 2 ? null : `item ${i}`,
          colour: i % 2 ? 'GREEN' : 'RED',
          stamp: i,
          tags: i === 1 ? null : ['a', 'b'],
        })),
      item: (_: unknown, { id }: { id: string }) => (id === 'none' ? null : { id, colour: 'RED' }),
      failing: () => {
        throw new UpstreamFailure('the upstream failed');
      },
      coded: async () => {
        throw new GraphQLError('not yours', { extensions: { code: 'FORBIDDEN', field: 'coded' } });
      },
      broken: () => ({ id: '1', colour: null }),
    },
    Mutation: { touch: () => ++mutations },
  },
});

const gateway = compiledExecution(schema);
const { executor } = await gateway.load({ apollo: {} });

/** A result as it goes out: errors as their JSON (message, locations, path, extensions). */
const asSent = (result: ExecutionResult) => JSON.parse(JSON.stringify(result));

/** The compiled answer and graphql-js's answer to one request. */
async function bothWays(query: string, variables?: Record<string, unknown>, operationName?: string) {
  const document = parse(query);
  const operation = getOperationAST(document, operationName) ?? undefined;
  const compiled = await executor?.({
    document,
    operation,
    request: { query, variables, operationName },
    context: {},
  } as never);
  const reference = await execute({ schema, document, variableValues: variables, operationName });
  return { compiled: compiled as ExecutionResult, reference };
}

describe('compiled query execution', () => {
  it.each([
    ['lists, nulls, enums, custom scalars', '{ items(first: 3) { id name colour stamp tags } }'],
    ['variables', 'query($n: Int!, $id: ID!) { items(first: $n) { id } item(id: $id) { id colour } }'],
    ['a null object', '{ item(id: "none") { id } }'],
    ['an error without a code', '{ failing items(first: 1) { id } }'],
    ['an error with a code and a field', 'query Named { coded }'],
    ['a null where none may be', '{ broken { id colour } }'],
  ])('%s: answers what graphql-js answers', async (_name, query) => {
    const { compiled, reference } = await bothWays(query, { n: 2, id: 'x' });
    expect(asSent(compiled)).toEqual(asSent(reference));
  });

  it("keeps a resolver's error as graphql-js does: the thrown error behind it, with extensions", async () => {
    const { compiled } = await bothWays('{ failing coded }');
    const [failing, coded] = compiled.errors ?? [];
    expect(failing).toBeInstanceOf(GraphQLError);
    expect(failing?.originalError).toBeInstanceOf(UpstreamFailure);
    expect(failing?.extensions).toEqual({});
    expect(coded?.extensions).toEqual({ code: 'FORBIDDEN', field: 'coded' });
  });

  it("refuses bad variables and unknown operations in graphql-js's words", async () => {
    for (const [query, variables, operationName] of [
      ['query($n: Int!) { items(first: $n) { id } }', {}, undefined],
      ['query($n: Int!) { items(first: $n) { id } }', { n: 'many' }, undefined],
      ['query A { failing }', {}, 'B'],
      ['{ failing }', {}, ''],
    ] as const) {
      const { compiled, reference } = await bothWays(query, variables, operationName);
      expect(reference.errors?.length).toBeGreaterThan(0);
      expect(asSent(compiled)).toEqual(asSent(reference));
    }
  });

  it('runs mutations as graphql-js does, once each', async () => {
    const before = mutations;
    const document = parse('mutation { touch }');
    const answer = await executor?.({
      document,
      operation: getOperationAST(document),
      request: { query: 'mutation { touch }', variables: {} },
      context: {},
    } as never);
    expect(answer).toEqual({ data: { touch: before + 1 } });
    expect(mutations).toBe(before + 1);
  });
});
