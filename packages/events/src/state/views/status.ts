import type { ConfDynamicInfoNotify } from '../../frames/confDynamicInfo.js';
import { deepFreeze, type EnvelopeKey, type OmitKnown } from './frozen.js';

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
  /** Who may join (`callInRestriction`): 0 all, 2 enterprise users, 3 invited users. */
  callInRestriction: number | undefined;
  /** Who of a webinar's audience may join (`audienceCallInRestriction`): 0 all, 2 enterprise and invited. */
  audienceCallInRestriction: number | undefined;
  /** Who may record locally (`clientRecMode`): 0 the host, 1 everyone, 2 some participants. */
  clientRecMode: number | undefined;
  /** What participants may chat (`chatPermission`): 1 nothing, 2 private only, 3 public only, 4 free. */
  chatPermission: number | undefined;
  /** Participants may turn their camera on (`allowOpenCamera`). */
  allowOpenCamera: boolean | undefined;
  /** Participants may rename themselves (`allowRename`). */
  allowRename: boolean | undefined;
  /** Anyone may take over sharing, not only host and co-hosts (`freeShare`). */
  freeShare: boolean | undefined;
  /** Live streaming runs (`liveState`). */
  liveStreaming: boolean | undefined;
  /** Fields this view does not map, and mapped fields with unpublished values, as received. */
  extra: Readonly<Record<string, unknown>>;
}>;

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
  'callInRestriction',
  'audienceCallInRestriction',
  'clientRecMode',
  'chatPermission',
  'allowOpenCamera',
  'allowRename',
  'freeShare',
  'liveState',
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
    callInRestriction: info.callInRestriction,
    audienceCallInRestriction: info.audienceCallInRestriction,
    clientRecMode: info.clientRecMode,
    chatPermission: info.chatPermission,
    allowOpenCamera: onOff(info.allowOpenCamera),
    allowRename: onOff(info.allowRename),
    freeShare: onOff(info.freeShare),
    liveStreaming: onOff(info.liveState),
    extra: structuredClone(Object.fromEntries(extra)),
  });
}

/** The status view before any ConfDynamicInfoNotify: everything unknown. */
export const UNKNOWN_STATUS: MeetingStatusView = meetingStatusView({});
