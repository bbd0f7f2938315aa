import { meetingCommonResolvers, meetingCommonTypeDefs } from './meeting.js';
import { meetingSettingsResolvers, meetingSettingsTypeDefs } from './meetingSettings.js';
import { participantResolvers, participantTypeDefs } from './participant.js';
import { rootResolvers, rootTypeDefs } from './roots.js';

/** Types more than one area shows: scalars, paging, roots, the meeting's state and media, in-meeting setting enums, participants. */
export const commonTypeDefs = [
  rootTypeDefs,
  meetingCommonTypeDefs,
  meetingSettingsTypeDefs,
  participantTypeDefs,
];

/** Resolvers of the shared types. */
export const commonResolvers = [
  rootResolvers,
  meetingCommonResolvers,
  meetingSettingsResolvers,
  participantResolvers,
];
