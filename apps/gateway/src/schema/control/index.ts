import { liveMeetingResolvers, liveMeetingTypeDefs } from './liveMeeting.js';
import { meetingControlResolvers, meetingControlTypeDefs } from './meeting.js';
import { participantControlResolvers, participantControlTypeDefs } from './participant.js';

/** Meeting control: liveMeeting and its result types, participant control, meeting-wide control. */
export const controlTypeDefs = [liveMeetingTypeDefs, participantControlTypeDefs, meetingControlTypeDefs];

/** The control area's resolvers. */
export const controlResolvers = [liveMeetingResolvers, participantControlResolvers, meetingControlResolvers];
