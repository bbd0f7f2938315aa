import type { ClientCore } from '../core.js';
import {
  type CachedControlToken,
  type ControlCallOptions,
  ControlTokenManager,
  type ControlTokenManagerOptions,
} from '../tokens/control.js';
import {
  allowGuestUnmute,
  allowWaitingParticipant,
  batchHand,
  batchMoveToWaitingRoom,
  broadcastParticipant,
  cancelBroadcast,
  createWebSocketToken,
  type DeleteAttendeeInfo,
  deleteAttendees,
  hand,
  hangUp,
  type InviteAttendee,
  inviteParticipant,
  live,
  lockMeeting,
  moveToWaitingRoom,
  muteMeeting,
  muteParticipant,
  prolongMeeting,
  type RealTimeInfoResponse,
  record,
  renameParticipant,
  rollcallParticipant,
  type StartedConfConfigBody,
  setCohost,
  setRole,
  showRealTimeInfoOfMeeting,
  stopMeeting,
  updateStartedConfConfig,
  type WebSocketTokenResponse,
} from '../wire/control.js';
import type { Operation, OperationInput, OperationOutput } from '../wire/operation.js';

export type { CachedControlToken, ControlCallOptions } from '../tokens/control.js';

/** In-meeting settings with readable names and booleans; the client maps them to the wire's 0/1 integers. */
export interface InMeetingSettings {
  /** Only the current sharer may share (others cannot take over). */
  lockSharing?: boolean | undefined;
  /** Who may join: 0 everyone, 2 enterprise users, 3 invited users. */
  callInRestriction?: StartedConfConfigBody['callInRestriction'];
  /** Participants may unmute themselves. */
  allowSelfUnmute?: boolean | undefined;
  /** Chat: 1 all forbidden, 2 private only, 3 public only, 4 free. */
  chatPermission?: StartedConfConfigBody['chatPermission'];
  /** Webinar audience: 0 everyone, 2 enterprise and invited users. */
  audienceCallInRestriction?: StartedConfConfigBody['audienceCallInRestriction'];
  /** Local recording: 0 all users, 1 everyone may record, 2 some may record. */
  clientRecMode?: StartedConfConfigBody['clientRecMode'];
  /** Participants may turn their camera on. */
  allowOpenCamera?: boolean | undefined;
  /** Participants may rename themselves. */
  allowRename?: boolean | undefined;
  /** The meeting is locked. */
  locked?: boolean | undefined;
  /** Anyone may take over sharing (otherwise host and co-hosts only). */
  freeShare?: boolean | undefined;
}

/** One online participant in the gateway's normalized form (control-and-push.md A.8). */
export interface OnlineParticipant {
  participantId: string;
  name: string | undefined;
  number: string | undefined;
  /** Host is the participant named by `confInfo.chairID`. */
  role: 'host' | 'guest';
  coHost: boolean;
  /** 0 in meeting, 1 being called, 2 joining (or a state the client does not know). */
  state: number;
  muted: boolean;
  handUp: boolean;
  /** Video capable (`video` 1); unknown when the server leaves it out. */
  video: boolean | undefined;
}

const bit = (value: boolean): 0 | 1 => (value ? 1 : 0);
const optionalBit = (value: boolean | undefined): 0 | 1 | undefined =>
  value === undefined ? undefined : bit(value);

/** Maps real-time info to normalized online participants (A.8). */
export function onlineParticipantsFrom(info: RealTimeInfoResponse): OnlineParticipant[] {
  const coHosts = new Set(info.confInfo.coHosts ?? []);
  return info.participants.map((p) => ({
    participantId: p.pid,
    name: p.name,
    number: p.phone,
    role: p.pid === info.confInfo.chairID ? 'host' : 'guest',
    coHost: coHosts.has(p.pid),
    // UNVERIFIED: a participant listed online without a state reads as in the meeting (0).
    state: p.state ?? 0,
    muted: p.mute === 1,
    handUp: p.hand === 1,
    video: p.video === undefined ? undefined : p.video === 1,
  }));
}

/**
 * Meeting control (control-and-push.md A.1-A.6): every call of a meeting in progress, authenticated with a
 * cached, kept-alive control token of the acting identity (`userId` in the options).
 */
export class ControlApi {
  /** The control tokens this API uses, one per (identity, meeting). */
  readonly tokens: ControlTokenManager;

  constructor(
    private readonly core: ClientCore,
    options: ControlTokenManagerOptions = {},
  ) {
    this.tokens = new ControlTokenManager(core, options);
  }

  /** A.1: the current control token of the meeting (obtained or kept alive as needed) with its answer. */
  token(conferenceID: string, options: ControlCallOptions = {}): Promise<CachedControlToken> {
    return this.tokens.token(conferenceID, options);
  }

  /** A.2: a one-minute, single-use WebSocket token for the meeting's event push. */
  async webSocketToken(conferenceID: string, options: ControlCallOptions = {}): Promise<string> {
    const answer: WebSocketTokenResponse = await this.send(
      createWebSocketToken,
      conferenceID,
      { query: { conferenceID } },
      options,
    );
    return answer.webSocketToken;
  }

  /** A.3.1: calls people into the meeting (each with `name`, `phone` and `type`); each answers and joins on their own. */
  async invite(
    conferenceID: string,
    attendees: readonly InviteAttendee[],
    options: ControlCallOptions = {},
  ): Promise<void> {
    await this.send(
      inviteParticipant,
      conferenceID,
      { query: { conferenceID }, body: { attendees: [...attendees] } },
      options,
    );
  }

  /** A.3.2: disconnects online participants by pid. */
  async hangUp(
    conferenceID: string,
    participantIDs: readonly string[],
    options: ControlCallOptions = {},
  ): Promise<void> {
    await this.send(
      hangUp,
      conferenceID,
      { query: { conferenceID }, body: { bulkHangUpParticipants: [...participantIDs] } },
      options,
    );
  }

  /** A.3.3: removes invitees from the meeting's list (give `participantID` for those who joined). */
  async removeAttendees(
    conferenceID: string,
    attendees: readonly DeleteAttendeeInfo[],
    options: ControlCallOptions = {},
  ): Promise<void> {
    await this.send(
      deleteAttendees,
      conferenceID,
      { query: { conferenceID }, body: { bulkDelAttendInfo: [...attendees] } },
      options,
    );
  }

  /** A.3.4: renames a participant (by pid once joined) or an invitee (by number). */
  async rename(
    conferenceID: string,
    target: { participantID?: string | undefined; number: string },
    newName: string,
    options: ControlCallOptions = {},
  ): Promise<void> {
    const body =
      target.participantID === undefined
        ? { number: target.number, newName }
        : { participantID: target.participantID, number: target.number, newName };
    await this.send(renameParticipant, conferenceID, { query: { conferenceID }, body }, options);
  }

  /** A.3.5: mutes (true) or unmutes (false) one participant. */
  async mute(
    conferenceID: string,
    participantID: string,
    muted: boolean,
    options: ControlCallOptions = {},
  ): Promise<void> {
    await this.send(
      muteParticipant,
      conferenceID,
      { query: { conferenceID, participantID }, body: { isMute: bit(muted) } },
      options,
    );
  }

  /** A.4.1: mutes (true) or unmutes (false) everyone but the host; `allowSelfUnmute` only counts when muting. */
  async muteAll(
    conferenceID: string,
    input: { muted: boolean; allowSelfUnmute?: boolean | undefined },
    options: ControlCallOptions = {},
  ): Promise<void> {
    const allow = optionalBit(input.allowSelfUnmute);
    const body =
      allow === undefined
        ? { isMute: bit(input.muted) }
        : { isMute: bit(input.muted), allowUnmuteByOneself: allow };
    await this.send(muteMeeting, conferenceID, { query: { conferenceID }, body }, options);
  }

  /** A.4.2: allows (true) or forbids (false) participants unmuting themselves. */
  async allowSelfUnmute(
    conferenceID: string,
    allowed: boolean,
    options: ControlCallOptions = {},
  ): Promise<void> {
    await this.send(
      allowGuestUnmute,
      conferenceID,
      { query: { conferenceID }, body: { allowUnmuteByOneself: bit(allowed) } },
      options,
    );
  }

  /** A.4.3: locks (true) or unlocks (false) the meeting. */
  async lock(conferenceID: string, locked: boolean, options: ControlCallOptions = {}): Promise<void> {
    await this.send(
      lockMeeting,
      conferenceID,
      { query: { conferenceID }, body: { isLock: bit(locked) } },
      options,
    );
  }

  /** A.4.4: starts (true) or stops (false) cloud recording. */
  async record(conferenceID: string, recording: boolean, options: ControlCallOptions = {}): Promise<void> {
    await this.send(
      record,
      conferenceID,
      { query: { conferenceID }, body: { isRecord: bit(recording) } },
      options,
    );
  }

  /** A.4.5: starts (true) or stops (false) live streaming. */
  async live(conferenceID: string, streaming: boolean, options: ControlCallOptions = {}): Promise<void> {
    await this.send(
      live,
      conferenceID,
      { query: { conferenceID }, body: { isLive: bit(streaming) } },
      options,
    );
  }

  /** A.4.8: extends the meeting by `minutes` (server default 15), or turns on automatic extension. */
  async extend(
    conferenceID: string,
    input: { minutes?: number | undefined; auto?: boolean | undefined } = {},
    options: ControlCallOptions = {},
  ): Promise<void> {
    const auto = bit(input.auto ?? false);
    const body = input.minutes === undefined ? { auto } : { auto, duration: input.minutes };
    await this.send(prolongMeeting, conferenceID, { query: { conferenceID }, body }, options);
  }

  /** A.4.9 / M11: ends the meeting for everyone; its control tokens are dropped. */
  async end(conferenceID: string, options: ControlCallOptions = {}): Promise<void> {
    await this.send(stopMeeting, conferenceID, { query: { conferenceID } }, options);
    this.tokens.forget(conferenceID);
  }

  /** A.3.8: makes a participant the host, sending the host password (given or read from the meeting). */
  async setHost(
    conferenceID: string,
    participantID: string,
    options: ControlCallOptions = {},
  ): Promise<void> {
    const chairmanPwd = options.hostPassword ?? (await this.tokens.hostPasswordOf(conferenceID, options));
    await this.send(
      setRole,
      conferenceID,
      { query: { conferenceID, participantID }, body: { applyChair: 1, chairmanPwd } },
      options,
    );
  }

  /** A.3.8: takes the host role from a participant. */
  async releaseHost(
    conferenceID: string,
    participantID: string,
    options: ControlCallOptions = {},
  ): Promise<void> {
    await this.send(
      setRole,
      conferenceID,
      { query: { conferenceID, participantID }, body: { applyChair: 0 } },
      options,
    );
  }

  /** A.3.9: makes a guest co-host (true) or revokes it (false). */
  async setCoHost(
    conferenceID: string,
    participantID: string,
    coHost: boolean,
    options: ControlCallOptions = {},
  ): Promise<void> {
    await this.send(
      setCohost,
      conferenceID,
      { query: { conferenceID, participantID }, body: { isCohost: bit(coHost) } },
      options,
    );
  }

  /** A.3.6 / A.3.7: raises the hand of one participant (a pid) or of several (an array of pids). */
  raiseHand(
    conferenceID: string,
    participantIDs: string | readonly string[],
    options: ControlCallOptions = {},
  ): Promise<void> {
    return this.setHands(conferenceID, participantIDs, 1, options);
  }

  /** A.3.6 / A.3.7: lowers the hand of one participant (a pid) or of several (an array of pids). */
  lowerHand(
    conferenceID: string,
    participantIDs: string | readonly string[],
    options: ControlCallOptions = {},
  ): Promise<void> {
    return this.setHands(conferenceID, participantIDs, 0, options);
  }

  /** A.3.10: roll call: the participant is unmuted and everyone else but the host muted. */
  async rollCall(
    conferenceID: string,
    participantID: string,
    options: ControlCallOptions = {},
  ): Promise<void> {
    await this.send(rollcallParticipant, conferenceID, { query: { conferenceID, participantID } }, options);
  }

  /** A.3.11: broadcasts one participant to everyone. */
  async broadcast(
    conferenceID: string,
    participantID: string,
    options: ControlCallOptions = {},
  ): Promise<void> {
    await this.send(broadcastParticipant, conferenceID, { query: { conferenceID, participantID } }, options);
  }

  /** A.3.12: cancels any broadcast (multi-picture, participant or roll call). */
  async cancelBroadcast(conferenceID: string, options: ControlCallOptions = {}): Promise<void> {
    await this.send(cancelBroadcast, conferenceID, { query: { conferenceID } }, options);
  }

  /** A.4.12: lets one waiting participant in, or everyone waiting with `'all'`. */
  async admitFromWaitingRoom(
    conferenceID: string,
    participantID: string | 'all',
    options: ControlCallOptions = {},
  ): Promise<void> {
    const body = participantID === 'all' ? { allowAll: true } : { participantID, allowAll: false };
    await this.send(allowWaitingParticipant, conferenceID, { query: { conferenceID }, body }, options);
  }

  /** A.4.13 / A.4.14: moves one participant (a pid) or several (an array of pids) to the waiting room. */
  async moveToWaitingRoom(
    conferenceID: string,
    participantIDs: string | readonly string[],
    options: ControlCallOptions = {},
  ): Promise<void> {
    if (typeof participantIDs === 'string') {
      await this.send(
        moveToWaitingRoom,
        conferenceID,
        { query: { conferenceID }, body: { participantID: participantIDs } },
        options,
      );
      return;
    }
    await this.send(
      batchMoveToWaitingRoom,
      conferenceID,
      { query: { conferenceID }, body: { batchParticipants: [...participantIDs] } },
      options,
    );
  }

  /** A.4.11: changes in-meeting settings; only the settings given are sent. */
  async updateSettings(
    conferenceID: string,
    settings: InMeetingSettings,
    options: ControlCallOptions = {},
  ): Promise<void> {
    const body: StartedConfConfigBody = dropUndefined({
      lockSharing: optionalBit(settings.lockSharing),
      callInRestriction: settings.callInRestriction,
      allowUnmuteByOneself: optionalBit(settings.allowSelfUnmute),
      chatPermission: settings.chatPermission,
      audienceCallInRestriction: settings.audienceCallInRestriction,
      clientRecMode: settings.clientRecMode,
      allowOpenCamera: optionalBit(settings.allowOpenCamera),
      allowRename: optionalBit(settings.allowRename),
      isLock: optionalBit(settings.locked),
      freeShare: optionalBit(settings.freeShare),
    });
    await this.send(updateStartedConfConfig, conferenceID, { query: { conferenceID }, body }, options);
  }

  /** A.6: invitees, online participants, host and co-hosts now. */
  realTimeInfo(conferenceID: string, options: ControlCallOptions = {}): Promise<RealTimeInfoResponse> {
    return this.send(showRealTimeInfoOfMeeting, conferenceID, { query: { conferenceID } }, options);
  }

  /** A.6 + A.8: the online participants, normalized for the gateway. */
  async participants(conferenceID: string, options: ControlCallOptions = {}): Promise<OnlineParticipant[]> {
    return onlineParticipantsFrom(await this.realTimeInfo(conferenceID, options));
  }

  private async setHands(
    conferenceID: string,
    participantIDs: string | readonly string[],
    handsState: 0 | 1,
    options: ControlCallOptions,
  ): Promise<void> {
    if (typeof participantIDs === 'string') {
      await this.send(
        hand,
        conferenceID,
        { query: { conferenceID, participantID: participantIDs }, body: { handsState } },
        options,
      );
      return;
    }
    await this.send(
      batchHand,
      conferenceID,
      { query: { conferenceID }, body: { handsState, pids: [...participantIDs] } },
      options,
    );
  }

  /** Sends a control operation with the meeting's control token (a 401 renews it and retries once). */
  private send<O extends Operation>(
    operation: O,
    conferenceID: string,
    input: OperationInput<O>,
    options: ControlCallOptions,
  ): Promise<OperationOutput<O>> {
    return this.tokens.withToken(conferenceID, options, async (token) => {
      const response = await this.core.transport.request<OperationOutput<O>>({
        operation,
        input,
        signal: options.signal,
        timeoutMs: options.timeoutMs,
        requestId: options.requestId,
        auth: () => ({ headers: { 'X-Conference-Authorization': token } }),
      });
      return response.data;
    });
  }
}

function dropUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
