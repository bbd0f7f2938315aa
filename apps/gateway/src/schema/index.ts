import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { type ClientLoginSigner, clientLoginResolvers, clientLoginTypeDefs } from './clientLogin.js';
import { commonResolvers, commonTypeDefs } from './common.js';
import { controlResolvers, controlTypeDefs } from './control.js';
import { departmentResolvers, departmentTypeDefs } from './departments.js';
import { meetingResolvers, meetingTypeDefs } from './meetings.js';
import { participantResolvers, participantTypeDefs } from './participants.js';
import { recurringResolvers, recurringTypeDefs } from './recurring.js';
import { subscriptionResolvers, subscriptionTypeDefs } from './subscriptions.js';
import { subtitleResolvers, subtitleTypeDefs } from './subtitles.js';
import { userResolvers, userTypeDefs } from './users.js';

/** Settings the schema's resolvers need. */
export interface SchemaSettings {
  /** The App ID in App ID mode (invitees named by third-party ID carry it). */
  appId: string | undefined;
  /** Signs client-SDK logins (issueClientLogin); the App ID credentials stay in server.ts. */
  signClientLogin?: ClientLoginSigner | undefined;
}

/** The gateway's one schema, served over HTTP and graphql-ws alike. */
export function buildSchema(settings: SchemaSettings): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs: [
      commonTypeDefs,
      meetingTypeDefs,
      participantTypeDefs,
      controlTypeDefs,
      userTypeDefs,
      departmentTypeDefs,
      recurringTypeDefs,
      clientLoginTypeDefs,
      subscriptionTypeDefs,
      subtitleTypeDefs,
    ],
    resolvers: [
      commonResolvers,
      meetingResolvers(settings.appId),
      participantResolvers,
      controlResolvers,
      userResolvers(),
      departmentResolvers(),
      recurringResolvers(settings.appId),
      clientLoginResolvers(settings.signClientLogin),
      subscriptionResolvers,
      subtitleResolvers,
    ],
  });
}
