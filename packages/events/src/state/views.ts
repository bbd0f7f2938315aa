import type { OnlineParticipant } from '@hwmeeting/client';
import type { AttendeeNotify } from '../frames/attendees.js';
import type { ConfBasicInfoNotify } from '../frames/confBasicInfo.js';
import type { ConfDynamicInfoNotify } from '../frames/confDynamicInfo.js';
import type { InterpreterGroup } from '../frames/interpreterGroup.js';
import { type InviteResultNotify, LEAVE_REASONS } from '../frames/inviteResult.js';
import type { NetConditionNotify } from '../frames/netCondition.js';
import type { RealTimeSubtitleNotify } from '../frames/realTimeSubtitle.js';
import type { SpeakerChangeNotify } from '../frames/speakerChange.js';

// Normalised, read-only views of what the push frames say (control-and-push.md A.8 and B.5). Where the wire
// object is already typed (attendees, net conditions, interpreter groups, basic info) the view keeps its wire
// names and types (inferred from the frame schemas); where the wire carries string flags (`pinfoMap`, status
// integers) the view maps them to booleans and enums. A known key whose value is not one of the published ones
// is kept, as received, in `extra` (beside the unknown keys), so nothing the server says is lost.

/** Envelope fields of every pushed frame; they describe the frame, not the meeting, so views leave them out. */
export const ENVELOPE_KEYS = ['action', 'version', 'createTime', 'msgID', 'msgMode', 'confID'] as const;
type EnvelopeKey = (typeof ENVELOPE_KEYS)[number];

/**
 * `Omit` that keeps the known fields of a loose object: the built-in one maps over `keyof T`, which an index
 * signature widens to `string`, and so would erase every named field of a `z.looseObject` type.
 */
export type OmitKnown<T, K extends PropertyKey> = { [P in keyof T as P extends K ? never : P]: T[P] };

/** A `pinfoMap`: the participant's keys and string values, merged key by key across increments. */
export type PinfoMap = Readonly<Record<string, string>>;

/** Where a participant is: in the meeting, being called, or joining (STATE "0"/"1"/"2"). */
export type ParticipantState = 'inMeeting' | 'calling' | 'joining';
/** The participant's role: ROLE "1" host, "0" ordinary (guest), "2" webinar audience. */
export type ParticipantRole = 'host' | 'guest' | 'audience';
/** The published `CLIENT_LOGIN_TYPE` values. */
export type ClientType = 'Desktop' | 'Mobile' | 'Pad' | 'OtherType';

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
  SharedParticipantFields & {
    role: ParticipantRole;
    state: ParticipantState;
    /** CAMERASTATE "1" read as camera on, "0" off. UNVERIFIED: the published sample only shows "1". */
    cameraOn: boolean | undefined;
    sharing: boolean;
    broadcast: boolean;
    rollCall: boolean;
    /** Join time, epoch ms (`ADDTIME`). */
    joinedAt: number | undefined;
    account: string | undefined;
    /** The user's UUID (`ACCOUNT_ID`). */
    userUUID: string | undefined;
    thirdAccount: string | undefined;
    clientType: ClientType | undefined;
    /** Keys this view does not map, and mapped keys with unpublished values, as received. */
    extra: PinfoMap;
  }
>;

/** One waiting-room member (B.5.9), mapped from `pid` and its merged `pinfoMap`. */
export type WaitingEntryView = Readonly<{
  participantId: string;
  name: string | undefined;
  number: string | undefined;
  /** WAITINGSTATE "0" waiting, "1" admitted and joining. */
  state: 'waiting' | 'admitted';
  anonymous: boolean;
  /** Arrival time, epoch ms (`ADDTIME`). */
  joinedAt: number | undefined;
  account: string | undefined;
  userUUID: string | undefined;
  thirdAccount: string | undefined;
  orgId: string | undefined;
  clientType: ClientType | undefined;
  extra: PinfoMap;
}>;

/** One invitee (B.5.4) with its wire names; `key` is its merge key and `orgID` is folded into `orgId`. */
export type AttendeeView = Readonly<OmitKnown<AttendeeNotify, 'mode' | 'orgID'> & { key: string }>;

/** One of the loudest speakers (B.5.5). */
export type SpeakerView = Readonly<{
  participantId: string;
  name: string | undefined;
  speakingVolume: number;
}>;

/** Media quality of one participant (B.5.6), with its wire names; units UNVERIFIED. */
export type NetConditionView = Readonly<OmitKnown<NetConditionNotify['data'][number], 'mode'>>;

/** One interpreter group (B.5.10), as pushed. */
export type InterpreterGroupView = Readonly<InterpreterGroup>;

/** Basic meeting info (B.5.1) with its wire names; the plain-text passwords (`pwds`) are left out on purpose. */
export type MeetingBasicView = Readonly<OmitKnown<ConfBasicInfoNotify, EnvelopeKey | 'pwds'>>;

/** The meeting's state: `Schedule` scheduled, `Created` in progress, `Destroyed` ended. */
export type MeetingState = 'scheduled' | 'inProgress' | 'ended';
/** Broadcast mode: free, fixed picture, roll call, broadcasting a site. */
export type MeetingMode = 'FREE' | 'FIXED' | 'ROLLCALL' | 'BROADCAST';

/**
 * The meeting's dynamic status (B.5.2). Every field is `undefined` until a frame says it: a status the server
 * never sent is unknown, not off.
 */
export type MeetingStatusView = Readonly<{
  state: MeetingState | undefined;
  /** Epoch ms (`endTime`). */
  endTime: number | undefined;
  mode: MeetingMode | undefined;
  /** Voice-activated switching (`vas`). */
  voiceActivated: boolean | undefined;
  locked: boolean | undefined;
  /** The meeting is muted (`mute`; participants join muted). */
  muteAll: boolean | undefined;
  lockSharing: boolean | undefined;
  /** While all are muted, participants may unmute themselves (`canUnmute`). */
  canUnmute: boolean | undefined;
  /** The host's polling task runs (`chairView`). */
  chairView: boolean | undefined;
  recording: boolean | undefined;
  /** The meeting has been recorded at some point (`recOccurred`). */
  recordedBefore: boolean | undefined;
  chatForbidden: boolean | undefined;
  /** Live captions are on (`realTimeSubtitle` non-zero). */
  subtitles: boolean | undefined;
  picNum: number | undefined;
  partViewNum: number | undefined;
  maxPartViewNum: number | undefined;
  multiPic: ConfDynamicInfoNotify['multiPic'];
  /** The in-meeting chat group (`confIMGroupId`). */
  chatGroupId: string | undefined;
  /** Fields this view does not map, and mapped fields with unpublished values, as received. */
  extra: Readonly<Record<string, unknown>>;
}>;

/** One invite result or leave reason (B.5.7). */
export type InviteResultView = Readonly<{
  callNumber: string | undefined;
  /** `resultCode`, or `errorCode` when only that was sent. */
  resultCode: string | undefined;
  /** The call succeeded (`"0"`). */
  ok: boolean;
  /** The published meaning of a leave-reason code, when it is one. */
  reason: string | undefined;
}>;

/** One caption (B.5.8). */
export type SubtitleView = Readonly<{
  participantId: string | undefined;
  /** A sentence ends here. */
  isFinal: boolean;
  timestamp: number | undefined;
  beginTime: number | undefined;
  endTime: number | undefined;
  msgs: readonly Readonly<{
    subtitleLang: string | undefined;
    translateText: string;
    id: string | undefined;
  }>[];
}>;

/** Event-like messages: surfaced one by one, never accumulated into the snapshot. */
export type MeetingEvent =
  | Readonly<{ kind: 'inviteResult'; at: number | undefined; results: readonly InviteResultView[] }>
  | Readonly<{ kind: 'subtitle'; at: number | undefined; subtitle: SubtitleView }>;

/** Freezes a value and everything inside it; returns it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/** A private, frozen copy of a parsed wire value (the caller keeps its own object untouched). */
export function frozenCopy<T>(value: T): T {
  return deepFreeze(structuredClone(value));
}

/** Reads `pinfoMap` keys, recording those it consumed and those whose values it could not map. */
class PinfoReader {
  private readonly used = new Set<string>();
  private readonly odd: Array<[string, string]> = [];

  constructor(private readonly map: PinfoMap) {}

  /** The raw string, or undefined. */
  text(...keys: string[]): string | undefined {
    for (const key of keys) {
      this.used.add(key);
      const value = this.map[key];
      if (value !== undefined) return value;
    }
    return undefined;
  }

  /** "1" true, "0" false; absent undefined; anything else undefined and kept in `extra`. */
  flag(key: string): boolean | undefined {
    return this.oneOf(key, { '0': false, '1': true });
  }

  /** A value looked up in a table of the published values; anything else is kept in `extra`. */
  oneOf<V>(key: string, table: Readonly<Record<string, V>>, ...aliases: string[]): V | undefined {
    const keys = [key, ...aliases];
    const raw = this.text(...keys);
    if (raw === undefined) return undefined;
    if (Object.hasOwn(table, raw)) return table[raw];
    this.odd.push([keys.find((k) => this.map[k] !== undefined) ?? key, raw]);
    return undefined;
  }

  /** Epoch ms from a decimal string; anything else is kept in `extra`. */
  millis(key: string): number | undefined {
    const raw = this.text(key);
    if (raw === undefined) return undefined;
    if (/^\d+$/.test(raw)) return Number(raw);
    this.odd.push([key, raw]);
    return undefined;
  }

  /** Unmapped keys plus mapped keys with unpublished values, frozen. */
  extra(): PinfoMap {
    // fromEntries defines own properties, so even a key named `__proto__` is kept as data.
    const unused = Object.entries(this.map).filter(([key]) => !this.used.has(key));
    return Object.freeze(Object.fromEntries([...unused, ...this.odd]));
  }
}

const ROLES: Readonly<Record<string, ParticipantRole>> = { '0': 'guest', '1': 'host', '2': 'audience' };
// REST realTimeInfo documents 2 = joining; the pinfoMap table lists only 0 and 1, so "2" is read the same way.
const STATES: Readonly<Record<string, ParticipantState>> = {
  '0': 'inMeeting',
  '1': 'calling',
  '2': 'joining',
};
const CLIENT_TYPES: Readonly<Record<string, ClientType>> = {
  Desktop: 'Desktop',
  Mobile: 'Mobile',
  Pad: 'Pad',
  OtherType: 'OtherType',
};
const WAITING_STATES: Readonly<Record<string, 'waiting' | 'admitted'>> = { '0': 'waiting', '1': 'admitted' };
// The doc table misspells the key `CLICENT_LOGIN_TYPE`; the samples use CLIENT_LOGIN_TYPE. Both are read.
const CLIENT_TYPE_KEY = 'CLIENT_LOGIN_TYPE';
const CLIENT_TYPE_TYPO = 'CLICENT_LOGIN_TYPE';

/**
 * Maps a participant's `pid` and merged `pinfoMap` to its view (A.8). Absent flags read as off (a full frame
 * lists what is set); absent ROLE reads as guest and absent STATE as in the meeting; `video` and `cameraOn`
 * stay unknown when absent, as in the client's view.
 */
export function participantView(pid: string, map: PinfoMap): ParticipantView {
  const read = new PinfoReader(map);
  const view: ParticipantView = {
    participantId: pid,
    name: read.text('NAME'),
    number: read.text('TEL'),
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
    joinedAt: read.millis('ADDTIME'),
    account: read.text('ACCOUNT'),
    userUUID: read.text('ACCOUNT_ID'),
    thirdAccount: read.text('THIRDACCOUNT'),
    clientType: read.oneOf(CLIENT_TYPE_KEY, CLIENT_TYPES, CLIENT_TYPE_TYPO),
    extra: read.extra(),
  };
  return Object.freeze(view);
}

/** Maps a waiting-room member's `pid` and merged `pinfoMap` to its view (B.5.9); absent WAITINGSTATE = waiting. */
export function waitingEntryView(pid: string, map: PinfoMap): WaitingEntryView {
  const read = new PinfoReader(map);
  const view: WaitingEntryView = {
    participantId: pid,
    name: read.text('NAME'),
    number: read.text('TEL'),
    state: read.oneOf('WAITINGSTATE', WAITING_STATES) ?? 'waiting',
    anonymous: read.flag('ANONYMOUS') ?? false,
    joinedAt: read.millis('ADDTIME'),
    account: read.text('ACCOUNT'),
    userUUID: read.text('ACCOUNT_ID'),
    thirdAccount: read.text('THIRDACCOUNT'),
    orgId: read.text('ORG_ID'),
    clientType: read.oneOf(CLIENT_TYPE_KEY, CLIENT_TYPES, CLIENT_TYPE_TYPO),
    extra: read.extra(),
  };
  return Object.freeze(view);
}

/** The dynamic-info fields of a frame (the envelope removed): what status increments shallow-merge. */
export type DynamicInfo = OmitKnown<ConfDynamicInfoNotify, EnvelopeKey>;

const MEETING_STATES: Readonly<Record<string, MeetingState>> = {
  Schedule: 'scheduled',
  Created: 'inProgress',
  Destroyed: 'ended',
};
const MEETING_MODES: Readonly<Record<string, MeetingMode>> = {
  FREE: 'FREE',
  FIXED: 'FIXED',
  ROLLCALL: 'ROLLCALL',
  BROADCAST: 'BROADCAST',
};
const STATUS_FIELDS = new Set([
  'state',
  'endTime',
  'mode',
  'vas',
  'lock',
  'mute',
  'lockSharing',
  'canUnmute',
  'chairView',
  'recState',
  'recOccurred',
  'forbiddenChat',
  'realTimeSubtitle',
  'picNum',
  'partViewNum',
  'maxPartViewNum',
  'multiPic',
  'confIMGroupId',
]);

const onOff = (value: number | undefined): boolean | undefined =>
  value === undefined ? undefined : value !== 0;

/** Maps merged dynamic info to the meeting status view (B.5.2); unknown enum values are kept in `extra`. */
export function meetingStatusView(info: DynamicInfo): MeetingStatusView {
  const extra: Array<[string, unknown]> = Object.entries(info).filter(([key]) => !STATUS_FIELDS.has(key));
  const lookup = <V>(key: 'state' | 'mode', table: Readonly<Record<string, V>>): V | undefined => {
    const raw = info[key];
    if (raw === undefined) return undefined;
    if (Object.hasOwn(table, raw)) return table[raw];
    extra.push([key, raw]);
    return undefined;
  };
  let endTime: number | undefined;
  if (info.endTime !== undefined) {
    if (/^\d+$/.test(info.endTime)) endTime = Number(info.endTime);
    else extra.push(['endTime', info.endTime]);
  }
  return deepFreeze({
    state: lookup('state', MEETING_STATES),
    endTime,
    mode: lookup('mode', MEETING_MODES),
    voiceActivated: onOff(info.vas),
    locked: onOff(info.lock),
    muteAll: onOff(info.mute),
    lockSharing: onOff(info.lockSharing),
    canUnmute: onOff(info.canUnmute),
    chairView: onOff(info.chairView),
    recording: onOff(info.recState),
    recordedBefore: onOff(info.recOccurred),
    chatForbidden: onOff(info.forbiddenChat),
    subtitles: onOff(info.realTimeSubtitle),
    picNum: info.picNum,
    partViewNum: info.partViewNum,
    maxPartViewNum: info.maxPartViewNum,
    multiPic: info.multiPic === undefined ? undefined : structuredClone(info.multiPic),
    chatGroupId: info.confIMGroupId,
    extra: structuredClone(Object.fromEntries(extra)),
  });
}

/** The status view before any ConfDynamicInfoNotify: everything unknown. */
export const UNKNOWN_STATUS: MeetingStatusView = meetingStatusView({});

/** An invitee's view under its merge key (B.5.4); `orgID` (sample spelling) is folded into `orgId`. */
export function attendeeView(key: string, attendee: Partial<AttendeeNotify>): AttendeeView {
  const { orgID, mode: _mode, ...fields } = structuredClone(attendee);
  const orgId = fields.orgId ?? orgID;
  return deepFreeze({ ...fields, ...(orgId === undefined ? {} : { orgId }), key });
}

/** The speakers of a SpeakerChangeNotify, loudest as sent. */
export function speakerViews(data: SpeakerChangeNotify['data']): readonly SpeakerView[] {
  return Object.freeze(
    data.map((s) => Object.freeze({ participantId: s.pid, name: s.name, speakingVolume: s.speakingVolume })),
  );
}

/** The results of an InviteResultNotify, with the published meaning of leave-reason codes. */
export function inviteResultViews(data: InviteResultNotify['data']): readonly InviteResultView[] {
  return Object.freeze(
    data.map((r) =>
      Object.freeze({
        callNumber: r.callNumber,
        resultCode: r.resultCode,
        ok: r.resultCode === '0',
        reason:
          r.resultCode !== undefined && Object.hasOwn(LEAVE_REASONS, r.resultCode)
            ? LEAVE_REASONS[r.resultCode]
            : undefined,
      }),
    ),
  );
}

/** One caption of a RealTimeSubtitleNotify (an absent `data` reads as an empty, non-final caption). */
export function subtitleView(data: RealTimeSubtitleNotify['data']): SubtitleView {
  return deepFreeze({
    participantId: data?.participantID,
    isFinal: data?.isFinal ?? false,
    timestamp: data?.timestamp,
    beginTime: data?.beginTime,
    endTime: data?.endTime,
    msgs: (data?.msgs ?? []).map((m) => ({
      subtitleLang: m.subtitleLang,
      translateText: m.translateText,
      id: m.id,
    })),
  });
}
