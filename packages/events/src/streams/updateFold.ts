import { SnapshotMirror } from '../state/mirror.js';
import type { StateChange } from '../state/reducer.js';
import type { MeetingSnapshot } from '../state/snapshot.js';
import type {
  InviteResultView,
  MeetingBasicView,
  MeetingStatusView,
  ParticipantView,
  SpeakerView,
  SubtitleView,
  WaitingEntryView,
} from '../state/views/index.js';
import type { MeetingStreamEvent, MeetingStreamStatus, SnapshotReason, WatchedEvent } from './streamEvent.js';

/**
 * Why an update was sent: `SNAPSHOT` the state as it stands (first update of a subscription once the meeting
 * server's state is in), `CONNECTING` first update while the state has not arrived yet (empty; a RESYNC with it
 * follows), `WAITING` first update while the meeting has not started (empty; made by a lobby, not by the fold),
 * `CHANGE` part of it changed, `RESYNC` the whole of it was sent again (the upstream socket connected or
 * reconnected, a recovered gap): replace it; `CURSOR_EXPIRED` the subscription resumed after a cursor no longer
 * retained, so the whole state comes instead.
 */
export type UpdateReason = 'SNAPSHOT' | 'CONNECTING' | 'WAITING' | 'CHANGE' | 'RESYNC' | 'CURSOR_EXPIRED';

type Base = { meetingId: string; reason: UpdateReason };

/** Basic info (the push views never hold passwords). */
export type InfoUpdate = Base & {
  type: 'info';
  /** Undefined until the meeting server sent it. */
  info: MeetingBasicView | undefined;
  /** View fields that differ from before (empty on SNAPSHOT and RESYNC). */
  changedFields: readonly string[];
};
/** The meeting's dynamic status. */
export type StatusUpdate = Base & {
  type: 'status';
  status: MeetingStatusView;
  changedFields: readonly string[];
};
/** A keyed list: the whole list after the update, the entries added or changed, the keys removed. */
type ListUpdate<K extends string, N extends string, V> = Base & {
  type: K;
  changed: readonly V[];
  removed: readonly string[];
} & {
  [P in N]: readonly V[];
};
/** Participants online. */
export type ParticipantsUpdate = ListUpdate<'participants', 'participants', ParticipantView>;
/** Waiting-room members. */
export type WaitingListUpdate = ListUpdate<'waitingList', 'waitingList', WaitingEntryView>;
/** The loudest speakers, loudest first. */
export type SpeakersUpdate = Base & { type: 'speakers'; speakers: readonly SpeakerView[] };
/** Captions: whether they are on (from the status), and one caption on CHANGE when one arrived. */
export type SubtitlesUpdate = Base & {
  type: 'subtitles';
  enabled: boolean | undefined;
  subtitle: SubtitleView | undefined;
  /** When the caption was pushed, epoch ms. */
  at: number | undefined;
};
/** Invite results and leave reasons (events: SNAPSHOT and RESYNC carry none). */
export type InviteResultsUpdate = Base & {
  type: 'inviteResults';
  results: readonly InviteResultView[];
  at: number | undefined;
};
/** Where the upstream socket of the meeting is. */
export type StreamUpdate = {
  type: 'stream';
  meetingId: string;
  state: MeetingStreamStatus;
  detail: string | undefined;
};

/** One update of a meeting, as one subscriber receives it. */
export type LiveUpdate =
  | InfoUpdate
  | StatusUpdate
  | ParticipantsUpdate
  | WaitingListUpdate
  | SpeakersUpdate
  | SubtitlesUpdate
  | InviteResultsUpdate
  | StreamUpdate;
/** An update with the cursor of the stream event it came from (null only where no stream exists: WAITING). */
export type PositionedUpdate = LiveUpdate & Readonly<{ cursor: string | null }>;
/** The kinds of {@link LiveUpdate}. */
export type LiveUpdateType = LiveUpdate['type'];
/** Why a subscriber is handed the whole state as updates. */
export type StateUpdateReason = Exclude<UpdateReason, 'CHANGE'>;

/** The list views that have updates of their own. */
type FoldedList = 'participants' | 'waitingList';
type FoldedLists = { participants: readonly ParticipantView[]; waitingList: readonly WaitingEntryView[] };

const sameJson = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);
const keyOf = (view: { participantId: string }) => view.participantId;
const EMPTY: readonly never[] = Object.freeze([]);

/** The changes of one list view within one stream event, merged by key. */
class ListDelta<V> {
  reset = false;
  readonly changed = new Map<string, V>();
  readonly removed = new Set<string>();
}

/** What differs from `before` in `after`: entries new or different (by value), keys gone. */
function difference<V extends { participantId: string }>(
  before: readonly V[],
  after: readonly V[],
): { changed: V[]; removed: string[] } {
  if (before === after) return { changed: [], removed: [] };
  const old = new Map(before.map((view) => [keyOf(view), view] as const));
  const changed = after.filter((view) => {
    const previous = old.get(keyOf(view));
    return previous === undefined || !sameJson(previous, view);
  });
  const now = new Set(after.map(keyOf));
  const removed = before.map(keyOf).filter((key) => !now.has(key));
  return { changed, removed };
}

/**
 * Folds one meeting's stream (a snapshot, then changes, events and statuses) into updates: every view on each
 * snapshot, then one update per view an event touched. The fold holds the meeting's state itself (one keyed list
 * per list view, {@link SnapshotMirror}), so every update carries the whole list as it stands after it, as well
 * as what changed; the views are the stream's shared, frozen objects. A meeting's room keeps one fold for all its
 * subscribers: the updates it makes are shared by them.
 */
export class MeetingUpdateFold {
  private started = false;
  private readonly state: SnapshotMirror;
  /** The lists as the last updates gave them (differs from the state's only after {@link apply}). */
  private published: FoldedLists;
  /** Bumped on every change of the state, for caching what is made from it. */
  private version = 0;

  /** A fold for the meeting `meetingId`; with `snapshot`, started from it (as {@link seed} does). */
  constructor(
    readonly meetingId: string,
    snapshot?: MeetingSnapshot,
  ) {
    this.state = new SnapshotMirror(meetingId, snapshot);
    this.published = this.lists();
    if (snapshot) this.started = true;
  }

  /** The state after every event folded or applied (deeply frozen; the same object until it changes). */
  snapshot(): MeetingSnapshot {
    return this.state.snapshot();
  }

  /** A number that changes whenever the state does (what is made from the state can be cached under it). */
  get stateVersion(): number {
    return this.version;
  }

  /** The updates one stream event makes, in order, each with the event's cursor; the state takes the event. */
  next(event: WatchedEvent): PositionedUpdate[] {
    const cursor = event.cursor ?? null;
    switch (event.type) {
      case 'snapshot':
        return this.snapshotUpdates(event.snapshot, event.reason, cursor);
      case 'changes':
        return this.changes(event.changes, cursor);
      case 'event': {
        const { meetingId } = this;
        if (event.event.kind === 'subtitle') {
          const { subtitle, at } = event.event;
          const enabled = this.state.valueOf('status').subtitles;
          return [{ type: 'subtitles', meetingId, reason: 'CHANGE', enabled, subtitle, at, cursor }];
        }
        const { results, at } = event.event;
        return [{ type: 'inviteResults', meetingId, reason: 'CHANGE', results, at, cursor }];
      }
      case 'status':
        return [
          { type: 'stream', meetingId: this.meetingId, state: event.status, detail: event.detail, cursor },
        ];
    }
  }

  /**
   * Applies an event to the state without making updates (a room catching up before it tells its subscribers):
   * the next snapshot folded says, as RESYNC, everything that changed since the last updates.
   */
  apply(event: MeetingStreamEvent): void {
    if (event.type === 'snapshot') this.reset(event.snapshot);
    else if (event.type === 'changes' && event.changes.length > 0) {
      this.state.apply(event.changes);
      this.version++;
    }
  }

  /**
   * Takes `snapshot` as what the subscribers already hold, without sending it: the updates that follow go on
   * from this state.
   */
  seed(snapshot: MeetingSnapshot): void {
    this.started = true;
    this.reset(snapshot);
    this.published = this.lists();
  }

  /**
   * The whole state as updates, one per view, for a subscriber that starts here (SNAPSHOT), fell behind (RESYNC)
   * or resumed after a cursor no longer kept (CURSOR_EXPIRED): every list entry is `changed`, none `removed`.
   */
  stateUpdates(reason: StateUpdateReason, cursor: string | null): PositionedUpdate[] {
    const { meetingId } = this;
    const participants = this.state.listOf('participants');
    const waitingList = this.state.listOf('waitingList');
    const status = this.state.valueOf('status');
    return [
      { type: 'info', meetingId, reason, info: this.state.valueOf('basic'), changedFields: EMPTY, cursor },
      { type: 'status', meetingId, reason, status, changedFields: EMPTY, cursor },
      {
        type: 'participants',
        meetingId,
        reason,
        participants,
        changed: participants,
        removed: EMPTY,
        cursor,
      },
      { type: 'speakers', meetingId, reason, speakers: this.state.valueOf('speakers'), cursor },
      { type: 'waitingList', meetingId, reason, waitingList, changed: waitingList, removed: EMPTY, cursor },
      ...this.eventPlaceholders(reason, status.subtitles, cursor),
    ];
  }

  private reset(snapshot: MeetingSnapshot): void {
    this.state.reset(snapshot);
    this.version++;
  }

  private lists(): FoldedLists {
    return { participants: this.state.listOf('participants'), waitingList: this.state.listOf('waitingList') };
  }

  /** Captions and invite results keep nothing: the whole state says only whether captions are on. */
  private eventPlaceholders(
    reason: StateUpdateReason,
    enabled: boolean | undefined,
    cursor: string | null,
  ): PositionedUpdate[] {
    const { meetingId } = this;
    return [
      { type: 'subtitles', meetingId, reason, enabled, subtitle: undefined, at: undefined, cursor },
      { type: 'inviteResults', meetingId, reason, results: EMPTY, at: undefined, cursor },
    ];
  }

  private snapshotUpdates(
    snapshot: MeetingSnapshot,
    why: SnapshotReason | undefined,
    cursor: string | null,
  ): PositionedUpdate[] {
    const reason: StateUpdateReason =
      why === 'expired'
        ? 'CURSOR_EXPIRED'
        : why === 'connecting'
          ? 'CONNECTING'
          : this.started
            ? 'RESYNC'
            : 'SNAPSHOT';
    this.started = true;
    const before = this.published;
    this.reset(snapshot);
    const after = this.lists();
    this.published = after;
    const people = difference(before.participants, after.participants);
    const waiting = difference(before.waitingList, after.waitingList);
    const { meetingId } = this;
    return [
      { type: 'info', meetingId, reason, info: snapshot.basic, changedFields: EMPTY, cursor },
      { type: 'status', meetingId, reason, status: snapshot.status, changedFields: EMPTY, cursor },
      { type: 'participants', meetingId, reason, participants: after.participants, ...people, cursor },
      { type: 'speakers', meetingId, reason, speakers: snapshot.speakers, cursor },
      { type: 'waitingList', meetingId, reason, waitingList: after.waitingList, ...waiting, cursor },
      ...this.eventPlaceholders(reason, snapshot.status.subtitles, cursor),
    ];
  }

  private changes(changes: readonly StateChange[], cursor: string | null): PositionedUpdate[] {
    const { meetingId } = this;
    const updates: PositionedUpdate[] = [];
    // A list touched several times in one event gives one update, placed where it was first touched.
    const lists: { participants?: ListDelta<ParticipantView>; waitingList?: ListDelta<WaitingEntryView> } =
      {};
    for (const change of changes) {
      switch (change.view) {
        case 'basic':
          updates.push({
            type: 'info',
            meetingId,
            reason: 'CHANGE',
            info: change.value,
            changedFields: change.fields,
            cursor,
          });
          break;
        case 'status':
          updates.push({
            type: 'status',
            meetingId,
            reason: 'CHANGE',
            status: change.value,
            changedFields: change.fields,
            cursor,
          });
          if (change.fields.includes('subtitles')) {
            updates.push({
              type: 'subtitles',
              meetingId,
              reason: 'CHANGE',
              enabled: change.value.subtitles,
              subtitle: undefined,
              at: undefined,
              cursor,
            });
          }
          break;
        case 'speakers':
          updates.push({ type: 'speakers', meetingId, reason: 'CHANGE', speakers: change.value, cursor });
          break;
        case 'participants':
        case 'waitingList': {
          const view: FoldedList = change.view;
          let delta = lists[view] as ListDelta<ParticipantView | WaitingEntryView> | undefined;
          if (!delta) {
            delta = new ListDelta();
            lists[view] = delta as ListDelta<never>;
            // A placeholder: it gets its content once every change of the event is applied.
            updates.push({ type: view, meetingId, cursor } as PositionedUpdate);
          }
          this.track(delta, change);
          break;
        }
        default:
          // Invitees, network conditions and interpreter groups have no updates of their own.
          break;
      }
      this.state.apply([change]);
    }
    if (changes.length > 0) this.version++;
    this.published = this.lists();
    // The placeholders get their content now that every change of the event is applied.
    for (let i = 0; i < updates.length; i++) {
      const update = updates[i] as PositionedUpdate;
      if (update.type === 'participants') {
        const delta = lists.participants as ListDelta<ParticipantView>;
        updates[i] = {
          type: 'participants',
          meetingId,
          reason: delta.reset ? 'RESYNC' : 'CHANGE',
          participants: this.published.participants,
          changed: [...delta.changed.values()],
          removed: [...delta.removed],
          cursor,
        };
      } else if (update.type === 'waitingList') {
        const delta = lists.waitingList as ListDelta<WaitingEntryView>;
        updates[i] = {
          type: 'waitingList',
          meetingId,
          reason: delta.reset ? 'RESYNC' : 'CHANGE',
          waitingList: this.published.waitingList,
          changed: [...delta.changed.values()],
          removed: [...delta.removed],
          cursor,
        };
      }
    }
    return updates;
  }

  /** Records one change of a list in the event's delta (before the state takes it: a reset is a difference). */
  private track(
    delta: ListDelta<ParticipantView | WaitingEntryView>,
    change: Extract<StateChange, { view: FoldedList }>,
  ): void {
    if (change.kind === 'reset') {
      const { changed, removed } = difference<ParticipantView | WaitingEntryView>(
        this.state.listOf(change.view),
        change.items,
      );
      delta.reset = true;
      for (const key of removed) {
        delta.changed.delete(key);
        delta.removed.add(key);
      }
      for (const view of changed) {
        delta.removed.delete(keyOf(view));
        delta.changed.set(keyOf(view), view);
      }
      return;
    }
    if (change.kind === 'upsert') {
      delta.removed.delete(change.key);
      delta.changed.set(change.key, change.item);
      return;
    }
    delta.changed.delete(change.key);
    delta.removed.add(change.key);
  }
}

/**
 * The whole state of a meeting of which nothing is known yet, as updates (one per view, lists empty, no cursor):
 * what a consumer sends while it waits for a meeting that has no stream yet (a lobby's WAITING).
 */
export function emptyStateUpdates(meetingId: string, reason: StateUpdateReason): PositionedUpdate[] {
  return new MeetingUpdateFold(meetingId).stateUpdates(reason, null);
}
