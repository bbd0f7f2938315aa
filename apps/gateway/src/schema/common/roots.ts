import { dateTimeScalar } from './dateTime.js';

/** Types every area shares: the DateTime scalar, Relay paging, and the roots the areas extend. */
export const rootTypeDefs = /* GraphQL */ `
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

  "What a front end may read: meetings, their live state, users and departments."
  type Query {
    "Liveness of the API itself (no upstream call)."
    ping: String!
  }

  "What a front end may change: scheduling, meeting control, users and departments."
  type Mutation {
    "Does nothing; answers true (a mutation root needs a field)."
    noop: Boolean!
  }
`;

/** Resolvers of the shared scalar and the roots. */
export const rootResolvers = {
  DateTime: dateTimeScalar,
  Query: { ping: () => 'pong' },
  Mutation: { noop: () => true },
};
