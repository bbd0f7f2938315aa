import type { OnlineParticipant } from '@hwmeeting/client';
import { type PinfoMap, type PinfoPerson, PinfoReader, readPerson } from './pinfo.js';

/** Where a participant is: in the meeting, being called, or joining (STATE "0"/"1"/"2"). */
export type ParticipantState = 'inMeeting' | 'calling' | 'joining';
/** The participant's role: ROLE "1" host, "0" ordinary (guest), "2" webinar audience. */
export type ParticipantRole = 'host' | 'guest' | 'audience';

/** Field names shared with the client's REST-based `OnlineParticipant`, so both views read alike. */
type SharedParticipantFields = Pick<
  OnlineParticipant,
  'participantId' | 'name' | 'number' | 'coHost' | 'muted' | 'handUp' | 'video'
>;

/**
 * One online participant (A.8), mapped from `pid` and its merged `pinfoMap`. Same field names as the client's
 * `OnlineParticipant`; `role` adds `audience` and `state` is named rather than numbered. `joinedAt` is epoch
 * milliseconds, as the wire sends it (`ADDTIME`): a number is lossless, zone-free and cheap to compare, and
 * the webhook `joinTime` and the REST meeting times are epoch ms too.
 */
export type ParticipantView = Readonly<
  SharedParticipantFields &
    Omit<PinfoPerson, keyof SharedParticipantFields> & {
      role: ParticipantRole;
      state: ParticipantState;
      /** CAMERASTATE "1" read as camera on, "0" off. UNVERIFIED: the published sample only shows "1". */
      cameraOn: boolean | undefined;
      sharing: boolean;
      broadcast: boolean;
      rollCall: boolean;
      /** Keys this view does not map, and mapped keys with unpublished values, as received. */
      extra: PinfoMap;
    }
>;

const ROLES: Readonly<Record<string, ParticipantRole>> = { '0': 'guest', '1': 'host', '2': 'audience' };
// REST realTimeInfo documents 2 = joining; the pinfoMap table lists only 0 and 1, so "2" is read the same way.
const STATES: Readonly<Record<string, ParticipantState>> = {
  '0': 'inMeeting',
  '1': 'calling',
  '2': 'joining',
};

/**
 * Maps a participant's `pid` and merged `pinfoMap` to its view (A.8). Absent flags read as off (a full frame
 * lists what is set); absent ROLE reads as guest and absent STATE as in the meeting; `video` and `cameraOn`
 * stay unknown when absent, as in the client's view.
 */
export function participantView(pid: string, map: PinfoMap): ParticipantView {
  const read = new PinfoReader(map);
  const person = readPerson(pid, read);
  // Fields copied one by one, not spread: on the push path (a view per increment) a spread object literal costs
  // about a tenth of the reducer's throughput (E1).
  const view: ParticipantView = {
    participantId: person.participantId,
    name: person.name,
    number: person.number,
    joinedAt: person.joinedAt,
    account: person.account,
    userUUID: person.userUUID,
    thirdAccount: person.thirdAccount,
    clientType: person.clientType,
    role: read.oneOf('ROLE', ROLES) ?? 'guest',
    coHost: read.flag('IS_COHOST') ?? false,
    state: read.oneOf('STATE', STATES) ?? 'inMeeting',
    muted: read.flag('MUTE') ?? false,
    handUp: read.flag('HAND') ?? false,
    video: read.flag('VIDEO'),
    cameraOn: read.flag('CAMERASTATE'),
    sharing: read.flag('SHARE') ?? false,
    broadcast: read.flag('BROADCAST') ?? false,
    rollCall: read.flag('ROLLCALL') ?? false,
    extra: read.extra(),
  };
  return Object.freeze(view);
}
