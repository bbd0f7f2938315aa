import type {
  InviteResultView,
  MeetingBasicView,
  MeetingSnapshot,
  MeetingStatusView,
  MeetingStreamEvent,
  MeetingStreamStatus,
  ParticipantView,
  SnapshotReason,
  SpeakerView,
  StateChange,
  SubtitleView,
  WaitingEntryView,
  WatchedEvent,
} from '@hwmeeting/events';

/**
 * Why an update was sent: `SNAPSHOT` the state as it stands (first update of every subscription), `CHANGE` part
 * of it changed, `RESYNC` the whole of it was sent again (a new upstream socket, a recovered gap): replace it;
 * `CURSOR_EXPIRED` the subscription resumed after a cursor no longer retained, so the whole state comes instead.
 */
export type UpdateReason = 'SNAPSHOT' | 'CHANGE' | 'RESYNC' | 'CURSOR_EXPIRED';

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
/** Where the gateway's upstream socket of the meeting is. */
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
/** An update with the cursor of the stream event it came from (null before anything was logged). */
export type PositionedUpdate = LiveUpdate & Readonly<{ cursor: string | null }>;
/** The kinds of {@link LiveUpdate}. */
export type LiveUpdateType = LiveUpdate['type'];

const sameJson = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** One subscriber's copy of a keyed list (views are shared and frozen; only the map is per subscriber). */
class KeyedViews<V> {
  private items = new Map<string, V>();

  constructor(private readonly keyOf: (view: V) => string) {}

  /** Replaces the whole list; answers the entries new or different (with their keys) and the keys gone. */
  replace(list: readonly V[]): { changed: Array<[string, V]>; removed: string[] } {
    const next = new Map(list.map((view) => [this.keyOf(view), view] as const));
    const changed = [...next].filter(([key, view]) => {
      const before = this.items.get(key);
      return before === undefined || !sameJson(before, view);
    });
    const removed = [...this.items.keys()].filter((key) => !next.has(key));
    this.items = next;
    return { changed, removed };
  }

  upsert(key: string, view: V): void {
    this.items.set(key, view);
  }

  remove(key: string): void {
    this.items.delete(key);
  }

  list(): V[] {
    return [...this.items.values()];
  }
}

/** The changes of one list view within one stream event, merged by key. */
class ListDelta<V> {
  reset = false;
  readonly changed = new Map<string, V>();
  readonly removed = new Set<string>();
}

type ListChange<V> =
  | Readonly<{ kind: 'reset'; items: readonly V[] }>
  | Readonly<{ kind: 'upsert'; key: string; item: V }>
  | Readonly<{ kind: 'remove'; key: string }>;

/**
 * Folds one meeting's stream (`MeetingStreams.watch`: a snapshot, then changes, events and statuses) into the
 * updates one subscriber receives: every view on each snapshot, then one update per view an event touched.
 * Lists are kept per subscriber so that every update carries the whole list as it stands after it, as well as
 * what changed; the views themselves are the stream's shared, frozen objects.
 */
export class MeetingUpdateFold {
  private started = false;
  private readonly participants = new KeyedViews<ParticipantView>((p) => p.participantId);
  private readonly waitingList = new KeyedViews<WaitingEntryView>((w) => w.participantId);
  private subtitlesOn: boolean | undefined;

  /** A fold for the meeting `meetingId`. */
  constructor(readonly meetingId: string) {}

  /** The updates one stream event makes, in order, each with the event's cursor. */
  next(event: WatchedEvent): PositionedUpdate[] {
    const cursor = event.cursor ?? null;
    return this.updates(event).map((update) => ({ ...update, cursor }));
  }

  /**
   * Takes `snapshot` as what the subscriber already holds, without sending it: a subscription resumed after a
   * cursor gets only what followed, and its whole-list fields are kept from this state on.
   */
  seed(snapshot: MeetingSnapshot): void {
    this.started = true;
    this.participants.replace(snapshot.participants);
    this.waitingList.replace(snapshot.waitingList);
    this.subtitlesOn = snapshot.status.subtitles;
  }

  private updates(event: MeetingStreamEvent): LiveUpdate[] {
    switch (event.type) {
      case 'snapshot':
        return this.snapshot(event.snapshot, event.reason);
      case 'changes':
        return this.changes(event.changes);
      case 'event': {
        const { meetingId } = this;
        if (event.event.kind === 'subtitle') {
          const { subtitle, at } = event.event;
          return [
            { type: 'subtitles', meetingId, reason: 'CHANGE', enabled: this.subtitlesOn, subtitle, at },
          ];
        }
        const { results, at } = event.event;
        return [{ type: 'inviteResults', meetingId, reason: 'CHANGE', results, at }];
      }
      case 'status':
        return [{ type: 'stream', meetingId: this.meetingId, state: event.status, detail: event.detail }];
    }
  }

  private snapshot(snapshot: MeetingSnapshot, why: SnapshotReason | undefined): LiveUpdate[] {
    const reason: UpdateReason = why === 'expired' ? 'CURSOR_EXPIRED' : this.started ? 'RESYNC' : 'SNAPSHOT';
    this.started = true;
    const { meetingId } = this;
    const people = this.participants.replace(snapshot.participants);
    const waiting = this.waitingList.replace(snapshot.waitingList);
    const values = <V>(entries: Array<[string, V]>) => entries.map(([, view]) => view);
    this.subtitlesOn = snapshot.status.subtitles;
    return [
      { type: 'info', meetingId, reason, info: snapshot.basic, changedFields: [] },
      { type: 'status', meetingId, reason, status: snapshot.status, changedFields: [] },
      {
        type: 'participants',
        meetingId,
        reason,
        participants: this.participants.list(),
        changed: values(people.changed),
        removed: people.removed,
      },
      { type: 'speakers', meetingId, reason, speakers: snapshot.speakers },
      {
        type: 'waitingList',
        meetingId,
        reason,
        waitingList: this.waitingList.list(),
        changed: values(waiting.changed),
        removed: waiting.removed,
      },
      { type: 'subtitles', meetingId, reason, enabled: this.subtitlesOn, subtitle: undefined, at: undefined },
      { type: 'inviteResults', meetingId, reason, results: [], at: undefined },
    ];
  }

  private changes(changes: readonly StateChange[]): LiveUpdate[] {
    const { meetingId } = this;
    const updates: LiveUpdate[] = [];
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
          });
          break;
        case 'status':
          updates.push({
            type: 'status',
            meetingId,
            reason: 'CHANGE',
            status: change.value,
            changedFields: change.fields,
          });
          if (change.fields.includes('subtitles')) {
            this.subtitlesOn = change.value.subtitles;
            updates.push({
              type: 'subtitles',
              meetingId,
              reason: 'CHANGE',
              enabled: this.subtitlesOn,
              subtitle: undefined,
              at: undefined,
            });
          }
          break;
        case 'speakers':
          updates.push({ type: 'speakers', meetingId, reason: 'CHANGE', speakers: change.value });
          break;
        case 'participants': {
          if (!lists.participants) {
            lists.participants = new ListDelta();
            updates.push({
              type: 'participants',
              meetingId,
              reason: 'CHANGE',
              participants: [],
              changed: [],
              removed: [],
            });
          }
          this.applyList(this.participants, lists.participants, change);
          break;
        }
        case 'waitingList': {
          if (!lists.waitingList) {
            lists.waitingList = new ListDelta();
            updates.push({
              type: 'waitingList',
              meetingId,
              reason: 'CHANGE',
              waitingList: [],
              changed: [],
              removed: [],
            });
          }
          this.applyList(this.waitingList, lists.waitingList, change);
          break;
        }
        default:
          // Invitees, network conditions and interpreter groups have no subscription of their own.
          break;
      }
    }
    // The placeholders get their content once every change of the event is applied.
    return updates.map((update) => {
      if (update.type === 'participants' && lists.participants) {
        const delta = lists.participants;
        return {
          ...update,
          reason: delta.reset ? 'RESYNC' : 'CHANGE',
          participants: this.participants.list(),
          changed: [...delta.changed.values()],
          removed: [...delta.removed],
        };
      }
      if (update.type === 'waitingList' && lists.waitingList) {
        const delta = lists.waitingList;
        return {
          ...update,
          reason: delta.reset ? 'RESYNC' : 'CHANGE',
          waitingList: this.waitingList.list(),
          changed: [...delta.changed.values()],
          removed: [...delta.removed],
        };
      }
      return update;
    });
  }

  private applyList<V>(list: KeyedViews<V>, delta: ListDelta<V>, change: ListChange<V>): void {
    if (change.kind === 'reset') {
      const { changed, removed } = list.replace(change.items);
      delta.reset = true;
      for (const key of removed) {
        delta.changed.delete(key);
        delta.removed.add(key);
      }
      for (const [key, view] of changed) {
        delta.removed.delete(key);
        delta.changed.set(key, view);
      }
      return;
    }
    if (change.kind === 'upsert') {
      list.upsert(change.key, change.item);
      delta.removed.delete(change.key);
      delta.changed.set(change.key, change.item);
      return;
    }
    list.remove(change.key);
    delta.changed.delete(change.key);
    delta.removed.add(change.key);
  }
}
