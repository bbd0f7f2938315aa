import type { ConferenceInfo } from '@hwmeeting/client';
import { z } from 'zod';
import { lookup } from './enums.js';

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
    AUDIO
    VIDEO
  }

  "Meeting passwords; only the meeting's owner or host ever sees them."
  type MeetingPasswords {
    host: String
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
