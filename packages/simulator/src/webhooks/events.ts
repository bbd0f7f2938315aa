/**
 * Turns the store's changes into the webhook events of control-and-push.md C.3. The store forgets things the
 * events still need (a cancelled meeting is gone, a participant who left is gone), so this module keeps what it
 * has seen: each meeting's ID and instance UUID, who is in it, and whether it recorded.
 */
import type { EventInfo, WebhookAttendeeInfo, WebhookMeetingInfo } from '@hwmeeting/events/wire';
import type { MeetingRecord, ParticipantRecord } from '../state/meetings.js';
import { ParticipantEventKind } from '../state/participants.js';
import { currentSubConf } from '../state/series.js';
import type { Store, StoreChange } from '../state/store.js';

/** What is kept of a meeting between changes. */
interface MeetingMemory {
  info: WebhookMeetingInfo;
  /** `meeting.conclude` was sent: the meeting can no longer be joined. */
  concluded: boolean;
  /** pid -> attendee, for those in the meeting (a left event needs them after the store dropped them). */
  attendees: Map<string, WebhookAttendeeInfo>;
  /** The current run recorded at some point. */
  recorded: boolean;
  /** `hasRecordFile` when the current run started (a recording made by this run turns it on). */
  hadRecordFile: boolean;
}

// UNVERIFIED: only `CHAIR` is published; the other role names follow the meeting server's usual spelling.
const ROLE_NAMES = { 0: 'GENERAL', 1: 'CHAIR', 2: 'AUDIENCE' } as const;

// UNVERIFIED: only `WeLink-desktop` is published; the others follow its pattern.
const USER_AGENTS: Record<ParticipantRecord['clientType'], string> = {
  Desktop: 'WeLink-desktop',
  Mobile: 'WeLink-mobile',
  Pad: 'WeLink-pad',
  OtherType: 'WeLink-other',
};

/** `AttendeeInfo` of a participant (C.2); `leftTime` 0 while in the meeting. */
export function attendeeInfoOf(participant: ParticipantRecord, leftTime = 0): WebhookAttendeeInfo {
  return {
    ...(participant.userUUID ? { userUUID: participant.userUUID } : {}),
    userAgent: USER_AGENTS[participant.clientType],
    ...(participant.accountId ? { account: participant.accountId } : {}),
    participantID: participant.pid,
    displayName: participant.name,
    joinTime: participant.joinedAtMs,
    leftTime,
    role: ROLE_NAMES[participant.role],
    callNumber: participant.number,
  };
}

function isParticipant(value: unknown): value is ParticipantRecord {
  return typeof value === 'object' && value !== null && 'pid' in value && 'joinedAtMs' in value;
}

/** A `meeting.conclude` still to come: a run ended while the meeting could still be joined again. */
interface PendingConclusion {
  info: WebhookMeetingInfo;
  /** When the meeting can no longer be joined: its scheduled end, epoch ms (simulator clock). */
  atMs: number;
}

/**
 * When a meeting whose run just ended can no longer be joined: the scheduled end of a single meeting; for a
 * series, the scheduled end of its last sub-meeting still to come (the one that just ran counts, its run may
 * restart). UNVERIFIED (published-behaviour.md §6): the scheduled end before any extension; a meeting joined
 * again before then runs again and its conclusion waits for that run's end.
 */
function joinableUntil(meeting: MeetingRecord): number {
  if (meeting.conferenceType !== 2) return meeting.startTimeMs + meeting.lengthMinutes * 60_000;
  let last = 0;
  for (const sub of meeting.subConfs) {
    if (!sub.cancelled && !sub.ended) last = Math.max(last, sub.startTimeMs + sub.lengthMinutes * 60_000);
  }
  return last;
}

/**
 * Follows the store and answers, for each change, the webhook events it fires (in order). `meeting.end` says a
 * run ended; `meeting.conclude` comes once the meeting can no longer be joined (published-behaviour.md §6): at
 * once when it was cancelled or its scheduled end has passed, else when that end passes ({@link due}).
 */
export class WebhookEventSource {
  private readonly meetings = new Map<string, MeetingMemory>();
  private readonly conclusions = new Map<string, PendingConclusion>();

  constructor(private readonly store: Store) {
    for (const meeting of store.meetings.values()) this.remember(meeting);
  }

  private remember(meeting: MeetingRecord): MeetingMemory {
    let memory = this.meetings.get(meeting.conferenceID);
    if (!memory) {
      memory = {
        info: this.infoOf(meeting),
        concluded: false,
        attendees: new Map(),
        recorded: false,
        hadRecordFile: false,
      };
      this.meetings.set(meeting.conferenceID, memory);
    }
    return memory;
  }

  private infoOf(meeting: MeetingRecord, withCycle = false): WebhookMeetingInfo {
    const info: WebhookMeetingInfo = { meetingID: meeting.conferenceID, meetingUUID: meeting.confUUID };
    if (withCycle && meeting.conferenceType === 2) {
      const sub = currentSubConf(meeting, this.store.clock.now());
      if (sub) info.meetingCycleSubID = sub.cycleSubConfID;
    }
    return info;
  }

  /** `meeting.conclude` of every meeting whose scheduled end has passed since its run ended, each once. */
  due(): EventInfo[] {
    const now = this.store.clock.now();
    const out: EventInfo[] = [];
    for (const [conferenceID, pending] of this.conclusions) {
      if (pending.atMs > now) continue;
      this.conclusions.delete(conferenceID);
      const memory = this.meetings.get(conferenceID);
      if (memory) memory.concluded = true;
      out.push({ event: 'meeting.conclude', timestamp: now, payload: { meetingInfo: pending.info } });
    }
    return out;
  }

  /**
   * The events a change fires, after the conclusions that fell due (any change, a clock advance included, is a
   * moment to look). `later` receives events only known a moment afterwards: whether an ended meeting left a
   * recording is settled by whoever ended it, right after the change.
   */
  eventsOf(change: StoreChange, later: (events: EventInfo[]) => void): EventInfo[] {
    return [...this.due(), ...this.changeEvents(change, later)];
  }

  private changeEvents(change: StoreChange, later: (events: EventInfo[]) => void): EventInfo[] {
    const { conferenceID } = change;
    if (conferenceID === undefined) return [];
    const timestamp = this.store.clock.now();
    const meeting = this.store.meetings.get(conferenceID);
    const memory = meeting ? this.remember(meeting) : this.meetings.get(conferenceID);
    if (!memory) return [];
    if (meeting?.live?.recording) memory.recorded = true;
    const event = (
      name: string,
      info: WebhookMeetingInfo,
      attendeeInfo?: WebhookAttendeeInfo,
    ): EventInfo => ({
      event: name,
      timestamp,
      payload: { meetingInfo: info, ...(attendeeInfo ? { attendeeInfo } : {}) },
    });

    switch (change.kind) {
      case 'meeting.created':
        return meeting ? [event('meeting.create', memory.info)] : [];
      case 'meeting.updated':
        // Management edits carry no detail; live-state changes (lock, record ...) carry what changed and are
        // no `meeting.modify`.
        return meeting && change.detail === undefined ? [event('meeting.modify', this.infoOf(meeting))] : [];
      case 'meeting.cancelled': {
        // A cancelled meeting can no longer be joined: concluded now, unless it already was.
        const pending = this.conclusions.get(conferenceID);
        this.conclusions.delete(conferenceID);
        this.meetings.delete(conferenceID);
        const out = [event('meeting.cancel', memory.info)];
        if (!memory.concluded) out.push(event('meeting.conclude', pending?.info ?? memory.info));
        return out;
      }
      case 'meeting.started': {
        if (!meeting) return [];
        // Joined again before its scheduled end: not concluded after all (until this run ends).
        this.conclusions.delete(conferenceID);
        memory.concluded = false;
        memory.info = this.infoOf(meeting);
        memory.attendees.clear();
        memory.recorded = meeting.live?.recording ?? false;
        memory.hadRecordFile = meeting.hasRecordFile;
        return [event('meeting.started', this.infoOf(meeting, true))];
      }
      case 'meeting.ended':
        return meeting ? this.ended(meeting, memory, event, later) : [];
      case ParticipantEventKind.JOINED: {
        if (!isParticipant(change.detail)) return [];
        const attendee = attendeeInfoOf(change.detail);
        memory.attendees.set(change.detail.pid, attendee);
        return [event('meeting.join', memory.info, attendee)];
      }
      case ParticipantEventKind.LEFT: {
        const pid = (change.detail as { pid?: unknown } | undefined)?.pid;
        const attendee = typeof pid === 'string' ? memory.attendees.get(pid) : undefined;
        // Someone who never got in (still ringing, still waiting) does not leave.
        if (!attendee || typeof pid !== 'string') return [];
        memory.attendees.delete(pid);
        return [event('meeting.left', memory.info, { ...attendee, leftTime: timestamp })];
      }
      default:
        return [];
    }
  }

  private ended(
    meeting: MeetingRecord,
    memory: MeetingMemory,
    event: (name: string, info: WebhookMeetingInfo, attendeeInfo?: WebhookAttendeeInfo) => EventInfo,
    later: (events: EventInfo[]) => void,
  ): EventInfo[] {
    const withCycle = this.infoOf(meeting, true);
    // UNVERIFIED: whoever is still in the meeting when it ends leaves with it.
    const out = [...memory.attendees.values()].map((a) =>
      event('meeting.left', memory.info, { ...a, leftTime: meeting.endedAtMs ?? this.store.clock.now() }),
    );
    memory.attendees.clear();
    out.push(event('meeting.end', withCycle));
    // Not concluded together with the end: only once the meeting can no longer be joined.
    const atMs = joinableUntil(meeting);
    if (atMs <= this.store.clock.now()) {
      memory.concluded = true;
      out.push(event('meeting.conclude', withCycle));
    } else {
      this.conclusions.set(meeting.conferenceID, { info: withCycle, atMs });
    }
    const recorded = memory.recorded;
    memory.recorded = false;
    queueMicrotask(() => {
      if (recorded || (meeting.hasRecordFile && !memory.hadRecordFile)) {
        later([event('record.finish', withCycle)]);
      }
    });
    return out;
  }
}
