/**
 * Meeting state of the simulator. Records hold what the REST side changes; the live part exists while a meeting
 * is in progress. Management (rest/meetings.ts) and control (rest/control.ts) both act on these records.
 */

/** `conferenceState` values as published. */
export type ConferenceState = 'Schedule' | 'Creating' | 'Created' | 'Destroyed';

/** One participant online (or being called) in a meeting in progress. */
export interface ParticipantRecord {
  /** Participant ID (`pid`). */
  pid: string;
  name: string;
  /** SIP or phone number. */
  number: string;
  accountId?: string | undefined;
  userUUID?: string | undefined;
  thirdAccount?: string | undefined;
  /** 0 guest, 1 host, 2 audience. */
  role: 0 | 1 | 2;
  /** 0 in meeting, 1 being called, 2 joining. */
  state: 0 | 1 | 2;
  /** 0 audio only, 1 video. */
  video: 0 | 1;
  cameraOn: boolean;
  muted: boolean;
  handUp: boolean;
  sharing: boolean;
  coHost: boolean;
  /** Epoch ms the participant joined (or was called). */
  joinedAtMs: number;
  clientType: 'Desktop' | 'Mobile' | 'Pad' | 'OtherType';
  /** In the waiting room rather than the meeting. */
  waiting: boolean;
}

/** Meeting-wide live state while in progress. */
export interface LiveState {
  startedAtMs: number;
  /** pid -> participant (including those being called and those waiting). */
  participants: Map<string, ParticipantRecord>;
  locked: boolean;
  recording: boolean;
  living: boolean;
  paused: boolean;
  muteAll: boolean;
  allowUnmuteByOneself: boolean;
  /** pid broadcast to all, if any. */
  broadcastPid: string | undefined;
  /** pid under roll call, if any. */
  rollCallPid: string | undefined;
  /** Extra minutes granted by extend (prolong). */
  extendedMinutes: number;
  /** In-meeting settings changed through updateStartedConfConfig. */
  settings: Record<string, number>;
  subtitlesOn: boolean;
  interpreterGroups: unknown[];
  /** Next participant number suffix. */
  nextPid: number;
  /** Recurring series: the sub-meeting this run holds (fixed at start, so an overrun still ends the right one). */
  cycleSubConfID: string | undefined;
}

/** A recurring series' sub-meeting. */
export interface SubConfRecord {
  cycleSubConfID: string;
  startTimeMs: number;
  lengthMinutes: number;
  mediaType: string;
  cancelled: boolean;
  isAutoRecord: 0 | 1;
  recordAuthType?: number | undefined;
  description?: string | undefined;
  confConfigInfo?: Record<string, unknown> | undefined;
  /** The sub-meeting has run and ended (its run is in history); the series has moved on. */
  ended?: boolean | undefined;
}

/** One meeting (a single meeting or a recurring series). */
export interface MeetingRecord {
  conferenceID: string;
  /** Instance UUID; a new one each time the meeting runs. */
  confUUID: string;
  subject: string;
  mediaTypes: string;
  /** Scheduled start, epoch ms (UTC). */
  startTimeMs: number;
  lengthMinutes: number;
  timeZoneID: string;
  language: string;
  /** User ID (`id` of the user record) of the scheduler. */
  ownerId: string;
  state: ConferenceState;
  confType: 'FUTURE' | 'IMMEDIATELY' | 'CYCLE';
  /** 0 normal, 2 recurring. */
  conferenceType: 0 | 2;
  chairPassword: string;
  guestPassword: string;
  accessNumber: string;
  /** The request body fields as scheduled (attendees, confConfigInfo, recordType ...), wire names. */
  schedule: Record<string, unknown>;
  /** Recurring series: its sub-meetings. */
  subConfs: SubConfRecord[];
  createdAtMs: number;
  /** When the latest run ended; undefined until the meeting has run once. */
  endedAtMs: number | undefined;
  /** Present while in progress. */
  live: LiveState | undefined;
  /**
   * On a meeting: whether any run made a recording (webhooks compare it across a run). On a history entry
   * (`Store.history`): whether that run made one.
   */
  hasRecordFile: boolean;
}

/** Fresh live state for a meeting that starts now (holding `cycleSubConfID` when it is a series). */
export function newLiveState(nowMs: number, cycleSubConfID?: string): LiveState {
  return {
    startedAtMs: nowMs,
    participants: new Map(),
    locked: false,
    recording: false,
    living: false,
    paused: false,
    muteAll: false,
    allowUnmuteByOneself: true,
    broadcastPid: undefined,
    rollCallPid: undefined,
    extendedMinutes: 0,
    settings: {},
    subtitlesOn: false,
    interpreterGroups: [],
    nextPid: 1,
    cycleSubConfID,
  };
}
