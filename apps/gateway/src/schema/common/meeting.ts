import type { ConferenceInfo } from '@hwmeeting/client';
import { z } from 'zod';
import { lookup, wireEnum } from './enums.js';

/**
 * Meeting types more than one area shows (meetings, control, live): the meeting's state, its media, its
 * passwords, and the meeting ID every area takes.
 */
export const meetingCommonTypeDefs = /* GraphQL */ `
  "Where a meeting is in its life."
  enum MeetingState {
    "Scheduled, not started."
    SCHEDULED
    "In progress."
    IN_PROGRESS
    "Ended."
    ENDED
    "A state the meeting server answered that this gateway does not know yet, or a record that gives none."
    UNKNOWN
  }

  "What a new meeting carries: audio only or video."
  enum MeetingMedia {
    "Audio only."
    AUDIO
    "Audio and HD video."
    VIDEO
  }

  "Who may join the meeting."
  enum JoinRestriction {
    "Everyone with the meeting ID."
    EVERYONE
    "Users of the enterprise only."
    ENTERPRISE_USERS
    "Invited users only."
    INVITED_USERS
  }

  "Meeting passwords; only the meeting's owner or host ever sees them."
  type MeetingPasswords {
    "Password that makes whoever joins with it the host."
    host: String
    "Password guests join with; null when guests join without one."
    guest: String
  }
`;

/** A meeting as the API returns it, with what the field resolvers need to decide on secrets. */
export interface MeetingNode {
  info: ConferenceInfo;
}

/** A meeting's `MeetingState`: scheduled, in progress or ended, or UNKNOWN for a state not published yet. */
export type MeetingState = 'SCHEDULED' | 'IN_PROGRESS' | 'ENDED' | 'UNKNOWN';

// The one mapping to MeetingState: the REST `conferenceState` and the pushed status' state (which
// @hwmeeting/events reads from the same wire values as scheduled, inProgress, ended).
const STATE: Readonly<Record<string, MeetingState>> = {
  Schedule: 'SCHEDULED',
  Creating: 'IN_PROGRESS',
  Created: 'IN_PROGRESS',
  Destroyed: 'ENDED',
  scheduled: 'SCHEDULED',
  inProgress: 'IN_PROGRESS',
  ended: 'ENDED',
};

/**
 * The `MeetingState` of an upstream `conferenceState` or a pushed state; a value not published (the service may
 * add some: published-behaviour.md §2) reads as UNKNOWN rather than as a state it may not be, and so does a
 * record without one (every field but the ID is optional): `state` stays non-null, with one value for "not
 * known".
 */
export const meetingStateOf = (state: string | undefined): MeetingState => lookup(STATE, state) ?? 'UNKNOWN';

/** The meeting ID an argument names: the number people dial. */
export const meetingIdSchema = z.string().regex(/^\d{1,20}$/, { error: 'must be a numeric meeting ID' });

/** `MeetingMedia`: what a new meeting carries, as a schedule request names it (video goes as HD video). */
export const meetingMedia = wireEnum({ AUDIO: 'Voice', VIDEO: 'HDVideo' });
/** A `MeetingMedia` as the code holds it: the request's media name. */
export type MeetingMediaValue = (typeof meetingMedia.values)[keyof typeof meetingMedia.values];

/** `JoinRestriction`: the upstream `callInRestriction` (B.5.1 and A.3 publish 0, 2 and 3; 1 is not used). */
export const joinRestriction = wireEnum({ EVERYONE: 0, ENTERPRISE_USERS: 2, INVITED_USERS: 3 });

/** The enum maps of the shared meeting types (MeetingState's values are its names: see {@link meetingStateOf}). */
export const meetingCommonResolvers = {
  MeetingMedia: meetingMedia.values,
  JoinRestriction: joinRestriction.values,
};
