import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { commonResolvers, commonTypeDefs } from './common.js';
import { meetingResolvers, meetingTypeDefs } from './meetings.js';

/** Settings the schema's resolvers need. */
export interface SchemaSettings {
  /** The App ID in App ID mode (invitees named by third-party ID carry it). */
  appId: string | undefined;
}

/** The gateway's one schema, served over HTTP and graphql-ws alike. */
export function buildSchema(settings: SchemaSettings): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs: [commonTypeDefs, meetingTypeDefs],
    resolvers: [commonResolvers, meetingResolvers(settings.appId)],
  });
}
