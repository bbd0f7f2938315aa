import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { commonResolvers, commonTypeDefs } from './common/index.js';
import { controlResolvers, controlTypeDefs } from './control/index.js';
import { liveResolvers, liveTypeDefs } from './live/index.js';
import { meetingAreaResolvers, meetingAreaTypeDefs } from './meetings/index.js';
import { type ClientLoginSigner, userAreaResolvers, userAreaTypeDefs } from './users/index.js';

/** Settings the schema's resolvers need. */
export interface SchemaSettings {
  /** The App ID in App ID mode (invitees named by third-party ID carry it). */
  appId: string | undefined;
  /** Signs client-SDK logins (issueClientLogin); the App ID credentials stay in server.ts. */
  signClientLogin?: ClientLoginSigner | undefined;
}

/**
 * The gateway's one schema, served over HTTP and graphql-ws alike: the shared types (common/), then one
 * entry per area (meetings/, control/, users/, live/), each listing its own files.
 */
export function buildSchema(settings: SchemaSettings): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs: [
      ...commonTypeDefs,
      ...meetingAreaTypeDefs,
      ...controlTypeDefs,
      ...userAreaTypeDefs,
      ...liveTypeDefs,
    ],
    resolvers: [
      ...commonResolvers,
      ...meetingAreaResolvers(settings.appId),
      ...controlResolvers,
      ...userAreaResolvers(settings.signClientLogin),
      ...liveResolvers,
    ],
  });
}
