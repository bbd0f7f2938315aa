import { controlOperations } from '@hwmeeting/client/wire';
import { NEWEST_SUBSCRIBE_TYPES } from '@hwmeeting/events/wire';
import { controlTokenFrom } from '../http/dispatch.js';
import { CONF_AUTH_FAILED_MSG, SimErrorCode, SimHttpError } from '../http/errors.js';
import { type HandlerContext, on, type Route } from '../http/router.js';
import { endMeeting, requireInProgress } from '../state/lifecycle.js';
import type { ParticipantRecord } from '../state/meetings.js';
import {
  admit,
  callInvitee,
  hostOf,
  inviteesOf,
  makeHost,
  meetingUpdated,
  moveToWaiting,
  ParticipantEventKind,
  participantNotFound,
  participantUpdated,
  type RunningMeeting,
  removeInvitee,
  removeParticipant,
  renameInvitee,
  requireInMeeting,
  requireParticipant,
} from '../state/participants.js';
import type { ControlTokenRecord, Store } from '../state/store.js';

/** Lifetime of a control token: 30 minutes (A.1). */
const CONTROL_TOKEN_SECONDS = 1800;
/** Lifetime of a WebSocket token: one minute, single use (A.2). */
const WS_TOKEN_MS = 60_000;
/** Extension of `prolongMeeting` when no duration is sent (A.4.8). */
const DEFAULT_PROLONG_MINUTES = 15;
type ControlContext = {
  store: Store;
  control: ControlTokenRecord | undefined;
  query: { conferenceID: string };
};

/** The meeting of a control call; dispatch has already matched the token to `conferenceID`. */
function running(ctx: ControlContext): RunningMeeting {
  return requireInProgress(ctx.store, ctx.query.conferenceID);
}

/** Attendee fields an invitation must carry (published-behaviour.md §3). */
const INVITE_MANDATORY = ['name', 'phone', 'type'] as const;

/**
 * Refuses an invitation body whose attendees lack `name`, `phone` or `type`, naming the first gap; checked before
 * anyone is called. Published (published-behaviour.md §3); the client's wire schema still has `phone` and
 * `type` optional, so the route checks them.
 */
function requireCompleteAttendees(attendees: readonly Record<string, unknown>[]): void {
  attendees.forEach((attendee, index) => {
    for (const field of INVITE_MANDATORY) {
      if (attendee[field] === undefined) {
        throw new SimHttpError(
          400,
          SimErrorCode.MMC_BAD_REQUEST,
          `body.attendees.${index}.${field}: required`,
        );
      }
    }
  });
}

/**
 * `allowWaitingParticipant` with `allowAll` left out, as the published model allows (published-behaviour.md §3:
 * `participantID` and `allowAll` both optional): read as `false`, so the client's wire schema, which still
 * requires it, takes the body.
 */
function allowAllOptional(json: unknown): unknown {
  if (json === null || typeof json !== 'object' || Array.isArray(json) || 'allowAll' in json) return json;
  return { ...json, allowAll: false };
}

/** Refuses a guest-role control token (guest password) on host-only operations. */
function requireHost(ctx: ControlContext): RunningMeeting {
  if (ctx.control?.role !== 1) {
    throw new SimHttpError(403, SimErrorCode.MMC_FORBIDDEN, 'this operation needs host (chair) rights');
  }
  return running(ctx);
}

/** Every pid must name a participant in the meeting; checked before anything changes. */
function requireAllInMeeting(meeting: RunningMeeting, pids: readonly string[]): ParticipantRecord[] {
  return pids.map((pid) => requireInMeeting(meeting, pid));
}

/** Turns one meeting-wide switch on (1) or off (0) and announces it. */
function setLiveSwitch(
  store: Store,
  meeting: RunningMeeting,
  name: 'allowUnmuteByOneself' | 'locked' | 'recording' | 'living',
  value: 0 | 1,
): void {
  meeting.live[name] = value === 1;
  meetingUpdated(store, meeting, { [name]: meeting.live[name] });
}

function forgetExpiredWsTokens(store: Store): void {
  const now = store.clock.now();
  for (const [token, record] of store.wsTokens) if (record.expiresAtMs <= now) store.wsTokens.delete(token);
}

/** The published `createConfToken` answer for a control token. */
function confTokenAnswer(ctx: HandlerContext, meeting: RunningMeeting, record: ControlTokenRecord) {
  const { store } = ctx;
  // UNVERIFIED whether tmpWsToken may open a WebSocket; the project's simulator accepts it (reference README),
  // so it is kept with the WebSocket tokens for as long as the control token lives.
  const tmpWsToken = store.ids.token(32);
  store.wsTokens.set(tmpWsToken, {
    token: tmpWsToken,
    conferenceID: meeting.conferenceID,
    expiresAtMs: record.expiresAtMs,
  });
  const host = typeof ctx.rawHeaders.host === 'string' ? ctx.rawHeaders.host : '127.0.0.1';
  return {
    data: {
      token: record.token,
      tmpWsToken,
      wsURL: `ws://${host}`,
      role: record.role,
      expireTime: record.expiresAtMs,
      userID: meeting.ownerId,
      orgID: store.corp.id,
      confTokenExpireTime: Math.max(0, Math.round((record.expiresAtMs - store.clock.now()) / 1000)),
      // The documented list (B.2), as the events library subscribes by default.
      supportNotifyType: [...NEWEST_SUBSCRIBE_TYPES],
    },
    addressToken: store.ids.token(32),
    gloablPublicIP: host.replace(/:\d+$/, ''),
  };
}

/** Meeting-control routes (control-and-push.md A.1-A.6). */
export const controlRoutes: Route[] = [
  on(controlOperations.createConfToken, (ctx) => {
    const { store, query, headers } = ctx;
    forgetExpiredWsTokens(store);
    const meeting = requireInProgress(store, query.conferenceID);
    const now = store.clock.now();
    // Keep-alive: a live token of this meeting is extended and the password is not checked.
    const current = controlTokenFrom(headers['X-Conference-Authorization']);
    const alive = current ? store.controlTokens.get(current) : undefined;
    if (alive && alive.conferenceID === meeting.conferenceID && now < alive.expiresAtMs) {
      alive.expiresAtMs = now + CONTROL_TOKEN_SECONDS * 1000;
      return { body: confTokenAnswer(ctx, meeting, alive) };
    }
    const password = headers['X-Password'];
    const role = password === meeting.chairPassword ? 1 : password === meeting.guestPassword ? 0 : undefined;
    if (role === undefined) {
      throw new SimHttpError(400, SimErrorCode.MMC_CONF_AUTH_FAILED, CONF_AUTH_FAILED_MSG);
    }
    const record: ControlTokenRecord = {
      token: store.ids.token(40),
      conferenceID: meeting.conferenceID,
      role,
      createdAtMs: now,
      expiresAtMs: now + CONTROL_TOKEN_SECONDS * 1000,
    };
    store.controlTokens.set(record.token, record);
    return { body: confTokenAnswer(ctx, meeting, record) };
  }),

  on(controlOperations.createWebSocketToken, (ctx) => {
    const { store } = ctx;
    const meeting = running(ctx);
    forgetExpiredWsTokens(store);
    const token = store.ids.token(32);
    store.wsTokens.set(token, {
      token,
      conferenceID: meeting.conferenceID,
      expiresAtMs: store.clock.now() + WS_TOKEN_MS,
    });
    return { body: { webSocketToken: token } };
  }),

  on(controlOperations.inviteParticipant, (ctx) => {
    const meeting = requireHost(ctx);
    requireCompleteAttendees(ctx.body.attendees);
    for (const attendee of ctx.body.attendees) {
      callInvitee(ctx.store, meeting, {
        name: attendee.name,
        number: attendee.phone,
        accountId: attendee.accountId,
        userUUID: attendee.userUUID,
        role: attendee.role,
        clientType:
          attendee.type === 'mobile' ? 'Mobile' : attendee.type === 'normal' ? 'Desktop' : 'OtherType',
      });
    }
    ctx.store.emit({
      kind: ParticipantEventKind.ATTENDEES_UPDATED,
      conferenceID: meeting.conferenceID,
      detail: { invited: ctx.body.attendees.map((a) => a.name) },
    });
    return {};
  }),

  on(controlOperations.hangUp, (ctx) => {
    const meeting = requireHost(ctx);
    const pids = ctx.body.bulkHangUpParticipants;
    for (const pid of pids) requireParticipant(meeting, pid);
    for (const pid of new Set(pids)) removeParticipant(ctx.store, meeting, pid, 'hungUp');
    return {};
  }),

  on(controlOperations.deleteAttendees, (ctx) => {
    const meeting = requireHost(ctx);
    const invited = inviteesOf(meeting);
    for (const item of ctx.body.bulkDelAttendInfo) {
      if (item.participantID !== undefined) {
        requireParticipant(meeting, item.participantID);
      } else if (!invited.some((i) => i.phone === item.number || i.accountID === item.number)) {
        throw new SimHttpError(
          400,
          SimErrorCode.MMC_PARTICIPANT_NOT_FOUND,
          `attendee ${item.number} is not invited to this meeting`,
        );
      }
    }
    for (const item of ctx.body.bulkDelAttendInfo) {
      removeInvitee(meeting, item.number);
      if (item.participantID !== undefined && meeting.live.participants.has(item.participantID)) {
        removeParticipant(ctx.store, meeting, item.participantID, 'removed');
      }
    }
    ctx.store.emit({
      kind: ParticipantEventKind.ATTENDEES_UPDATED,
      conferenceID: meeting.conferenceID,
      detail: { removed: ctx.body.bulkDelAttendInfo.map((i) => i.number) },
    });
    return {};
  }),

  on(controlOperations.renameParticipant, (ctx) => {
    const meeting = requireHost(ctx);
    const { participantID, number, newName } = ctx.body;
    if (participantID !== undefined) {
      const participant = requireParticipant(meeting, participantID);
      participant.name = newName;
      participantUpdated(ctx.store, meeting, participant);
      renameInvitee(meeting, number, newName);
      return {};
    }
    if (!renameInvitee(meeting, number, newName)) {
      throw new SimHttpError(
        400,
        SimErrorCode.MMC_PARTICIPANT_NOT_FOUND,
        `attendee ${number} is not invited to this meeting`,
      );
    }
    ctx.store.emit({
      kind: ParticipantEventKind.ATTENDEES_UPDATED,
      conferenceID: meeting.conferenceID,
      detail: { renamed: number },
    });
    return {};
  }),

  on(controlOperations.muteParticipant, (ctx) => {
    const meeting = requireHost(ctx);
    const participant = requireInMeeting(meeting, ctx.query.participantID);
    participant.muted = ctx.body.isMute === 1;
    participantUpdated(ctx.store, meeting, participant);
    return {};
  }),

  // UNVERIFIED which roles may raise or lower hands; a guest token may (it is the participant's own gesture).
  on(controlOperations.hand, (ctx) => {
    const meeting = running(ctx);
    const participant = requireInMeeting(meeting, ctx.query.participantID);
    participant.handUp = ctx.body.handsState === 1;
    participantUpdated(ctx.store, meeting, participant);
    return {};
  }),

  on(controlOperations.batchHand, (ctx) => {
    const meeting = running(ctx);
    for (const participant of requireAllInMeeting(meeting, ctx.body.pids)) {
      participant.handUp = ctx.body.handsState === 1;
      participantUpdated(ctx.store, meeting, participant);
    }
    return {};
  }),

  on(controlOperations.setRole, (ctx) => {
    const meeting = running(ctx);
    const participant = requireInMeeting(meeting, ctx.query.participantID);
    const { applyChair, chairmanPwd } = ctx.body;
    if (applyChair === 1) {
      // A host token may hand the role over; anyone else needs the host password.
      const passwordOk = chairmanPwd === meeting.chairPassword;
      if ((ctx.control?.role !== 1 || chairmanPwd !== undefined) && !passwordOk) {
        throw new SimHttpError(400, SimErrorCode.MMC_CONF_AUTH_FAILED, 'host password wrong or missing');
      }
      makeHost(ctx.store, meeting, participant);
      return {};
    }
    requireHost(ctx);
    if (participant.role !== 1) {
      throw new SimHttpError(400, SimErrorCode.MMC_BAD_REQUEST, 'the participant is not the host');
    }
    participant.role = 0;
    participantUpdated(ctx.store, meeting, participant);
    return {};
  }),

  on(controlOperations.setCohost, (ctx) => {
    const meeting = requireHost(ctx);
    const participant = requireInMeeting(meeting, ctx.query.participantID);
    if (ctx.body.isCohost === 1 && participant.role === 1) {
      throw new SimHttpError(400, SimErrorCode.MMC_BAD_REQUEST, 'only guests can become co-host');
    }
    participant.coHost = ctx.body.isCohost === 1;
    participantUpdated(ctx.store, meeting, participant);
    return {};
  }),

  on(controlOperations.rollcallParticipant, (ctx) => {
    const meeting = requireHost(ctx);
    const called = requireInMeeting(meeting, ctx.query.participantID);
    for (const participant of meeting.live.participants.values()) {
      if (participant.waiting) continue;
      const muted = participant === called ? false : participant.role === 1 ? participant.muted : true;
      if (participant.muted === muted) continue;
      participant.muted = muted;
      participantUpdated(ctx.store, meeting, participant);
    }
    meeting.live.rollCallPid = called.pid;
    meetingUpdated(ctx.store, meeting, { rollCallPid: called.pid });
    return {};
  }),

  on(controlOperations.broadcastParticipant, (ctx) => {
    const meeting = requireHost(ctx);
    const participant = requireInMeeting(meeting, ctx.query.participantID);
    meeting.live.broadcastPid = participant.pid;
    meetingUpdated(ctx.store, meeting, { broadcastPid: participant.pid });
    return {};
  }),

  on(controlOperations.cancelBroadcast, (ctx) => {
    const meeting = requireHost(ctx);
    meeting.live.broadcastPid = undefined;
    meeting.live.rollCallPid = undefined;
    meetingUpdated(ctx.store, meeting, { broadcastPid: undefined, rollCallPid: undefined });
    return {};
  }),

  on(controlOperations.muteMeeting, (ctx) => {
    const meeting = requireHost(ctx);
    const { live } = meeting;
    const mute = ctx.body.isMute === 1;
    live.muteAll = mute;
    // allowUnmuteByOneself only matters when muting; its default is "allowed".
    if (mute) live.allowUnmuteByOneself = (ctx.body.allowUnmuteByOneself ?? 1) === 1;
    for (const participant of live.participants.values()) {
      if (participant.role === 1 || participant.muted === mute) continue;
      participant.muted = mute;
      participantUpdated(ctx.store, meeting, participant);
    }
    meetingUpdated(ctx.store, meeting, {
      muteAll: live.muteAll,
      allowUnmuteByOneself: live.allowUnmuteByOneself,
    });
    return {};
  }),

  on(controlOperations.allowGuestUnmute, (ctx) => {
    setLiveSwitch(ctx.store, requireHost(ctx), 'allowUnmuteByOneself', ctx.body.allowUnmuteByOneself);
    return {};
  }),

  on(controlOperations.lockMeeting, (ctx) => {
    setLiveSwitch(ctx.store, requireHost(ctx), 'locked', ctx.body.isLock);
    return {};
  }),

  on(controlOperations.record, (ctx) => {
    setLiveSwitch(ctx.store, requireHost(ctx), 'recording', ctx.body.isRecord);
    return {};
  }),

  on(controlOperations.live, (ctx) => {
    setLiveSwitch(ctx.store, requireHost(ctx), 'living', ctx.body.isLive);
    return {};
  }),

  // UNVERIFIED: with auto 1 the real server extends again whenever the end nears; the simulator extends once.
  on(controlOperations.prolongMeeting, (ctx) => {
    const meeting = requireHost(ctx);
    meeting.live.extendedMinutes += ctx.body.duration ?? DEFAULT_PROLONG_MINUTES;
    meetingUpdated(ctx.store, meeting, { extendedMinutes: meeting.live.extendedMinutes });
    return {};
  }),

  on(controlOperations.stopMeeting, (ctx) => {
    const meeting = requireHost(ctx);
    endMeeting(ctx.store, meeting);
    return {};
  }),

  on(controlOperations.updateStartedConfConfig, (ctx) => {
    const meeting = requireHost(ctx);
    const { live } = meeting;
    const changes = Object.fromEntries(Object.entries(ctx.body).filter(([, v]) => v !== undefined)) as Record<
      string,
      number
    >;
    Object.assign(live.settings, changes);
    if (changes.isLock !== undefined) live.locked = changes.isLock === 1;
    if (changes.allowUnmuteByOneself !== undefined)
      live.allowUnmuteByOneself = changes.allowUnmuteByOneself === 1;
    meetingUpdated(ctx.store, meeting, { settings: changes });
    return {};
  }),

  on(
    controlOperations.allowWaitingParticipant,
    (ctx) => {
      const meeting = requireHost(ctx);
      const { allowAll, participantID } = ctx.body;
      if (allowAll) {
        for (const participant of [...meeting.live.participants.values()]) {
          if (participant.waiting) admit(ctx.store, meeting, participant);
        }
        return {};
      }
      // UNVERIFIED (published-behaviour.md §3): a body naming nobody (no participantID, allowAll absent or
      // false) admits nobody; the simulator says so rather than answer a success that did nothing.
      if (participantID === undefined) {
        throw new SimHttpError(
          400,
          SimErrorCode.MMC_BAD_REQUEST,
          'body.participantID: required unless allowAll is true',
        );
      }
      const participant = requireParticipant(meeting, participantID);
      if (!participant.waiting) throw participantNotFound(participantID);
      admit(ctx.store, meeting, participant);
      return {};
    },
    { body: allowAllOptional },
  ),

  on(controlOperations.moveToWaitingRoom, (ctx) => {
    const meeting = requireHost(ctx);
    moveToWaiting(ctx.store, meeting, requireInMeeting(meeting, ctx.body.participantID));
    return {};
  }),

  on(controlOperations.batchMoveToWaitingRoom, (ctx) => {
    const meeting = requireHost(ctx);
    const participants = requireAllInMeeting(meeting, ctx.body.batchParticipants);
    if (participants.some((p) => p.role === 1)) {
      throw new SimHttpError(
        400,
        SimErrorCode.MMC_BAD_REQUEST,
        'the host cannot be moved to the waiting room',
      );
    }
    for (const participant of participants) moveToWaiting(ctx.store, meeting, participant);
    return {};
  }),

  on(controlOperations.showRealTimeInfoOfMeeting, (ctx) => {
    const meeting = running(ctx);
    const inMeeting = [...meeting.live.participants.values()].filter((p) => !p.waiting);
    const chair = hostOf(meeting.live);
    return {
      body: {
        attendees: inviteesOf(meeting).map((a) => ({
          ...(a.accountID ? { accountID: a.accountID } : {}),
          ...(a.userUUID ? { userUUID: a.userUUID } : {}),
          name: a.name,
          ...(a.phone ? { phone: a.phone } : {}),
        })),
        participants: inMeeting.map((p) => ({
          pid: p.pid,
          name: p.name,
          phone: p.number,
          state: p.state,
          video: p.video,
          mute: p.muted ? 1 : 0,
          hand: p.handUp ? 1 : 0,
        })),
        confInfo: {
          ...(chair ? { chairID: chair.pid } : {}),
          coHosts: inMeeting.filter((p) => p.coHost).map((p) => p.pid),
        },
      },
    };
  }),
];
