import type { LiveStreamState, RoomEventsSubscription } from '../gql/graphql';

/** One update of a meeting's live feed, as the room subscribes to it. */
export type RoomEvent = RoomEventsSubscription['meetingEvents'];

type Of<T extends RoomEvent['__typename']> = Extract<RoomEvent, { __typename: T }>;

/** Someone online in the meeting. */
export type RosterParticipant = Of<'ParticipantsUpdate'>['participants'][number];
/** Someone in the waiting room. */
export type WaitingMember = Of<'WaitingListUpdate'>['waitingList'][number];
/** The meeting's dynamic status. */
export type RoomStatus = Of<'MeetingStatusUpdate'>['status'];
/** The meeting's basic information. */
export type RoomInfo = NonNullable<Of<'MeetingInfoUpdate'>['info']>;
/** One of the loudest speakers. */
export type RoomSpeaker = Of<'SpeakersUpdate'>['speakers'][number];
/** The outcome of calling an invitee. */
export type InviteOutcome = Of<'InviteResultsUpdate'>['results'][number];

/** A caption line as the room shows it. */
export interface CaptionLine {
  participantId: string | null;
  text: string;
  final: boolean;
}

/** What the room shows, folded from the feed's updates only (never from a mutation's answer). */
export interface RoomState {
  participants: RosterParticipant[];
  waiting: WaitingMember[];
  status: RoomStatus | null;
  info: RoomInfo | null;
  speakers: RoomSpeaker[];
  captionsOn: boolean | null;
  /** The latest captions, oldest first; a caption that is not final yet is replaced by the next. */
  captions: CaptionLine[];
  inviteResults: InviteOutcome[];
  /** The gateway's connection to the meeting's feed. */
  stream: LiveStreamState | null;
  /**
   * What the last whole-state update said: WAITING (the meeting has not started; the feed stays open and
   * streams once it starts), CONNECTING (the meeting's state is not in yet: empty lists mean "not known"),
   * or null once the state is known.
   */
  pending: 'WAITING' | 'CONNECTING' | null;
}

/** The state before the first update. */
export const emptyRoom: RoomState = {
  participants: [],
  waiting: [],
  status: null,
  info: null,
  speakers: [],
  captionsOn: null,
  captions: [],
  inviteResults: [],
  stream: null,
  pending: null,
};

const KEPT_CAPTIONS = 30;
const KEPT_INVITE_RESULTS = 10;

/** The room after one update. Whole-list updates replace the list; captions and invite results accumulate. */
export function foldRoomEvent(state: RoomState, event: RoomEvent): RoomState {
  return foldContent(withPending(state, event), event);
}

/** Tracks whether the state is known: WAITING and CONNECTING updates say it is not (yet); any other says it is. */
function withPending(state: RoomState, event: RoomEvent): RoomState {
  if (
    !('reason' in event) ||
    event.__typename === 'SubtitlesUpdate' ||
    event.__typename === 'InviteResultsUpdate'
  )
    return state;
  const pending = event.reason === 'WAITING' || event.reason === 'CONNECTING' ? event.reason : null;
  return pending === state.pending ? state : { ...state, pending };
}

function foldContent(state: RoomState, event: RoomEvent): RoomState {
  switch (event.__typename) {
    case 'ParticipantsUpdate':
      return { ...state, participants: event.participants };
    case 'WaitingListUpdate':
      return { ...state, waiting: event.waitingList };
    case 'MeetingStatusUpdate':
      return { ...state, status: event.status };
    case 'MeetingInfoUpdate':
      return event.info ? { ...state, info: event.info } : state;
    case 'SpeakersUpdate':
      return { ...state, speakers: event.speakers };
    case 'StreamStatusUpdate':
      return { ...state, stream: event.state };
    case 'SubtitlesUpdate': {
      const captionsOn = event.enabled ?? state.captionsOn;
      const subtitle = event.subtitle;
      const text = subtitle?.texts.map((t) => t.text).join(' / ');
      if (!subtitle || !text) return { ...state, captionsOn };
      const line: CaptionLine = { participantId: subtitle.participantId, text, final: subtitle.final };
      const last = state.captions.at(-1);
      // A sentence comes in pieces: each non-final caption is replaced by the next of the same speaker.
      const kept =
        last && !last.final && last.participantId === line.participantId
          ? state.captions.slice(0, -1)
          : state.captions;
      return { ...state, captionsOn, captions: [...kept, line].slice(-KEPT_CAPTIONS) };
    }
    case 'InviteResultsUpdate':
      return {
        ...state,
        inviteResults: [...state.inviteResults, ...event.results].slice(-KEPT_INVITE_RESULTS),
      };
  }
}

/** Participant IDs speaking now (a volume above zero among the loudest). */
export function speakingIds(state: RoomState): Set<string> {
  return new Set(state.speakers.filter((s) => s.volume > 0).map((s) => s.participantId));
}
