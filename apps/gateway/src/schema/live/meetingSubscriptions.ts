import type { ConferenceInfo } from '@hwmeeting/client';
import { cursorSchema, type LiveUpdate, type LiveUpdateType } from '@hwmeeting/events';
import type { GraphQLResolveInfo } from 'graphql';
import type { GatewayContext } from '../../context.js';
import { GatewayErrorCode, gatewayError, parseInput, toGraphQLError } from '../../errors.js';
import { LobbyEndReason, type LobbyOutcome } from '../../live/lobby.js';
import { fromMeetingTime } from '../common/dateTime.js';
import { meetingIdSchema, meetingStateOf } from '../common/meeting.js';
import { viewerSelfOf } from '../common/participant.js';
import { mayHost } from '../common/viewerRole.js';
import type { InfoNode, Passwords } from './pushedState.js';
import { namesAChange } from './updates.js';
import { selectsIsSelf, withSelf } from './viewerSelf.js';

/** What `after` means, said once for every meeting subscription. */
const AFTER_DESCRIPTION =
  'Resume after this cursor (from an earlier update): what followed it comes instead of the whole state; CURSOR_EXPIRED when it is no longer retained. Ignored while the meeting has not started (WAITING).';

/** What comes first and what follows, said once for every meeting subscription (the Subscription type's description). */
const FIRST_UPDATE_CONTRACT = [
  'Live updates over graphql-ws. Each meeting subscription first checks, as the viewer, that the meeting server lets the viewer see the meeting (NOT_FOUND or FORBIDDEN otherwise).',
  "Its first update (meetingEvents: one per kind) is the whole state, with reason: SNAPSHOT, the meeting server's state, when it is in within FIRST_UPDATE_WAIT_MS (3 s by default; the gateway may have to connect to the meeting first); CONNECTING, empty, when it is not (info null, status fields null, lists empty: not known yet, not nobody here); WAITING, empty, when the meeting has not started yet; CURSOR_EXPIRED, the whole state, when resuming after a cursor no longer retained.",
  'After CONNECTING, the next update of each state kind (info, status, participants, speakers, waiting list) is a RESYNC with the whole state as soon as it arrives, the same stream event (cursor) on every subscription; captions and invite results say RESYNC then too. CHANGEs follow.',
  'After WAITING the subscription stays open: when the meeting starts (the gateway looks every LOBBY_POLL_MS) it goes on as a new subscription would (SNAPSHOT, or CONNECTING then RESYNC), then CHANGEs. A meeting cancelled meanwhile ends it with NOT_FOUND (extensions.reason MEETING_CANCELLED); one not started by its scheduled start plus LOBBY_GRACE_SECONDS (30 min by default) ends it with TIMEOUT (extensions.reason MEETING_NOT_STARTED).',
  'Every update but WAITING has a cursor. A subscription completes when the meeting ends.',
].join(' ');

/** A meeting subscription field: the meeting, the cursor to resume after, and the update type it sends. */
const meetingField = (name: string, description: string, type: string) => `
    "${description}"
    ${name}(
      "Meeting ID." meetingId: ID!
      "${AFTER_DESCRIPTION}" after: String
    ): ${type}!`;

/** The meeting subscriptions. */
export const meetingSubscriptionTypeDefs = /* GraphQL */ `
  "${FIRST_UPDATE_CONTRACT}"
  type Subscription {${meetingField('meetingInfo', 'Basic information of a meeting in progress: as it stands, then each change.', 'MeetingInfoUpdate')}${meetingField('meetingStatus', 'The status of a meeting in progress (lock, mute, recording ...): as it stands, then each change.', 'MeetingStatusUpdate')}${meetingField('participants', 'Participants online: the list as it stands, then each change.', 'ParticipantsUpdate')}${meetingField('speakers', 'The loudest speakers: as they stand, then each change.', 'SpeakersUpdate')}${meetingField('subtitles', 'Live captions: whether they are on, then each caption.', 'SubtitlesUpdate')}${meetingField('inviteResults', 'Invite results and leave reasons, as they come.', 'InviteResultsUpdate')}${meetingField('waitingList', 'The waiting room: as it stands, then each change.', 'WaitingListUpdate')}${meetingField('meetingEvents', "Everything above in one stream, plus the state of the gateway's connection to the meeting: the whole state first (one update per kind, then, unless WAITING, a StreamStatusUpdate with the connection's state), then every change in order.", 'MeetingLiveEvent')}
  }
`;

/**
 * Checks, with the viewer's own identity, that the upstream lets the viewer see the meeting; answers its ID
 * and details. A refusal becomes the subscription's error (NOT_FOUND, FORBIDDEN ...).
 */
async function authorize(
  args: { meetingId: unknown; after?: unknown },
  context: GatewayContext,
): Promise<{ meetingId: string; conference: ConferenceInfo }> {
  const meetingId = parseInput(meetingIdSchema, args.meetingId, 'meetingId');
  try {
    // Not through the context's loader: a subscription's context lives as long as the subscription, and a loader
    // keeps its last batch (and with it the meeting's details) until its next load.
    const detail = await context.client.meetings.get(
      { conferenceID: meetingId },
      undefined,
      context.identity,
    );
    return { meetingId, conference: detail.conferenceData };
  } catch (error) {
    throw toGraphQLError(error);
  }
}

/** The meeting's passwords when the viewer owns or hosts it, otherwise null. */
async function viewerPasswords(
  conference: ConferenceInfo,
  context: GatewayContext,
): Promise<Passwords | null> {
  if (!(await mayHost(conference, context))) return null;
  const find = (role: string) =>
    conference.passwordEntry?.find((entry) => entry.conferenceRole === role)?.password ?? null;
  return { host: find('chair'), guest: find('general') };
}

/** `after` of the meeting subscriptions: a cursor, or nothing. */
const afterSchema = cursorSchema.nullish();

type InfoUpdate = Extract<LiveUpdate, { type: 'info' }>;
/** Info updates as viewers without the passwords receive them: one per update, shared by all those viewers. */
const sharedInfo = new WeakMap<InfoUpdate, object>();

/** An info update with what this viewer may see beside it (the shared feed never carries passwords). */
function infoFor(update: InfoUpdate, passwords: Passwords | null): object {
  const node = (): object => {
    const info: InfoNode | null = update.info
      ? { meetingId: update.meetingId, view: update.info, passwords }
      : null;
    return { ...update, info };
  };
  if (passwords !== null) return node();
  let shared = sharedInfo.get(update);
  if (!shared) {
    shared = node();
    sharedInfo.set(update, shared);
  }
  return shared;
}

/** A subscription to the updates of the given types of one meeting, for a viewer the upstream lets see it. */
function meetingSubscription(keep: (update: LiveUpdate) => boolean) {
  // What every viewer without the passwords keeps: one function, and the same objects, for all of them (so their
  // results are executed and serialised once).
  const withoutPasswords = (update: LiveUpdate) =>
    !keep(update) ? undefined : update.type === 'info' ? infoFor(update, null) : update;
  return {
    async subscribe(
      _: unknown,
      args: { meetingId: unknown; after?: unknown },
      context: GatewayContext,
      info: GraphQLResolveInfo,
    ) {
      const after = parseInput(afterSchema, args.after, 'after') ?? undefined;
      const { meetingId, conference } = await authorize(args, context);
      if (after) await context.live.checkCursor(meetingId, after);
      const passwords = await viewerPasswords(conference, context);
      const select =
        passwords === null
          ? withoutPasswords
          : (update: LiveUpdate) =>
              !keep(update) ? undefined : update.type === 'info' ? infoFor(update, passwords) : update;
      const selected = await selfAware(select, info, context);
      // A meeting not started yet is waited for (WAITING) rather than refused: a waiting page need not poll.
      const updates =
        meetingStateOf(conference.conferenceState) === 'SCHEDULED'
          ? context.live.waitForMeeting(meetingId, fromMeetingTime(conference.startTime), selected, lobbyEnd)
          : context.live.watchMeeting(meetingId, selected, after);
      // Access is asked again now and then: a viewer whose invitation is withdrawn stops receiving.
      const key = `${context.identity.userId ?? '(admin)'}\u0000${meetingId}`;
      return context.live.revocable(updates, key, async () => {
        await authorize({ meetingId }, context);
      });
    },
    resolve: (payload: unknown) => payload,
  };
}

/** `select`, with participants updates carrying the viewer when the document asks for `isSelf`. */
async function selfAware(
  select: (update: LiveUpdate) => object | undefined,
  info: GraphQLResolveInfo,
  context: GatewayContext,
): Promise<(update: LiveUpdate) => object | undefined> {
  if (!selectsIsSelf(info)) return select;
  const self = await viewerSelfOf(context);
  return (update) => {
    const selected = select(update);
    return selected && update.type === 'participants' ? withSelf(selected, self) : selected;
  };
}

/** The error a wait in the lobby ends with: coded, with `extensions.reason`; none when the meeting ran and ended. */
function lobbyEnd(outcome: Exclude<LobbyOutcome, 'started'>) {
  if (outcome === 'cancelled')
    return gatewayError(GatewayErrorCode.NOT_FOUND, 'the meeting was cancelled before it started', {
      reason: LobbyEndReason.MEETING_CANCELLED,
    });
  if (outcome === 'expired')
    return gatewayError(
      GatewayErrorCode.TIMEOUT,
      'the meeting did not start by its scheduled start plus the waiting grace period',
      { reason: LobbyEndReason.MEETING_NOT_STARTED },
    );
  return undefined;
}

// A CHANGE that names no field the schema shows is left out (updates.ts namesAChange).
const ofType = (type: LiveUpdateType) => (update: LiveUpdate) => update.type === type && namesAChange(update);

/** The merged stream leaves out what only the dedicated streams need: caption and invite placeholders. */
function inMergedStream(update: LiveUpdate): boolean {
  if (update.type === 'subtitles') return update.subtitle !== undefined;
  if (update.type === 'inviteResults') return update.reason === 'CHANGE';
  return namesAChange(update);
}

/** The meeting subscriptions' resolvers. */
export const meetingSubscriptionResolvers = {
  Subscription: {
    meetingInfo: meetingSubscription(ofType('info')),
    meetingStatus: meetingSubscription(ofType('status')),
    participants: meetingSubscription(ofType('participants')),
    speakers: meetingSubscription(ofType('speakers')),
    subtitles: meetingSubscription(ofType('subtitles')),
    inviteResults: meetingSubscription(ofType('inviteResults')),
    waitingList: meetingSubscription(ofType('waitingList')),
    meetingEvents: meetingSubscription(inMergedStream),
  },
};
