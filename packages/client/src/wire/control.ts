import { z } from 'zod';
import { emptyResponse, flag, queryInt } from './common.js';
import { attendeeTypeSchema } from './meetings.js';
import { defineOperation } from './operation.js';
import { lineText } from './text.js';
import { tolerantList, tolerantRecord } from './tolerant.js';

/*
 * Meeting control (control-and-push.md section A; rest-api.md 2.7 and M11). Every path is under
 * /v1/mmc/control/conferences, selects the meeting with the query `conferenceID` and proves itself with the
 * control token in `X-Conference-Authorization`; only `createConfToken` obtains that token with a password.
 */

const BASE = '/v1/mmc/control/conferences';

/** Query of meeting-wide control calls. */
export const controlConferenceQuerySchema = z.object({ conferenceID: z.string().min(1) });
/** Query of meeting-wide control calls. */
export type ControlConferenceQuery = z.infer<typeof controlConferenceQuerySchema>;

/** Query of single-participant control calls: `participantID` is the `pid` of real-time info or push. */
export const controlParticipantQuerySchema = z.object({
  conferenceID: z.string().min(1),
  participantID: z.string().min(1),
});
/** Query of single-participant control calls. */
export type ControlParticipantQuery = z.infer<typeof controlParticipantQuerySchema>;

// ---------------------------------------------------------------------------------------------- tokens (A.1, A.2)

/** Headers of `createConfToken` (A.1). The password is sent on keep-alive too; the server ignores it there. */
export const confTokenHeadersSchema = z.object({
  /** Host (chair) or guest password of the meeting. */
  'X-Password': z.string().min(1),
  /** Always 1. */
  'X-Login-Type': queryInt().pipe(z.literal(1)),
  /** Keep-alive only: the current control token, to extend it. */
  'X-Conference-Authorization': z.string().min(1).optional(),
  /** A user's temporary nonce token. */
  'X-Nonce': z.string().min(1).optional(),
});
/** Headers of `createConfToken`. */
export type ConfTokenHeaders = z.infer<typeof confTokenHeadersSchema>;

/** `TokenInfo`: the control token and what goes with it (A.1). */
export const tokenInfoSchema = tolerantRecord(
  'TokenInfo',
  {
    /** Control token, valid 30 minutes. */
    token: z.string().min(1),
  },
  {
    /** WebSocket connect token (whether it can replace `webSocketToken` is UNVERIFIED; the client does not). */
    tmpWsToken: z.string(),
    /** WebSocket base URL (prefix of `/cms/open/websocket/...`). */
    wsURL: z.string(),
    /** 0 ordinary participant (guest password), 1 host. */
    role: z.number().int(),
    /** Token expiry, epoch milliseconds. */
    expireTime: z.number().int(),
    /** Scheduler's user UUID. */
    userID: z.string(),
    /** Enterprise ID. */
    orgID: z.string(),
    /** Deprecated. */
    participantID: z.string(),
    /** Token validity, seconds. */
    confTokenExpireTime: z.number().int(),
    /** Current meeting ID of a cloud-meeting-room meeting. */
    vmrCurrentConfID: z.string(),
    /** WebSocket push message types the server supports. */
    supportNotifyType: z.array(z.string()),
  },
);
/** The control token and what goes with it. */
export type TokenInfo = z.infer<typeof tokenInfoSchema>;

/** Answer of `createConfToken`; `gloablPublicIP` is misspelled on the wire. */
export const confTokenResponseSchema = tolerantRecord(
  'CreateConfTokenResponse',
  {
    data: tokenInfoSchema,
  },
  {
    /** Temporary token for enterprise directory lookups. */
    addressToken: z.string(),
    /** Portal address (sic). */
    gloablPublicIP: z.string(),
  },
);
/** Answer of `createConfToken`. */
export type ConfTokenResponse = z.infer<typeof confTokenResponseSchema>;

/** Answer of `createWebSocketToken`: a one-minute, single-use WebSocket token (A.2). */
export const webSocketTokenResponseSchema = tolerantRecord(
  'WebSocketTokenResponse',
  { webSocketToken: z.string().min(1) },
  {},
);
/** Answer of `createWebSocketToken`. */
export type WebSocketTokenResponse = z.infer<typeof webSocketTokenResponseSchema>;

// ----------------------------------------------------------------------------------- participant bodies (A.3)

/** Terminal types an invitee can have: those of a scheduled attendee but `customnumber`. */
export const inviteAttendeeTypeSchema = attendeeTypeSchema.exclude(['customnumber']);
/** Terminal type of an invitee. */
export type InviteAttendeeType = z.infer<typeof inviteAttendeeTypeSchema>;

/**
 * `Attendee`: one person or device to invite into a meeting in progress (A.3.1). `name`, `phone` and `type` are
 * mandatory (published-behaviour.md section 3; the older reference said "others optional").
 */
export const inviteAttendeeSchema = z.object({
  userUUID: z.string().min(1).optional(),
  accountId: lineText().min(1).optional(),
  name: lineText().min(1).max(96),
  /** 0 ordinary (default), 1 host. */
  role: flag().optional(),
  /** SIP number (soft/hard terminal call) or mobile number (PSTN call). */
  phone: lineText().min(1).max(127),
  phone2: z.string().optional(),
  phone3: z.string().optional(),
  email: z.string().max(255).optional(),
  sms: z.string().max(32).optional(),
  /** The terminal to call: `normal` soft client, `terminal` hard terminal, `outside` external phone ... */
  type: inviteAttendeeTypeSchema,
  deptUUID: z.string().max(64).optional(),
  deptName: lineText().max(128).optional(),
});
/** One person or device to invite. */
export type InviteAttendee = z.infer<typeof inviteAttendeeSchema>;

/** Body of `inviteParticipant`. */
export const inviteParticipantBodySchema = z.object({ attendees: z.array(inviteAttendeeSchema).min(1) });
/** Body of `inviteParticipant`. */
export type InviteParticipantBody = z.infer<typeof inviteParticipantBodySchema>;

/** Body of `hangUp`: the pids to disconnect. */
export const hangUpBodySchema = z.object({ bulkHangUpParticipants: z.array(z.string().min(1)).min(1) });
/** Body of `hangUp`. */
export type HangUpBody = z.infer<typeof hangUpBodySchema>;

/** One invitee to remove: `participantID` is needed once they have joined. */
export const deleteAttendeeInfoSchema = z.object({
  number: lineText().min(1),
  participantID: z.string().min(1).optional(),
});
/** One invitee to remove. */
export type DeleteAttendeeInfo = z.infer<typeof deleteAttendeeInfoSchema>;

/** Body of `deleteAttendees`. */
export const deleteAttendeesBodySchema = z.object({
  bulkDelAttendInfo: z.array(deleteAttendeeInfoSchema).min(1),
});
/** Body of `deleteAttendees`. */
export type DeleteAttendeesBody = z.infer<typeof deleteAttendeesBodySchema>;

/** Body of `renameParticipant`; `participantID` is needed once the participant has joined. */
export const renameParticipantBodySchema = z.object({
  participantID: z.string().min(1).optional(),
  number: lineText().min(1),
  newName: lineText().min(1).max(96),
});
/** Body of `renameParticipant`. */
export type RenameParticipantBody = z.infer<typeof renameParticipantBodySchema>;

/** Body of `muteParticipant`: 0 unmute, 1 mute. */
export const muteParticipantBodySchema = z.object({ isMute: flag() });
/** Body of `muteParticipant`. */
export type MuteParticipantBody = z.infer<typeof muteParticipantBodySchema>;

/** Body of `hand`: 0 hand down, 1 hand up. */
export const handBodySchema = z.object({ handsState: flag() });
/** Body of `hand`. */
export type HandBody = z.infer<typeof handBodySchema>;

/** Body of `batchHand`. */
export const batchHandBodySchema = z.object({ handsState: flag(), pids: z.array(z.string().min(1)).min(1) });
/** Body of `batchHand`. */
export type BatchHandBody = z.infer<typeof batchHandBodySchema>;

/** Body of `setRole`: 1 apply for host (with the host password), 0 release. */
export const setRoleBodySchema = z.object({ applyChair: flag(), chairmanPwd: z.string().min(1).optional() });
/** Body of `setRole`. */
export type SetRoleBody = z.infer<typeof setRoleBodySchema>;

/** Body of `setCohost`: 1 set, 0 revoke. */
export const setCohostBodySchema = z.object({ isCohost: flag() });
/** Body of `setCohost`. */
export type SetCohostBody = z.infer<typeof setCohostBodySchema>;

// ---------------------------------------------------------------------------------- meeting-wide bodies (A.4)

/** Body of `muteMeeting`; `allowUnmuteByOneself` (default 1) only matters when muting. */
export const muteMeetingBodySchema = z.object({ isMute: flag(), allowUnmuteByOneself: flag().optional() });
/** Body of `muteMeeting`. */
export type MuteMeetingBody = z.infer<typeof muteMeetingBodySchema>;

/** Body of `allowGuestUnmute`. */
export const allowGuestUnmuteBodySchema = z.object({ allowUnmuteByOneself: flag() });
/** Body of `allowGuestUnmute`. */
export type AllowGuestUnmuteBody = z.infer<typeof allowGuestUnmuteBodySchema>;

/** Body of `lockMeeting`: 1 lock, 0 unlock. */
export const lockMeetingBodySchema = z.object({ isLock: flag() });
/** Body of `lockMeeting`. */
export type LockMeetingBody = z.infer<typeof lockMeetingBodySchema>;

/** Body of `record` (cloud recording): 1 start, 0 stop. */
export const recordBodySchema = z.object({ isRecord: flag() });
/** Body of `record`. */
export type RecordBody = z.infer<typeof recordBodySchema>;

/** Body of `live`: 1 start, 0 stop. */
export const liveBodySchema = z.object({ isLive: flag() });
/** Body of `live`. */
export type LiveBody = z.infer<typeof liveBodySchema>;

/** Body of `prolongMeeting`: `auto` 0 manual / 1 automatic, `duration` minutes (default 15). */
export const prolongMeetingBodySchema = z.object({
  auto: flag(),
  duration: z.number().int().positive().optional(),
});
/** Body of `prolongMeeting`. */
export type ProlongMeetingBody = z.infer<typeof prolongMeetingBodySchema>;

/** Body of `updateStartedConfConfig`: in-meeting settings, each optional. */
export const startedConfConfigBodySchema = z.object({
  lockSharing: flag().optional(),
  /** 0 everyone, 2 enterprise users, 3 invited users. */
  callInRestriction: z.union([z.literal(0), z.literal(2), z.literal(3)]).optional(),
  allowUnmuteByOneself: flag().optional(),
  /** 1 all forbidden, 2 private only, 3 public only, 4 free. */
  chatPermission: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
  /** Webinar audience: 0 everyone, 2 enterprise and invited users. */
  audienceCallInRestriction: z.union([z.literal(0), z.literal(2)]).optional(),
  /** Local recording: 0 all users, 1 everyone may record, 2 some may record. */
  clientRecMode: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
  allowOpenCamera: flag().optional(),
  allowRename: flag().optional(),
  isLock: flag().optional(),
  /** 0 host/co-host share only, 1 anyone can take over sharing. */
  freeShare: flag().optional(),
});
/** Body of `updateStartedConfConfig`. */
export type StartedConfConfigBody = z.infer<typeof startedConfConfigBodySchema>;

/**
 * Body of `allowWaitingParticipant`: one pid, or everyone waiting with `allowAll` (a real boolean). Both are
 * optional in the SDK model (published-behaviour.md section 3).
 */
export const allowWaitingParticipantBodySchema = z.object({
  participantID: z.string().min(1).optional(),
  allowAll: z.boolean().optional(),
});
/** Body of `allowWaitingParticipant`. */
export type AllowWaitingParticipantBody = z.infer<typeof allowWaitingParticipantBodySchema>;

/** Body of `moveToWaitingRoom`. */
export const moveToWaitingRoomBodySchema = z.object({ participantID: z.string().min(1) });
/** Body of `moveToWaitingRoom`. */
export type MoveToWaitingRoomBody = z.infer<typeof moveToWaitingRoomBodySchema>;

/** Body of `batchMoveToWaitingRoom`. */
export const batchMoveToWaitingRoomBodySchema = z.object({
  batchParticipants: z.array(z.string().min(1)).min(1),
});
/** Body of `batchMoveToWaitingRoom`. */
export type BatchMoveToWaitingRoomBody = z.infer<typeof batchMoveToWaitingRoomBodySchema>;

// ----------------------------------------------------------------------------------------- real-time info (A.6)

/** `RealTimeAttendee`: someone invited, online or not. */
export const realTimeAttendeeSchema = tolerantRecord(
  'RealTimeAttendee',
  {},
  {
    accountID: z.string(),
    userUUID: z.string(),
    name: z.string(),
    phone: z.string(),
    /** Deprecated. */
    phoneLeft: z.string(),
    /** Deprecated. */
    phoneRight: z.string(),
  },
);
/** Someone invited, online or not. */
export type RealTimeAttendee = z.infer<typeof realTimeAttendeeSchema>;

/** `RealTimeParticipant`: one online participant (one per device). */
export const realTimeParticipantSchema = tolerantRecord(
  'RealTimeParticipant',
  {
    /** Participant ID (`participantID` elsewhere). */
    pid: z.string().min(1),
  },
  {
    name: z.string(),
    phone: z.string(),
    /** 0 in the meeting, 1 being called, 2 joining. */
    state: z.number().int(),
    /** 0 audio, 1 video. */
    video: z.number().int(),
    /** 0 microphone on, 1 muted. */
    mute: z.number().int(),
    /** 0 hand down, 1 raised. */
    hand: z.number().int(),
  },
);
/** One online participant. */
export type RealTimeParticipant = z.infer<typeof realTimeParticipantSchema>;

/** `confInfo` of the real-time info: who holds the host and co-host roles. */
export const realTimeConfInfoSchema = tolerantRecord(
  'RealTimeConfInfo',
  {},
  {
    /** The host's pid; absent while nobody holds the host role. */
    chairID: z.string(),
    coHosts: z.array(z.string()),
  },
);

/**
 * Answer of `showRealTimeInfoOfMeeting`; the host is `confInfo.chairID` (a pid). A missing list is an empty one
 * and a missing `confInfo` an empty object: the SDK models leave empty values out (`omitempty`).
 */
export const realTimeInfoResponseSchema = tolerantRecord(
  'RealTimeInfo',
  {
    attendees: tolerantList(realTimeAttendeeSchema).default([]),
    participants: tolerantList(realTimeParticipantSchema).default([]),
    confInfo: realTimeConfInfoSchema.default({}),
  },
  {},
);
/** Answer of `showRealTimeInfoOfMeeting`. */
export type RealTimeInfoResponse = z.infer<typeof realTimeInfoResponseSchema>;

// ---------------------------------------------------------------------------------------------------- operations

/** A.1: obtain (or, with `X-Conference-Authorization`, keep alive) the control token; carries its own headers. */
export const createConfToken = defineOperation({
  name: 'createConfToken',
  area: 'control',
  method: 'GET',
  path: `${BASE}/token`,
  auth: 'login',
  query: controlConferenceQuerySchema,
  headers: confTokenHeadersSchema,
  response: confTokenResponseSchema,
  idempotent: true,
});

/** A.2: a one-minute, single-use WebSocket token. */
export const createWebSocketToken = defineOperation({
  name: 'createWebSocketToken',
  area: 'control',
  method: 'GET',
  path: `${BASE}/wsToken`,
  auth: 'control',
  query: controlConferenceQuerySchema,
  response: webSocketTokenResponseSchema,
  // Not resent: each attempt would spend one of the short-lived tokens and the caller can simply ask again.
  idempotent: false,
});

/** A.3.1: invite (call) people into the meeting. */
export const inviteParticipant = defineOperation({
  name: 'inviteParticipant',
  area: 'control',
  method: 'POST',
  path: `${BASE}/participants`,
  auth: 'control',
  query: controlConferenceQuerySchema,
  body: inviteParticipantBodySchema,
  response: emptyResponse,
  idempotent: false,
});

/** A.3.2: disconnect online participants. */
export const hangUp = defineOperation({
  name: 'hangUp',
  area: 'control',
  method: 'POST',
  path: `${BASE}/participants/delete`,
  auth: 'control',
  query: controlConferenceQuerySchema,
  body: hangUpBodySchema,
  response: emptyResponse,
  idempotent: true,
});

/** A.3.3: remove invitees from the meeting's list (hanging up those online). */
export const deleteAttendees = defineOperation({
  name: 'deleteAttendees',
  area: 'control',
  method: 'POST',
  path: `${BASE}/attendees/delete`,
  auth: 'control',
  query: controlConferenceQuerySchema,
  body: deleteAttendeesBodySchema,
  response: emptyResponse,
  idempotent: true,
});

/** A.3.4: rename a participant. */
export const renameParticipant = defineOperation({
  name: 'renameParticipant',
  area: 'control',
  method: 'PUT',
  path: `${BASE}/participants/name`,
  auth: 'control',
  query: controlConferenceQuerySchema,
  body: renameParticipantBodySchema,
  response: emptyResponse,
  idempotent: true,
});

/** A.3.5: mute or unmute one participant. */
export const muteParticipant = defineOperation({
  name: 'muteParticipant',
  area: 'control',
  method: 'PUT',
  path: `${BASE}/participants/mute`,
  auth: 'control',
  query: controlParticipantQuerySchema,
  body: muteParticipantBodySchema,
  response: emptyResponse,
  idempotent: true,
});

/** A.3.6: raise or lower one participant's hand. */
export const hand = defineOperation({
  name: 'hand',
  area: 'control',
  method: 'PUT',
  path: `${BASE}/participants/hands`,
  auth: 'control',
  query: controlParticipantQuerySchema,
  body: handBodySchema,
  response: emptyResponse,
  idempotent: true,
});

/** A.3.7: raise or lower several participants' hands. */
export const batchHand = defineOperation({
  name: 'batchHand',
  area: 'control',
  method: 'PUT',
  path: `${BASE}/participants/batch/hands`,
  auth: 'control',
  query: controlConferenceQuerySchema,
  body: batchHandBodySchema,
  response: emptyResponse,
  idempotent: true,
});

/** A.3.8: make a participant host (with the host password) or release the host role. */
export const setRole = defineOperation({
  name: 'setRole',
  area: 'control',
  method: 'PUT',
  path: `${BASE}/participants/role`,
  auth: 'control',
  query: controlParticipantQuerySchema,
  body: setRoleBodySchema,
  response: emptyResponse,
  idempotent: true,
});

/** A.3.9: make a guest co-host, or revoke it. */
export const setCohost = defineOperation({
  name: 'setCohost',
  area: 'control',
  method: 'PUT',
  path: `${BASE}/participants/cohost`,
  auth: 'control',
  query: controlParticipantQuerySchema,
  body: setCohostBodySchema,
  response: emptyResponse,
  idempotent: true,
});

/** A.3.10: roll call: the participant is unmuted, everyone else but the host muted. */
export const rollcallParticipant = defineOperation({
  name: 'rollcallParticipant',
  area: 'control',
  method: 'PUT',
  path: `${BASE}/participants/rollCall`,
  auth: 'control',
  query: controlParticipantQuerySchema,
  response: emptyResponse,
  idempotent: true,
});

/** A.3.11: broadcast one participant to everyone. */
export const broadcastParticipant = defineOperation({
  name: 'broadcastParticipant',
  area: 'control',
  method: 'PUT',
  path: `${BASE}/participants/broadcast`,
  auth: 'control',
  query: controlParticipantQuerySchema,
  response: emptyResponse,
  idempotent: true,
});

/** A.3.12: cancel any broadcast (multi-picture, participant, roll call). */
export const cancelBroadcast = defineOperation({
  name: 'cancelBroadcast',
  area: 'control',
  method: 'PUT',
  path: `${BASE}/cancelBroadcast`,
  auth: 'control',
  query: controlConferenceQuerySchema,
  response: emptyResponse,
  idempotent: true,
});

/** A.4.1: mute or unmute everyone but the host. */
export const muteMeeting = defineOperation({
  name: 'muteMeeting',
  area: 'control',
  method: 'PUT',
  path: `${BASE}/mute`,
  auth: 'control',
  query: controlConferenceQuerySchema,
  body: muteMeetingBodySchema,
  response: emptyResponse,
  idempotent: true,
});

/** A.4.2: allow or deny participants unmuting themselves. */
export const allowGuestUnmute = defineOperation({
  name: 'allowGuestUnmute',
  area: 'control',
  method: 'PUT',
  path: `${BASE}/mute/guestUnMute`,
  auth: 'control',
  query: controlConferenceQuerySchema,
  body: allowGuestUnmuteBodySchema,
  response: emptyResponse,
  idempotent: true,
});

/** A.4.3: lock or unlock the meeting. */
export const lockMeeting = defineOperation({
  name: 'lockMeeting',
  area: 'control',
  method: 'PUT',
  path: `${BASE}/lock`,
  auth: 'control',
  query: controlConferenceQuerySchema,
  body: lockMeetingBodySchema,
  response: emptyResponse,
  idempotent: true,
});

/** A.4.4: start or stop cloud recording. */
export const record = defineOperation({
  name: 'record',
  area: 'control',
  method: 'PUT',
  path: `${BASE}/record`,
  auth: 'control',
  query: controlConferenceQuerySchema,
  body: recordBodySchema,
  response: emptyResponse,
  idempotent: true,
});

/** A.4.5: start or stop live streaming. */
export const live = defineOperation({
  name: 'live',
  area: 'control',
  method: 'PUT',
  path: `${BASE}/live`,
  auth: 'control',
  query: controlConferenceQuerySchema,
  body: liveBodySchema,
  response: emptyResponse,
  idempotent: true,
});

/** A.4.8: extend the meeting. */
export const prolongMeeting = defineOperation({
  name: 'prolongMeeting',
  area: 'control',
  method: 'PUT',
  path: `${BASE}/duration`,
  auth: 'control',
  query: controlConferenceQuerySchema,
  body: prolongMeetingBodySchema,
  response: emptyResponse,
  // Each call adds time: resending after an unknown outcome could extend twice.
  idempotent: false,
});

/** A.4.9 / M11: end the meeting. */
export const stopMeeting = defineOperation({
  name: 'stopMeeting',
  area: 'control',
  method: 'PUT',
  path: `${BASE}/stop`,
  auth: 'control',
  query: controlConferenceQuerySchema,
  response: emptyResponse,
  idempotent: true,
});

/** A.4.11: change in-meeting settings. */
export const updateStartedConfConfig = defineOperation({
  name: 'updateStartedConfConfig',
  area: 'control',
  method: 'PUT',
  path: `${BASE}/updateStartedConfConfig`,
  auth: 'control',
  query: controlConferenceQuerySchema,
  body: startedConfConfigBodySchema,
  response: emptyResponse,
  idempotent: true,
});

/** A.4.12: admit one participant, or everyone, from the waiting room. */
export const allowWaitingParticipant = defineOperation({
  name: 'allowWaitingParticipant',
  area: 'control',
  method: 'PUT',
  path: `${BASE}/allowWaitingParticipant`,
  auth: 'control',
  query: controlConferenceQuerySchema,
  body: allowWaitingParticipantBodySchema,
  response: emptyResponse,
  idempotent: true,
});

/** A.4.13: move a participant to the waiting room. */
export const moveToWaitingRoom = defineOperation({
  name: 'moveToWaitingRoom',
  area: 'control',
  method: 'PUT',
  path: `${BASE}/moveToWaitingRoom`,
  auth: 'control',
  query: controlConferenceQuerySchema,
  body: moveToWaitingRoomBodySchema,
  response: emptyResponse,
  idempotent: true,
});

/** A.4.14: move several participants to the waiting room. */
export const batchMoveToWaitingRoom = defineOperation({
  name: 'batchMoveToWaitingRoom',
  area: 'control',
  method: 'PUT',
  path: `${BASE}/batchMoveToWaitingRoom`,
  auth: 'control',
  query: controlConferenceQuerySchema,
  body: batchMoveToWaitingRoomBodySchema,
  response: emptyResponse,
  idempotent: true,
});

/** A.6: invitees, online participants, host and co-hosts of the meeting now. */
export const showRealTimeInfoOfMeeting = defineOperation({
  name: 'showRealTimeInfoOfMeeting',
  area: 'control',
  method: 'GET',
  path: `${BASE}/realTimeInfo`,
  auth: 'control',
  query: controlConferenceQuerySchema,
  response: realTimeInfoResponseSchema,
  idempotent: true,
});

/** Every meeting-control operation. */
export const controlOperations = {
  createConfToken,
  createWebSocketToken,
  inviteParticipant,
  hangUp,
  deleteAttendees,
  renameParticipant,
  muteParticipant,
  hand,
  batchHand,
  setRole,
  setCohost,
  rollcallParticipant,
  broadcastParticipant,
  cancelBroadcast,
  muteMeeting,
  allowGuestUnmute,
  lockMeeting,
  record,
  live,
  prolongMeeting,
  stopMeeting,
  updateStartedConfConfig,
  allowWaitingParticipant,
  moveToWaitingRoom,
  batchMoveToWaitingRoom,
  showRealTimeInfoOfMeeting,
} as const;
