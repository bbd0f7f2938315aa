/**
 * Participant behaviour of a meeting in progress: joining, leaving, being called and answering, the waiting
 * room, and the invitee list that real-time info reports. Every change is announced with `store.emit` so that
 * the push side can stream it; the kinds are listed in {@link ParticipantEventKind}.
 */
import { SimErrorCode, SimHttpError } from '../http/errors.js';
import type { LiveState, MeetingRecord, ParticipantRecord } from './meetings.js';
import type { Store, UserRecord } from './store.js';

/** Kinds of change this module emits (`detail` holds the participant's pid and what changed). */
export const ParticipantEventKind = {
  /** Someone is being called (invite); detail: the participant. */
  INVITED: 'participant.invited',
  /** Someone entered the meeting (answered, joined, admitted from the waiting room); detail: the participant. */
  JOINED: 'participant.joined',
  /** Someone left or was hung up; detail: `{pid, reason}`. */
  LEFT: 'participant.left',
  /** A participant's state changed (mute, hand, role, name, waiting room ...); detail: the participant. */
  UPDATED: 'participant.updated',
  /** A participant is speaking (test control); detail: `{pid, volume?}`. */
  SPEAKING: 'participant.speaking',
  /** Meeting-wide live state changed (lock, record, live, mute all, broadcast, settings); detail: what changed. */
  MEETING_UPDATED: 'meeting.updated',
  /** The invitee list changed (invite, remove, rename); detail: what changed. */
  ATTENDEES_UPDATED: 'attendees.updated',
} as const;

/** One invitee as real-time info reports it (`RealTimeAttendee`). */
export interface InviteeRecord {
  name: string;
  phone?: string | undefined;
  accountID?: string | undefined;
  userUUID?: string | undefined;
}

/** Invitee bookkeeping of one running instance: those invited in the meeting and scheduled ones removed. */
interface InviteeState {
  invited: InviteeRecord[];
  removedNumbers: Set<string>;
}

// Keyed by the live state, so a meeting that runs again starts with a clean list.
const invitees = new WeakMap<LiveState, InviteeState>();

function inviteeState(live: LiveState): InviteeState {
  let state = invitees.get(live);
  if (!state) {
    state = { invited: [], removedNumbers: new Set() };
    invitees.set(live, state);
  }
  return state;
}

/** A running meeting: the record with its live state present. */
export type RunningMeeting = MeetingRecord & { live: LiveState };

/** What is known of someone who joins or is called. */
export interface ParticipantInput {
  name: string;
  number?: string | undefined;
  accountId?: string | undefined;
  userUUID?: string | undefined;
  thirdAccount?: string | undefined;
  /** 0 guest (default), 1 host, 2 audience. */
  role?: 0 | 1 | 2 | undefined;
  /** 0 audio only, 1 video (default). */
  video?: 0 | 1 | undefined;
  muted?: boolean | undefined;
  clientType?: ParticipantRecord['clientType'] | undefined;
}

/** The published "participant does not exist" answer (UNVERIFIED code: see SimErrorCode). */
export function participantNotFound(pid: string): SimHttpError {
  return new SimHttpError(
    400,
    SimErrorCode.MMC_PARTICIPANT_NOT_FOUND,
    `participant ${pid} does not exist in this meeting`,
  );
}

/** A participant of the meeting (in it, being called or waiting), or the "does not exist" answer. */
export function requireParticipant(meeting: RunningMeeting, pid: string): ParticipantRecord {
  const participant = meeting.live.participants.get(pid);
  if (!participant) throw participantNotFound(pid);
  return participant;
}

/** A participant in the meeting itself (not waiting), or the "does not exist" answer. */
export function requireInMeeting(meeting: RunningMeeting, pid: string): ParticipantRecord {
  const participant = requireParticipant(meeting, pid);
  if (participant.waiting) throw participantNotFound(pid);
  return participant;
}

/** The participant holding the host role, if any. */
export function hostOf(live: LiveState): ParticipantRecord | undefined {
  for (const p of live.participants.values()) if (p.role === 1 && !p.waiting) return p;
  return undefined;
}

/** Copy of a participant for event details (the record itself keeps changing). */
export function snapshot(participant: ParticipantRecord): ParticipantRecord {
  return { ...participant };
}

function confConfig(meeting: MeetingRecord): Record<string, unknown> {
  const info = meeting.schedule.confConfigInfo;
  return info && typeof info === 'object' ? (info as Record<string, unknown>) : {};
}

/** The enterprise user a participant input names, if any. */
function userOf(store: Store, input: ParticipantInput): UserRecord | undefined {
  return (
    (input.userUUID ? store.users.get(input.userUUID) : undefined) ??
    // accountId is a Meeting account, or the third-party userId in App ID mode.
    (input.accountId
      ? (store.userByAccount(input.accountId) ?? store.userByThirdAccount(input.accountId))
      : undefined) ??
    (input.thirdAccount ? store.userByThirdAccount(input.thirdAccount) : undefined)
  );
}

function numberFor(store: Store, input: ParticipantInput): string {
  if (input.number) return input.number;
  return userOf(store, input)?.sipNum ?? `+99111${store.ids.digits(9)}`;
}

/**
 * Who a participant is, as the push tells it (A.8, B.5.3 `ACCOUNT`, `ACCOUNT_ID`, `THIRDACCOUNT`): the enterprise
 * user's Meeting account, user UUID and third-party ID, however the caller named the user (an invite names them
 * by third-party ID or account only). UNVERIFIED: the published sample shows the keys, not how the server fills
 * them; this is the plain reading of their names. Someone who is no user keeps what the caller gave.
 */
function identityOf(
  store: Store,
  input: ParticipantInput,
): Pick<ParticipantRecord, 'accountId' | 'userUUID' | 'thirdAccount'> {
  const user = userOf(store, input);
  if (!user)
    return { accountId: input.accountId, userUUID: input.userUUID, thirdAccount: input.thirdAccount };
  return { accountId: user.userAccount, userUUID: user.id, thirdAccount: user.thirdAccount };
}

/** Adds a participant record with a new pid (unique within the meeting: the meeting ID and a counter). */
function addRecord(
  store: Store,
  meeting: RunningMeeting,
  input: ParticipantInput,
  state: 0 | 1 | 2,
  waiting: boolean,
): ParticipantRecord {
  const { live } = meeting;
  const pid = `${meeting.conferenceID}${String(live.nextPid++).padStart(4, '0')}`;
  const role = input.role ?? 0;
  const autoMute = role === 0 && (live.muteAll || confConfig(meeting).isAutoMute === true);
  const participant: ParticipantRecord = {
    pid,
    name: input.name,
    number: numberFor(store, input),
    ...identityOf(store, input),
    role,
    state,
    video: input.video ?? 1,
    cameraOn: false,
    muted: input.muted ?? autoMute,
    handUp: false,
    sharing: false,
    coHost: false,
    joinedAtMs: store.clock.now(),
    clientType: input.clientType ?? 'Desktop',
    waiting,
  };
  if (role === 1) demoteHost(store, meeting);
  live.participants.set(pid, participant);
  return participant;
}

/** Takes the host role from whoever holds it (there is one host at a time). */
function demoteHost(store: Store, meeting: RunningMeeting): void {
  const current = hostOf(meeting.live);
  if (!current) return;
  current.role = 0;
  store.emit({
    kind: ParticipantEventKind.UPDATED,
    conferenceID: meeting.conferenceID,
    detail: snapshot(current),
  });
}

/**
 * Someone joins by themselves. A locked meeting refuses guests (403); with the waiting room on, guests wait.
 * `waiting` forces the waiting room.
 */
export function joinParticipant(
  store: Store,
  meeting: RunningMeeting,
  input: ParticipantInput & { waiting?: boolean | undefined },
): ParticipantRecord {
  const isHost = input.role === 1;
  if (meeting.live.locked && !isHost) {
    throw new SimHttpError(403, SimErrorCode.MMC_FORBIDDEN, 'the meeting is locked');
  }
  const waiting = input.waiting ?? (!isHost && confConfig(meeting).enableWaitingRoom === true);
  const participant = addRecord(store, meeting, input, 0, waiting);
  store.emit({
    kind: waiting ? ParticipantEventKind.UPDATED : ParticipantEventKind.JOINED,
    conferenceID: meeting.conferenceID,
    detail: snapshot(participant),
  });
  return participant;
}

/**
 * Calls an invitee: a participant in state 1 (being called) who answers after `settings.answerDelayMs` and is
 * then in the meeting (state 0). An invitee already in the meeting is not called twice.
 */
export function callInvitee(
  store: Store,
  meeting: RunningMeeting,
  input: ParticipantInput,
): ParticipantRecord {
  const state = inviteeState(meeting.live);
  const number = numberFor(store, input);
  state.removedNumbers.delete(number);
  if (!state.invited.some((i) => i.phone === number)) {
    state.invited.push({
      name: input.name,
      phone: number,
      accountID: input.accountId,
      userUUID: input.userUUID,
    });
  }
  for (const existing of meeting.live.participants.values()) {
    if (existing.number === number && !existing.waiting) return existing;
  }
  // An invitee meant as host takes the role on answering, not while the phone still rings.
  const asHost = input.role === 1;
  const participant = addRecord(
    store,
    meeting,
    { ...input, number, role: asHost ? 0 : input.role },
    1,
    false,
  );
  store.emit({
    kind: ParticipantEventKind.INVITED,
    conferenceID: meeting.conferenceID,
    detail: snapshot(participant),
  });
  const live = meeting.live;
  store.timers.after(store.settings.answerDelayMs, () =>
    answerCall(store, meeting, live, participant.pid, asHost),
  );
  return participant;
}

/** The invitee answers: unless the call was hung up or the meeting ended meanwhile, they are in. */
function answerCall(
  store: Store,
  meeting: MeetingRecord,
  live: LiveState,
  pid: string,
  asHost: boolean,
): void {
  if (meeting.live !== live) return;
  const participant = live.participants.get(pid);
  if (participant?.state !== 1) return;
  participant.state = 0;
  participant.joinedAtMs = store.clock.now();
  store.emit({
    kind: ParticipantEventKind.JOINED,
    conferenceID: meeting.conferenceID,
    detail: snapshot(participant),
  });
  if (asHost) makeHost(store, meeting as RunningMeeting, participant);
}

/** A participant leaves (or is hung up): gone from the meeting, the host role and any broadcast with them. */
export function removeParticipant(
  store: Store,
  meeting: RunningMeeting,
  pid: string,
  reason: 'left' | 'hungUp' | 'removed',
): void {
  const { live } = meeting;
  if (!live.participants.delete(pid)) throw participantNotFound(pid);
  store.emit({
    kind: ParticipantEventKind.LEFT,
    conferenceID: meeting.conferenceID,
    detail: { pid, reason },
  });
  const cleared: Record<string, undefined> = {};
  if (live.broadcastPid === pid) {
    live.broadcastPid = undefined;
    cleared.broadcastPid = undefined;
  }
  if (live.rollCallPid === pid) {
    live.rollCallPid = undefined;
    cleared.rollCallPid = undefined;
  }
  if (Object.keys(cleared).length > 0) meetingUpdated(store, meeting, cleared);
}

/** Announces a participant's change. */
export function participantUpdated(
  store: Store,
  meeting: MeetingRecord,
  participant: ParticipantRecord,
): void {
  store.emit({
    kind: ParticipantEventKind.UPDATED,
    conferenceID: meeting.conferenceID,
    detail: snapshot(participant),
  });
}

/** Announces a meeting-wide change. */
export function meetingUpdated(store: Store, meeting: MeetingRecord, detail: Record<string, unknown>): void {
  store.emit({ kind: ParticipantEventKind.MEETING_UPDATED, conferenceID: meeting.conferenceID, detail });
}

/** Gives the host role to a participant (the previous host becomes a guest). */
export function makeHost(store: Store, meeting: RunningMeeting, participant: ParticipantRecord): void {
  if (participant.role === 1) return;
  demoteHost(store, meeting);
  participant.role = 1;
  // A host is no co-host: co-hosts are chosen among guests.
  participant.coHost = false;
  participantUpdated(store, meeting, participant);
}

/** Sends a participant to the waiting room; the host cannot be sent there. */
export function moveToWaiting(store: Store, meeting: RunningMeeting, participant: ParticipantRecord): void {
  if (participant.role === 1) {
    throw new SimHttpError(400, SimErrorCode.MMC_BAD_REQUEST, 'the host cannot be moved to the waiting room');
  }
  if (participant.waiting) return;
  participant.waiting = true;
  participant.handUp = false;
  participant.coHost = false;
  participantUpdated(store, meeting, participant);
}

/** Lets a waiting participant into the meeting. */
export function admit(store: Store, meeting: RunningMeeting, participant: ParticipantRecord): void {
  if (!participant.waiting) return;
  participant.waiting = false;
  participant.joinedAtMs = store.clock.now();
  store.emit({
    kind: ParticipantEventKind.JOINED,
    conferenceID: meeting.conferenceID,
    detail: snapshot(participant),
  });
}

/** Invitees as real-time info reports them: those scheduled (less those removed) and those invited since. */
export function inviteesOf(meeting: RunningMeeting): InviteeRecord[] {
  const state = inviteeState(meeting.live);
  const scheduled = Array.isArray(meeting.schedule.attendees)
    ? (meeting.schedule.attendees as Array<Record<string, unknown>>)
    : [];
  const out: InviteeRecord[] = [];
  const seen = new Set<string>();
  for (const a of scheduled) {
    const phone = typeof a.phone === 'string' ? a.phone : undefined;
    const key = phone ?? (typeof a.accountId === 'string' ? a.accountId : undefined);
    if (key !== undefined && state.removedNumbers.has(key)) continue;
    if (phone) seen.add(phone);
    out.push({
      name: typeof a.name === 'string' ? a.name : '',
      phone,
      accountID: typeof a.accountId === 'string' ? a.accountId : undefined,
      userUUID: typeof a.userUUID === 'string' ? a.userUUID : undefined,
    });
  }
  for (const invited of state.invited) {
    if (invited.phone && seen.has(invited.phone)) continue;
    out.push({ ...invited });
  }
  return out;
}

/** Removes an invitee by number (or account); false when no such invitee. */
export function removeInvitee(meeting: RunningMeeting, number: string): boolean {
  const present = inviteesOf(meeting).some((i) => i.phone === number || i.accountID === number);
  if (!present) return false;
  const state = inviteeState(meeting.live);
  state.invited = state.invited.filter((i) => i.phone !== number && i.accountID !== number);
  state.removedNumbers.add(number);
  return true;
}

/** Renames an invitee by number; false when no such invitee. */
export function renameInvitee(meeting: RunningMeeting, number: string, newName: string): boolean {
  const state = inviteeState(meeting.live);
  const invited = state.invited.find((i) => i.phone === number);
  if (invited) {
    invited.name = newName;
    return true;
  }
  const scheduled = inviteesOf(meeting).find((i) => i.phone === number);
  if (!scheduled) return false;
  // A scheduled invitee renamed in the meeting: the in-meeting entry shadows the scheduled one.
  state.removedNumbers.add(number);
  state.invited.push({ ...scheduled, name: newName });
  return true;
}
