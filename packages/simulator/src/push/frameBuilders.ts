/**
 * Push frames from the meeting state (control-and-push.md B.4, B.5): a view of a running meeting per message type,
 * the full frames built from it, and the increments that take a subscriber from one view to the next.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AttendeeNotify, PidEntry, SubscribeType } from '@hwmeeting/events/wire';
import { confConfigOf, conferenceInfo, fixedIdOf } from '../state/conferenceInfo.js';
import type { LiveState, MeetingRecord, ParticipantRecord } from '../state/meetings.js';
import { inviteesOf, type RunningMeeting } from '../state/participants.js';
import { scheduleOf } from '../state/schedule.js';
import type { Store } from '../state/store.js';
import type { Caption, InviteResult, Speaker } from './meetingTracker.js';
import { speakersOf, wasRecorded } from './meetingTracker.js';

/** A `pinfoMap`: every value a string (B.5.3). */
export type InfoMap = Record<string, string>;

/** Top-level fields of a frame besides its envelope. */
export type FrameFields = Record<string, unknown>;

/** One frame as sent: the envelope of B.4 and the fields of its type. */
export type PushFrame = {
  action: SubscribeType;
  version: number | string;
  createTime: number | string;
  msgID: string;
  msgMode: 0 | 1;
  confID: string;
} & FrameFields;

/** What one running meeting looks like to subscribers, per message type. */
export interface MeetingView {
  conferenceID: string;
  /** ConfBasicInfoNotify fields, with both passwords (a guest subscriber gets the general one only). */
  basic: FrameFields;
  /** ConfDynamicInfoNotify fields. */
  dynamic: FrameFields;
  /** ParticipantsNotify: pid -> pinfoMap of everyone in the meeting or being called. */
  participants: Map<string, InfoMap>;
  /** WaitingListNotify: pid -> pinfoMap of the waiting room. */
  waiting: Map<string, InfoMap>;
  /** AttendeesNotify: merge key -> invitee. */
  attendees: Map<string, AttendeeNotify>;
  /** NetConditionNotify: participantID -> media quality. */
  net: Map<string, FrameFields>;
  /** SpeakerChangeNotify: the loudest speakers now. */
  speakers: Speaker[];
  /** InterpreterGroupNotify: the groups, push spelling (`groupId`). */
  interpreterGroups: FrameFields[];
}

/** A 32-hex message ID (B.4). */
export function newMsgID(): string {
  return randomBytes(16).toString('hex');
}

/** Stamps a frame with the envelope of B.4. */
export function stamp(
  action: SubscribeType,
  confID: string,
  msgMode: 0 | 1,
  version: number,
  nowMs: number,
  fields: FrameFields,
): PushFrame {
  return { action, version, createTime: nowMs, msgID: newMsgID(), msgMode, confID, ...fields };
}

const flag = (value: boolean): string => (value ? '1' : '0');

/**
 * `clientRecMode` of a running meeting (published-behaviour.md §3, zh-CN `meeting_21_1505.html`): 0 only the host
 * may record locally, 1 everyone, 2 some participants. A meeting starts at 0.
 */
function clientRecModeOf(live: LiveState): number {
  return live.settings.clientRecMode ?? 0;
}

/**
 * Whether a participant may record locally (`ALLOW_CLIENT_REC`). UNVERIFIED (published-behaviour.md §3): the host
 * always may; in mode 2 the others need a grant of `allowClientRecord` (A.3.15), which the client's wire does not
 * declare yet, so in the simulator only the host may.
 */
function mayRecordLocally(participant: ParticipantRecord, live: LiveState): boolean {
  return participant.role === 1 || clientRecModeOf(live) === 1;
}

/** `pinfoMap` of an online participant (A.8, B.5.3); keys without a value in the state are left out. */
export function participantInfoMap(participant: ParticipantRecord, live: LiveState): InfoMap {
  const map: InfoMap = {
    NAME: participant.name,
    TEL: participant.number,
    ROLE: String(participant.role),
    // "0" in the meeting, "1" being called; UNVERIFIED how a joining site (state 2) shows: as being called.
    STATE: participant.state === 0 ? '0' : '1',
    MUTE: flag(participant.muted),
    HAND: flag(participant.handUp),
    VIDEO: String(participant.video),
    // UNVERIFIED meaning of CAMERASTATE values: "1" read as camera on.
    CAMERASTATE: flag(participant.cameraOn),
    SHARE: flag(participant.sharing),
    BROADCAST: flag(live.broadcastPid === participant.pid),
    ROLLCALL: flag(live.rollCallPid === participant.pid),
    ADDTIME: String(participant.joinedAtMs),
    IS_COHOST: flag(participant.coHost),
    CLIENT_LOGIN_TYPE: participant.clientType,
    ALLOW_CLIENT_REC: flag(mayRecordLocally(participant, live)),
  };
  if (participant.accountId !== undefined) map.ACCOUNT = participant.accountId;
  if (participant.userUUID !== undefined) map.ACCOUNT_ID = participant.userUUID;
  if (participant.thirdAccount !== undefined) map.THIRDACCOUNT = participant.thirdAccount;
  return map;
}

/** `pinfoMap` of a waiting-room member (B.5.9). */
export function waitingInfoMap(participant: ParticipantRecord, orgID: string): InfoMap {
  const anonymous = participant.userUUID === undefined && participant.accountId === undefined;
  const map: InfoMap = {
    NAME: participant.name,
    TEL: participant.number,
    ADDTIME: String(participant.joinedAtMs),
    ANONYMOUS: flag(anonymous),
    CLIENT_LOGIN_TYPE: participant.clientType,
    // "0" waiting; "1" (admitted, joining) is not kept: an admitted member leaves the list at once.
    WAITINGSTATE: '0',
  };
  if (!anonymous) map.ORG_ID = orgID;
  if (participant.accountId !== undefined) map.ACCOUNT = participant.accountId;
  if (participant.userUUID !== undefined) map.ACCOUNT_ID = participant.userUUID;
  if (participant.thirdAccount !== undefined) map.THIRDACCOUNT = participant.thirdAccount;
  return map;
}

/** ConfBasicInfoNotify fields of a running meeting (B.5.1). */
function basicInfo(store: Store, meeting: RunningMeeting): FrameFields {
  const owner = store.users.get(meeting.ownerId);
  const config = confConfigOf(meeting);
  const callInRestriction = meeting.live.settings.callInRestriction ?? config.callInRestriction ?? 0;
  return {
    // For a meeting with a fixed ID, the fixed ID; otherwise the meeting ID (published-behaviour.md §5).
    displayID: fixedIdOf(store, meeting) ?? meeting.conferenceID,
    title: meeting.subject,
    startTime: String(meeting.live.startedAtMs),
    scheduledStartTime: String(meeting.startTimeMs),
    pwds: [
      { role: 'chair', pwd: meeting.chairPassword },
      { role: 'general', pwd: meeting.guestPassword },
    ],
    recType: scheduleOf(meeting).recordType ?? 0,
    media: meeting.mediaTypes.includes('Video') ? 2 : 1,
    owner: owner?.name ?? '',
    ownerID: meeting.ownerId,
    // 2: an enterprise member scheduled it (the simulator's meetings are all scheduled by members).
    userType: 2,
    supportWatermark: 0,
    ...(owner ? { guestJoinUri: conferenceInfo(store, meeting, owner).guestJoinUri } : {}),
    callInRestriction,
    confMode: 'RTC',
    // Captions are supported by every simulated meeting.
    realTimeSubtitle: 1,
    orgID: store.corp.id,
    supportCohost: 1,
    supportWaitingRoom: true,
  };
}

/** ConfBasicInfoNotify fields as a subscriber of this role sees them: a guest token gets no host password. */
export function basicInfoFor(basic: FrameFields, role: 0 | 1): FrameFields {
  if (role === 1) return basic;
  // UNVERIFIED: the published sample masks passwords; the simulator withholds the host one from guests.
  const pwds = Array.isArray(basic.pwds)
    ? basic.pwds.filter((p) => (p as { role?: string }).role !== 'chair')
    : [];
  return { ...basic, pwds };
}

/** ConfDynamicInfoNotify fields of a running meeting (B.5.2). */
function dynamicInfo(meeting: RunningMeeting): FrameFields {
  const { live } = meeting;
  const config = confConfigOf(meeting);
  const endMs = meeting.startTimeMs + (meeting.lengthMinutes + live.extendedMinutes) * 60_000;
  const mode = live.rollCallPid ? 'ROLLCALL' : live.broadcastPid ? 'BROADCAST' : 'FREE';
  return {
    state: meeting.state,
    endTime: String(endMs),
    mode,
    // UNVERIFIED: free mode shows voice-activated switching; a broadcast or roll call fixes the picture.
    vas: mode === 'FREE' ? 1 : 0,
    lock: live.locked ? 1 : 0,
    mute: live.muteAll ? 1 : 0,
    lockSharing: live.settings.lockSharing ?? 0,
    canUnmute: live.allowUnmuteByOneself ? 1 : 0,
    chairView: 0,
    recState: live.recording ? 1 : 0,
    recOccurred: wasRecorded(live) ? 1 : 0,
    // chatPermission 1 = chat forbidden for everyone (A.4.11).
    forbiddenChat: live.settings.chatPermission === 1 ? 1 : 0,
    realTimeSubtitle: live.subtitlesOn ? 1 : 0,
    callInRestriction: live.settings.callInRestriction ?? config.callInRestriction ?? 0,
    pause: live.paused,
    waitingRoomState: config.enableWaitingRoom ? 1 : 0,
    clientRecMode: clientRecModeOf(live),
    // The other in-meeting settings (A.4.11) under their A.4.11 names, as the DOC sample carries
    // callInRestriction and clientRecMode. UNVERIFIED (see the events frame schema): these four names, their
    // defaults (chat free, camera and rename allowed, sharing taken over by host and co-hosts only), and live
    // streaming as liveState.
    audienceCallInRestriction: live.settings.audienceCallInRestriction ?? 0,
    chatPermission: live.settings.chatPermission ?? 4,
    allowOpenCamera: live.settings.allowOpenCamera ?? 1,
    allowRename: live.settings.allowRename ?? 1,
    freeShare: live.settings.freeShare ?? 0,
    liveState: live.living ? 1 : 0,
  };
}

/** ConfDynamicInfoNotify fields that tell subscribers a meeting has ended. */
export function destroyedInfo(meeting: MeetingRecord | undefined, nowMs: number): FrameFields {
  return { state: 'Destroyed', endTime: String(meeting?.endedAtMs ?? nowMs) };
}

/** One scheduled attendee of the record, by number or account, for the fields real-time info lacks. */
function scheduledAttendee(
  meeting: MeetingRecord,
  phone?: string,
  account?: string,
): FrameFields | undefined {
  const attendees = scheduleOf(meeting).attendees ?? [];
  return attendees.find(
    (a) => (phone !== undefined && a.phone === phone) || (account !== undefined && a.accountId === account),
  ) as FrameFields | undefined;
}

/** AttendeesNotify entries of a running meeting (B.5.4), keyed as consumers merge them. */
function attendeeEntries(store: Store, meeting: RunningMeeting): Map<string, AttendeeNotify> {
  const out = new Map<string, AttendeeNotify>();
  for (const invitee of inviteesOf(meeting)) {
    const user =
      (invitee.userUUID ? store.users.get(invitee.userUUID) : undefined) ??
      (invitee.accountID
        ? (store.userByThirdAccount(invitee.accountID) ?? store.userByAccount(invitee.accountID))
        : undefined);
    const scheduled = scheduledAttendee(meeting, invitee.phone, invitee.accountID);
    const userUUID = invitee.userUUID ?? user?.id;
    const phone = invitee.phone ?? user?.sipNum;
    const entry: AttendeeNotify = {
      mode: 0,
      name: invitee.name || user?.name || phone || '',
      role: typeof scheduled?.role === 'number' ? scheduled.role : 0,
      type: typeof scheduled?.type === 'string' ? scheduled.type : 'normal',
      isMute: typeof scheduled?.isMute === 'number' ? scheduled.isMute : 0,
      isAutoInvite: typeof scheduled?.isAutoInvite === 'number' ? scheduled.isAutoInvite : 1,
    };
    if (userUUID !== undefined) entry.userUUID = userUUID;
    if (phone !== undefined) entry.phone = phone;
    if (invitee.accountID !== undefined) entry.accountId = invitee.accountID;
    if (user) {
      entry.orgID = store.corp.id;
      if (user.thirdAccount !== undefined) entry.thirdAccount = user.thirdAccount;
      const dept = store.departments.get(user.deptCode);
      if (dept) entry.deptName = dept.deptName;
    }
    // The consumer's merge key (B.5.4): participantID (never sent here), else userUUID, else phone.
    out.set(userUUID ?? phone ?? invitee.accountID ?? entry.name ?? '', entry);
  }
  return out;
}

/** Plausible media quality of one participant, stable per pid (B.5.6 sample fields, numbers as strings). */
function netCondition(pid: string): FrameFields {
  const digest = createHash('sha256').update(pid).digest();
  const pick = (index: number, low: number, span: number) => low + ((digest[index] ?? 0) % span);
  const loss = (index: number) => (pick(index, 0, 20) / 10).toFixed(1);
  return {
    participantID: pid,
    mode: 0,
    netInfo: 'good',
    lostPacketRate: loss(0),
    delay: String(pick(1, 20, 60)),
    jitter: String(pick(2, 1, 10)),
    outJitter: String(pick(3, 1, 10)),
    fluxIn: String(pick(4, 600, 900)),
    fluxOut: String(pick(5, 600, 900)),
    audioOutLossPacketRate: loss(6),
    videoInLossPacketRate: loss(7),
    videoOutLossPacketRate: loss(8),
    assistVideoInLossPacketRate: '0.0',
    assistVideoOutLossPacketRate: '0.0',
    videoFluxIn: String(pick(9, 500, 700)),
    videoFluxOut: String(pick(10, 500, 700)),
    assistVideoFluxIn: '0',
    assistVideoFluxOut: '0',
    bandwidth: 61440,
    audioCodecType: 'AACLD',
    videoCodecType: 'H264HP',
  };
}

/** Interpreter groups in the push spelling: REST `groupID` becomes `groupId` (B.5.10). */
function interpreterGroups(live: LiveState): FrameFields[] {
  return live.interpreterGroups
    .filter((g): g is FrameFields => g !== null && typeof g === 'object')
    .map(({ groupID, ...group }) => ({ ...(groupID !== undefined ? { groupId: groupID } : {}), ...group }));
}

/** The whole view of a running meeting, built once per change and shared by its subscribers. */
export function meetingView(store: Store, meeting: RunningMeeting): MeetingView {
  const { live } = meeting;
  const participants = new Map<string, InfoMap>();
  const waiting = new Map<string, InfoMap>();
  const net = new Map<string, FrameFields>();
  for (const p of live.participants.values()) {
    if (p.waiting) {
      waiting.set(p.pid, waitingInfoMap(p, store.corp.id));
      continue;
    }
    participants.set(p.pid, participantInfoMap(p, live));
    if (p.state === 0) net.set(p.pid, netCondition(p.pid));
  }
  return {
    conferenceID: meeting.conferenceID,
    basic: basicInfo(store, meeting),
    dynamic: dynamicInfo(meeting),
    participants,
    waiting,
    attendees: attendeeEntries(store, meeting),
    net,
    speakers: speakersOf(store, live),
    interpreterGroups: interpreterGroups(live),
  };
}

/** The keys of `next` whose values differ from `prev` (undefined when none). */
function changedFields<T extends Record<string, unknown>>(prev: T, next: T): Partial<T> | undefined {
  let out: Partial<T> | undefined;
  for (const key of Object.keys(next) as (keyof T)[]) {
    if (JSON.stringify(prev[key]) === JSON.stringify(next[key])) continue;
    out ??= {};
    out[key] = next[key];
  }
  return out;
}

/** ConfDynamicInfoNotify increment: the fields that changed (undefined when none). */
export function dynamicIncrement(prev: FrameFields, next: FrameFields): FrameFields | undefined {
  return changedFields(prev, next);
}

/** A list increment of pid entries: newcomers in full, changed keys only, leavers removed (mode 1). */
export function pidListIncrement(
  prev: ReadonlyMap<string, InfoMap>,
  next: ReadonlyMap<string, InfoMap>,
): PidEntry[] {
  const out: PidEntry[] = [];
  for (const [pid, map] of next) {
    const before = prev.get(pid);
    const pinfoMap = before ? changedFields(before, map) : map;
    if (pinfoMap) out.push({ pid, mode: 0, pinfoMap: pinfoMap as InfoMap });
  }
  for (const pid of prev.keys()) if (!next.has(pid)) out.push({ pid, mode: 1 });
  return out;
}

/** A list increment of keyed entries (attendees, media quality): changed entries in full, removed ones by key. */
export function entryListIncrement<T extends FrameFields>(
  prev: ReadonlyMap<string, T>,
  next: ReadonlyMap<string, T>,
  keyFields: readonly string[],
): FrameFields[] {
  const out: FrameFields[] = [];
  for (const [key, entry] of next) {
    const before = prev.get(key);
    if (!before || JSON.stringify(before) !== JSON.stringify(entry)) out.push({ ...entry, mode: 0 });
  }
  for (const [key, entry] of prev) {
    if (next.has(key)) continue;
    const removed: FrameFields = { mode: 1 };
    for (const field of keyFields) if (entry[field] !== undefined) removed[field] = entry[field];
    out.push(removed);
  }
  return out;
}

/** The merge-key fields of an AttendeesNotify entry. */
export const ATTENDEE_KEY_FIELDS = ['userUUID', 'phone', 'accountId', 'name'] as const;
/** The merge-key field of a NetConditionNotify entry. */
export const NET_KEY_FIELDS = ['participantID'] as const;

/** Full-frame fields of a list type: every entry, mode 0. */
export function pidListFull(map: ReadonlyMap<string, InfoMap>): FrameFields {
  return { data: [...map].map(([pid, pinfoMap]) => ({ pid, mode: 0, pinfoMap })) };
}

/** SpeakerChangeNotify fields: no `data` when nobody speaks (B.5.5). */
export function speakerFields(speakers: readonly Speaker[]): FrameFields {
  return speakers.length > 0 ? { data: speakers } : {};
}

/**
 * InviteResultNotify fields for some results. The published table names the code `errorCode`, the sample
 * `resultCode` (published-behaviour.md §5); UNVERIFIED which one the server sends, so each result carries both,
 * with the same value.
 */
export function inviteResultFields(results: readonly InviteResult[]): FrameFields {
  return { data: results.map((r) => ({ callNumber: r.callNumber, errorCode: r.code, resultCode: r.code })) };
}

/**
 * A whole RealTimeSubtitleNotify frame. As in the published sample, `version` and `createTime` are strings and
 * the frame is a full one (captions are a stream; they take no part in increment numbering).
 */
export function captionFrame(confID: string, caption: Caption, nowMs: number): PushFrame {
  // A plausible utterance length: about 60 ms a character, at least a second.
  const durationMs = Math.max(1000, caption.text.length * 60);
  return {
    action: 'RealTimeSubtitleNotify',
    version: String(nowMs),
    createTime: String(nowMs),
    msgID: newMsgID(),
    msgMode: 0,
    confID,
    data: {
      msgs: [{ subtitleLang: 'Original', translateText: caption.text, id: String(caption.sentence) }],
      isFinal: true,
      timestamp: nowMs,
      beginTime: nowMs - durationMs,
      endTime: nowMs,
      participantID: caption.pid,
    },
  };
}
