import type { OnlineParticipant } from '@hwmeeting/client';
import type { ParticipantState, ParticipantView } from '@hwmeeting/events';
import type { GatewayContext } from '../../context.js';
import { wireEnum } from './enums.js';
import { andThen, withUpstreamUser } from './viewerRole.js';

/**
 * The online participant as front ends see it, shared by `liveMeeting` (REST real-time info) and the
 * subscriptions (pushed `ParticipantsNotify`). Register these type definitions once (schema/common/index.ts does).
 */
export const participantTypeDefs = /* GraphQL */ `
  "A participant's role in a meeting in progress."
  enum ParticipantRole {
    "Holds the host (chair) role."
    HOST
    "An ordinary participant."
    GUEST
    "Webinar audience."
    AUDIENCE
  }

  "Where a participant is on the way into the meeting."
  enum ParticipantState {
    "In the meeting."
    IN_MEETING
    "Being called (invited, not answered yet)."
    CALLING
    "Answered, joining."
    JOINING
  }

  "Someone online in a meeting in progress; the same person on two devices is two participants."
  type Participant {
    """
    Opaque key for client caches (Apollo Client's default keyFields, urql's graphcache): built from the meeting ID
    and the participant ID (pid), so it is the same for this participant in liveMeeting, in control results and in
    every subscription update, and two meetings' participants never share it. Do not parse it.
    """
    id: ID!
    "Participant ID (pid); what the meeting-control mutations take."
    participantId: ID!
    "Display name."
    name: String
    "SIP or phone number."
    number: String
    "Role in the meeting."
    role: ParticipantRole!
    "Is a co-host (co-hosts have most host rights)."
    coHost: Boolean!
    "Where the participant is on the way in."
    state: ParticipantState!
    "Microphone muted."
    muted: Boolean!
    "Hand raised."
    handUp: Boolean!
    "Joined with video; null when the server does not say."
    video: Boolean
    """
    The enterprise user (User.id, the upstream user UUID) when the participant is a user of the enterprise; null
    for guests, people outside the enterprise and devices, and when the meeting server has not said (it says it only
    in its push: liveMeeting reads it from the pushed state).
    """
    userId: ID
    "The participant's Meeting account when they joined with one; null for guests and when not known."
    account: String
    "The third-party user ID (App ID integrations: the sub of the user's gateway tokens); null when not known."
    thirdPartyId: String
    """
    This participant is the viewer: the viewer's own upstream identity (for administrators, the account the gateway
    acts as) on one of their devices. False when the meeting server has not said who the participant is.
    """
    isSelf: Boolean!
  }
`;

/** Who a participant is, as the push tells it (A.8: `ACCOUNT_ID`, `ACCOUNT`, `THIRDACCOUNT`). */
export type ParticipantIdentity = Pick<ParticipantView, 'userUUID' | 'account' | 'thirdAccount'>;

/** The viewer's upstream identity, as `isSelf` compares it. */
export type ViewerSelf = { userUUID: string | undefined; thirdPartyId: string | undefined };

/**
 * A participant as the `Participant` type resolves it: the fields of the pushed `ParticipantView` (role and state
 * named as the view names them), the meeting it is in (for its cache id) and who it is: the view itself when
 * pushed, a lookup in the pushed state when read from REST real-time info (which does not carry it).
 */
export type ParticipantNode = Pick<
  ParticipantView,
  'participantId' | 'name' | 'number' | 'role' | 'coHost' | 'state' | 'muted' | 'handUp' | 'video'
> & {
  meetingId: string;
  identity: ParticipantIdentity | (() => Promise<ParticipantIdentity | undefined>);
  /**
   * The viewer to compare with, when the node is resolved once for many viewers (a subscription's shared
   * results, where the context is not the viewer's own); absent in queries, which read it from their context.
   */
  self?: ViewerSelf | undefined;
};

/**
 * The opaque cache id of a participant: meeting ID and pid (the key the push and the reducer use), base64url so
 * that neither part can run into the other.
 */
export function participantCacheId(meetingId: string, participantId: string): string {
  return Buffer.from(`${meetingId}:${participantId}`).toString('base64url');
}

// One node per pushed view and meeting: views are frozen and kept until the participant changes, so a list
// update re-wraps only the participants it changed.
const pushedNodes = new WeakMap<ParticipantView, ParticipantNode>();

/** A pushed participant view as a {@link ParticipantNode} of `meetingId`, compared with `self` when given. */
export function pushedParticipant(
  meetingId: string,
  view: ParticipantView,
  self?: ViewerSelf,
): ParticipantNode {
  if (self) return { ...view, meetingId, identity: view, self };
  let node = pushedNodes.get(view);
  if (!node || node.meetingId !== meetingId) {
    node = { ...view, meetingId, identity: view };
    pushedNodes.set(view, node);
  }
  return node;
}

// REST real-time info numbers the state (A.6); an unpublished value reads as "in the meeting", as the push
// view reads an unknown STATE.
const STATE_OF_NUMBER: Readonly<Record<number, ParticipantState>> = {
  0: 'inMeeting',
  1: 'calling',
  2: 'joining',
};

/**
 * A REST online participant (client `OnlineParticipant`, A.6 + A.8) of `meetingId` as a {@link ParticipantNode};
 * `identity` finds who it is (REST real-time info does not say).
 */
export function participantFromOnline(
  participant: OnlineParticipant,
  meetingId: string,
  identity: (participantId: string) => Promise<ParticipantIdentity | undefined>,
): ParticipantNode {
  return {
    meetingId,
    identity: () => identity(participant.participantId),
    participantId: participant.participantId,
    name: participant.name,
    number: participant.number,
    role: participant.role,
    coHost: participant.coHost,
    state: STATE_OF_NUMBER[participant.state] ?? 'inMeeting',
    muted: participant.muted,
    handUp: participant.handUp,
    video: participant.video,
  };
}

/** `ParticipantRole`: the role as the participant view names it. */
const participantRole = wireEnum({
  HOST: 'host',
  GUEST: 'guest',
  AUDIENCE: 'audience',
} satisfies Record<string, ParticipantNode['role']>);
/** `ParticipantState`: the state as the participant view names it. */
const participantState = wireEnum({
  IN_MEETING: 'inMeeting',
  CALLING: 'calling',
  JOINING: 'joining',
} satisfies Record<string, ParticipantState>);

/** Who the participant is, at once when pushed. */
const identityOf = (p: ParticipantNode) => (typeof p.identity === 'function' ? p.identity() : p.identity);

/** Whether `who` is the viewer `self`: the same upstream user, or the same third-party user ID. */
function isViewer(who: ParticipantIdentity | undefined, self: ViewerSelf): boolean {
  if (!who) return false;
  if (who.userUUID !== undefined && self.userUUID !== undefined) return who.userUUID === self.userUUID;
  return who.thirdAccount !== undefined && who.thirdAccount === self.thirdPartyId;
}

/** The viewer of a query, as `isSelf` compares it. */
export function viewerSelfOf(context: GatewayContext): ViewerSelf | Promise<ViewerSelf> {
  return withUpstreamUser(context, (userUUID) => ({ userUUID, thirdPartyId: context.identity.userId }));
}

/**
 * Enum values (the GraphQL names map to the names the views use) and the fields a view does not have under its
 * GraphQL name: the cache id and who the participant is.
 */
export const participantResolvers = {
  ParticipantRole: participantRole.values,
  ParticipantState: participantState.values,
  Participant: {
    id: (p: ParticipantNode) => participantCacheId(p.meetingId, p.participantId),
    userId: (p: ParticipantNode) => andThen(identityOf(p), (who) => who?.userUUID ?? null),
    account: (p: ParticipantNode) => andThen(identityOf(p), (who) => who?.account ?? null),
    thirdPartyId: (p: ParticipantNode) => andThen(identityOf(p), (who) => who?.thirdAccount ?? null),
    isSelf: (p: ParticipantNode, _: unknown, context: GatewayContext) =>
      andThen(identityOf(p), (who) =>
        who === undefined ? false : andThen(p.self ?? viewerSelfOf(context), (self) => isViewer(who, self)),
      ),
  },
};
