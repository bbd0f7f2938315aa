import { meetingCommonResolvers, meetingCommonTypeDefs } from './meeting.js';
import { participantResolvers, participantTypeDefs } from './participant.js';
import { rootResolvers, rootTypeDefs } from './roots.js';

/** Types more than one area shows: scalars, paging, roots, the meeting's state and media, participants. */
export const commonTypeDefs = [rootTypeDefs, meetingCommonTypeDefs, participantTypeDefs];

/** Resolvers of the shared types. */
export const commonResolvers = [rootResolvers, meetingCommonResolvers, participantResolvers];
