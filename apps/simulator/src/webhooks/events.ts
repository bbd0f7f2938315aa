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

/** Follows the store and answers, for each change, the webhook events it fires (in order). */
export class WebhookEventSource {
  private readonly meetings = new Map<string, MeetingMemory>();

  constructor(private readonly store: Store) {
    for (const meeting of store.meetings.values()) this.remember(meeting);
  }

  private remember(meeting: MeetingRecord): MeetingMemory {
    let memory = this.meetings.get(meeting.conferenceID);
    if (!memory) {
      memory = { info: this.infoOf(meeting), attendees: new Map(), recorded: false, hadRecordFile: false };
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

  /**
   * The events a change fires. `later` receives events only known a moment afterwards: whether an ended
   * meeting left a recording is settled by whoever ended it, right after the change.
   */
  eventsOf(change: StoreChange, later: (events: EventInfo[]) => void): EventInfo[] {
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
      case 'meeting.cancelled':
        this.meetings.delete(conferenceID);
        return [event('meeting.cancel', memory.info)];
      case 'meeting.started': {
        if (!meeting) return [];
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
    // A normal meeting is also concluded; a recurring one can run again and only ends (C.3 OBS note).
    if (meeting.conferenceType !== 2) out.push(event('meeting.conclude', withCycle));
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
