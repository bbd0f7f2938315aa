import type { GraphQLError } from 'graphql';

/**
 * What a live subscription yields last when it ends with an error rather than completing (access withdrawn, a
 * lobby given up): sent as the GraphQL error of its last message (see sharedResults.ts).
 */
export class FinalError {
  constructor(readonly error: GraphQLError) {}
}
