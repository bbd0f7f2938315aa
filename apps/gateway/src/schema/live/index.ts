import { enterpriseEventResolvers, enterpriseEventTypeDefs } from './enterpriseEvents.js';
import { meetingSubscriptionResolvers, meetingSubscriptionTypeDefs } from './meetingSubscriptions.js';
import { pushedStateResolvers, pushedStateTypeDefs } from './pushedState.js';
import { updateResolvers, updateTypeDefs } from './updates.js';

/** Live: the meeting subscriptions, their update types, the pushed state they carry, enterprise events. */
export const liveTypeDefs = [
  meetingSubscriptionTypeDefs,
  updateTypeDefs,
  pushedStateTypeDefs,
  enterpriseEventTypeDefs,
];

/** The live area's resolvers. */
export const liveResolvers = [
  meetingSubscriptionResolvers,
  updateResolvers,
  pushedStateResolvers,
  enterpriseEventResolvers,
];
