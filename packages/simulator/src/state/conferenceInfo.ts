/**
 * The published views of a meeting record: `ConferenceInfo` as a given caller sees it, and the page of invitees
 * (`PageParticipant`) of the detail calls.
 */
import { createHash } from 'node:crypto';
import type {
  ConfConfigInfo,
  ConferenceInfo,
  CycleSubConf,
  PartAttendee,
  ParticipantInfo,
  pageParticipantSchema,
  participantInfoSchema,
  RestAttendee,
} from '@hwmeeting/client/wire';
import type { z } from 'zod';
import { passwordRolesOf, roleOf } from './meetingAccess.js';
import type { MeetingRecord } from './meetings.js';
import { formatMeetingTime } from './meetingTime.js';
import { scheduleOf } from './schedule.js';
import { currentSubConf } from './series.js';
import type { Store, UserRecord } from './store.js';

/** Host of the join links the simulator hands out. */
const JOIN_BASE = 'https://meeting.simulator.local/#/j';
/** `partAttendeeInfo` holds at most this many soft clients and as many hard terminals. */
const PART_ATTENDEES_PER_KIND = 20;
/** Attendee types that are hard terminals (counted in `terminlCount`). */
const TERMINAL_TYPES = new Set(['terminal', 'ideahub', 'board', 'hwvision']);

/** UNVERIFIED: enterprise defaults of the options a meeting was scheduled without. */
const DEFAULT_CONF_CONFIG = {
  isSendNotify: true,
  isSendSms: false,
  isSendCalendar: true,
  isAutoMute: true,
  isHardTerminalAutoMute: true,
  isGuestFreePwd: false,
  callInRestriction: 0,
  allowGuestStartConf: false,
  enableWaitingRoom: false,
  prolongLength: 0,
} satisfies ConfConfigInfo;

/** What a list or detail call adds to the meeting object. */
export interface ConferenceInfoExtras {
  /** Detail calls: the caller's own role. */
  withRole?: boolean;
  /** Online list: count the participants online now. */
  withOnlineAmount?: boolean;
  /** History: `isHasRecordFile` and the actual end time. */
  history?: boolean;
  /** M4/M5 lists: `conferenceState` only `Created` or `Schedule` (published-behaviour.md §2). */
  listed?: boolean;
}

/** Whether an attendee joins from a hard terminal. */
export function isTerminal(attendee: RestAttendee): boolean {
  return TERMINAL_TYPES.has(attendee.type ?? 'normal');
}

/** The options of a meeting as answered: enterprise defaults under what was scheduled, no guest password. */
export function confConfigOf(meeting: MeetingRecord): ConfConfigInfo {
  const { guestPwd: _secret, ...scheduled } = scheduleOf(meeting).confConfigInfo ?? {};
  return { ...DEFAULT_CONF_CONFIG, ...scheduled };
}

/**
 * The fixed ID a meeting is held on, if any: a meeting in the scheduler's personal meeting ID or cloud room
 * (`vmrFlag` 1) whose ID mode is fixed. UNVERIFIED (published-behaviour.md §5): `vmrIDType` absent reads as 0,
 * fixed; 1 (random ID) holds the meeting on its own meeting ID.
 */
export function fixedIdOf(store: Store, meeting: MeetingRecord): string | undefined {
  const fields = scheduleOf(meeting);
  if (fields.vmrFlag !== 1 || fields.confConfigInfo?.vmrIDType === 1) return undefined;
  return store.users.get(meeting.ownerId)?.vmrId;
}

/** A stable join link for a role: the meeting ID and a digest standing for the link's secret part. */
function joinUri(meeting: MeetingRecord, password: string): string {
  const digest = createHash('sha256').update(`${meeting.conferenceID}:${password}`).digest('hex');
  return `${JOIN_BASE}/${meeting.conferenceID}/${digest.slice(0, 32)}`;
}

/** Masks the middle of a number as the create example does (`+99111********4158`). */
function maskNumber(number: string | undefined): string | undefined {
  if (number === undefined || number.length <= 9) return number;
  return `${number.slice(0, 6)}********${number.slice(-4)}`;
}

function partAttendees(attendees: readonly RestAttendee[]): PartAttendee[] {
  const summary = (a: RestAttendee): PartAttendee => ({
    ...(a.name !== undefined ? { name: a.name } : {}),
    ...(a.phone !== undefined ? { phone: maskNumber(a.phone) } : {}),
    type: a.type ?? 'normal',
    role: a.role ?? 0,
    isMute: a.isMute ?? 0,
  });
  const soft = attendees.filter((a) => !isTerminal(a)).slice(0, PART_ATTENDEES_PER_KIND);
  const hard = attendees.filter(isTerminal).slice(0, PART_ATTENDEES_PER_KIND);
  return [...soft, ...hard].map(summary);
}

function subConfsOf(meeting: MeetingRecord): CycleSubConf[] {
  return meeting.subConfs
    .filter((s) => !s.cancelled)
    .sort((a, b) => a.startTimeMs - b.startTimeMs)
    .map((s) => ({
      cycleSubConfID: s.cycleSubConfID,
      conferenceID: meeting.conferenceID,
      mediaType: s.mediaType,
      startTime: formatMeetingTime(s.startTimeMs),
      endTime: formatMeetingTime(s.startTimeMs + s.lengthMinutes * 60_000),
      isAutoRecord: s.isAutoRecord,
      ...(s.confConfigInfo ? { confConfigInfo: s.confConfigInfo } : {}),
      ...(s.recordAuthType !== undefined ? { recordAuthType: s.recordAuthType } : {}),
      ...(s.description !== undefined ? { description: s.description } : {}),
    }));
}

/** Participants online now: in the meeting (state 0) and not in the waiting room. */
export function onlineAttendeeAmount(meeting: MeetingRecord): number {
  let count = 0;
  for (const p of meeting.live?.participants.values() ?? []) if (p.state === 0 && !p.waiting) count++;
  return count;
}

/** `ConferenceInfo` of a meeting as `viewer` sees it: the passwords of the viewer's role (see passwordRolesOf). */
export function conferenceInfo(
  store: Store,
  meeting: MeetingRecord,
  viewer: UserRecord,
  extras: ConferenceInfoExtras = {},
): ConferenceInfo {
  const fields = scheduleOf(meeting);
  const attendees = fields.attendees ?? [];
  const owner = store.users.get(meeting.ownerId);
  const role = roleOf(viewer, meeting);
  const config = confConfigOf(meeting);
  const series = meeting.conferenceType === 2;
  const current = series ? currentSubConf(meeting, store.clock.now()) : undefined;
  const endMs =
    extras.history && meeting.endedAtMs !== undefined
      ? meeting.endedAtMs
      : meeting.startTimeMs + meeting.lengthMinutes * 60_000;
  const vmr = fields.vmrFlag === 1;
  return {
    conferenceID: meeting.conferenceID,
    subject: meeting.subject,
    size: attendees.length,
    timeZoneID: meeting.timeZoneID,
    startTime: formatMeetingTime(meeting.startTimeMs),
    endTime: formatMeetingTime(endMs),
    mediaTypes: meeting.mediaTypes,
    // Lists answer only Created and Schedule (published-behaviour.md §2). UNVERIFIED (published-behaviour.md §2):
    // a meeting being set up (`Creating`) is listed as running.
    conferenceState: extras.listed ? (meeting.state === 'Schedule' ? 'Schedule' : 'Created') : meeting.state,
    language: meeting.language,
    accessNumber: meeting.accessNumber,
    passwordEntry: passwordRolesOf(viewer, meeting).map((conferenceRole) => ({
      conferenceRole,
      password: conferenceRole === 'chair' ? meeting.chairPassword : meeting.guestPassword,
    })),
    userUUID: meeting.ownerId,
    scheduserName: owner?.name ?? '',
    conferenceType: meeting.conferenceType,
    confType: meeting.confType,
    isAutoMute: config.isAutoMute ? 1 : 0,
    isAutoRecord: fields.isAutoRecord ?? 0,
    chairJoinUri: joinUri(meeting, meeting.chairPassword),
    guestJoinUri: joinUri(meeting, meeting.guestPassword),
    recordType: fields.recordType ?? 0,
    ...(fields.liveAddress !== undefined ? { liveAddress: fields.liveAddress } : {}),
    ...(fields.auxAddress !== undefined ? { auxAddress: fields.auxAddress } : {}),
    recordAuxStream: fields.recordAuxStream ?? 0,
    recordAuthType: fields.recordAuthType ?? 0,
    confConfigInfo: config,
    vmrFlag: fields.vmrFlag ?? 0,
    ...(vmr && owner ? { vmrConferenceID: owner.vmrId } : {}),
    ...(vmr && fields.vmrID !== undefined ? { vmrID: fields.vmrID } : {}),
    // The instance UUID is published once the meeting runs (immediate meetings at creation), not before.
    ...(meeting.state !== 'Schedule' ? { confUUID: meeting.confUUID } : {}),
    partAttendeeInfo: partAttendees(attendees),
    terminlCount: attendees.filter(isTerminal).length,
    normalCount: attendees.filter((a) => !isTerminal(a)).length,
    deptName: (owner && store.departments.get(owner.deptCode)?.deptName) ?? store.corp.name,
    webinar: fields.confResType === 2,
    multiStreamFlag: 1,
    confMode: 'RTC',
    concurrentParticipants: fields.concurrentParticipants ?? 0,
    supportSimultaneousInterpretation: fields.supportSimultaneousInterpretation ?? false,
    ...(series && fields.cycleParams ? { cycleParams: fields.cycleParams } : {}),
    ...(series ? { subConfs: subConfsOf(meeting) } : {}),
    ...(current ? { cycleSubConfID: current.cycleSubConfID } : {}),
    ...(extras.withRole ? { role } : {}),
    ...(extras.withOnlineAmount ? { onlineAttendeeAmount: onlineAttendeeAmount(meeting) } : {}),
    ...(extras.history ? { isHasRecordFile: meeting.hasRecordFile } : {}),
  };
}

/** `ParticipantInfo` of an invitee, completed from the enterprise directory when it names a user. */
function participantInfo(store: Store, attendee: RestAttendee): ParticipantInfo {
  const user =
    (attendee.userUUID !== undefined ? store.users.get(attendee.userUUID) : undefined) ??
    (attendee.accountId !== undefined
      ? (store.userByThirdAccount(attendee.accountId) ?? store.userByAccount(attendee.accountId))
      : undefined);
  const number = attendee.phone ?? user?.sipNum ?? attendee.accountId ?? attendee.email ?? '';
  const optional = {
    address: attendee.address,
    accountId: attendee.accountId,
    phone2: attendee.phone2,
    phone3: attendee.phone3,
    email: attendee.email ?? user?.email,
    sms: attendee.sms,
    deptName: attendee.deptName,
    userUUID: attendee.userUUID ?? user?.id,
    appId: attendee.appId,
  };
  const present = Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined));
  return {
    participantID: number,
    name: attendee.name ?? user?.name ?? number,
    subscriberID: number,
    role: attendee.role ?? 0,
    state: 'MEETTING',
    attendeeType: attendee.type ?? 'normal',
    isAutoInvite: attendee.isAutoInvite ?? 0,
    isNotOverlayPidName: false,
    ...present,
  };
}

/** How the detail calls split invitees: `X-Type` and `X-Query-Type` as text. */
export interface InviteeSplit {
  xType?: string | undefined;
  xQueryType?: string | undefined;
}

/**
 * A page of invitees as the server sends it: the schema's input (no `skipped`, which the client adds while
 * reading), with its records typed, since the schema reads `data` leniently as any list.
 */
export type InviteePageAnswer = z.input<typeof pageParticipantSchema> & {
  data: z.input<typeof participantInfoSchema>[];
};

/**
 * The page of invitees of a detail call. `X-Type` 1 lists people then terminals; 2 lists only people
 * (`X-Query-Type` 0, the default) or only terminals (1); 0 or none keeps the scheduled order.
 */
export function inviteePage(
  store: Store,
  meeting: MeetingRecord,
  page: { offset?: number | undefined; limit?: number | undefined; searchKey?: string | undefined },
  split: InviteeSplit,
): InviteePageAnswer {
  let attendees = [...(scheduleOf(meeting).attendees ?? [])];
  if (split.xType === '1')
    attendees = [...attendees.filter((a) => !isTerminal(a)), ...attendees.filter(isTerminal)];
  if (split.xType === '2') {
    const terminals = split.xQueryType === '1';
    attendees = attendees.filter((a) => isTerminal(a) === terminals);
  }
  let participants = attendees.map((a) => participantInfo(store, a));
  const key = page.searchKey?.toLowerCase();
  if (key) {
    participants = participants.filter((p) =>
      [p.name, p.participantID, p.accountId, p.email].some((v) => v?.toLowerCase().includes(key)),
    );
  }
  const offset = page.offset ?? 0;
  const limit = page.limit ?? 20;
  return { offset, limit, count: participants.length, data: participants.slice(offset, offset + limit) };
}
