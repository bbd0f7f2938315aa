/**
 * Scheduling: turns the published scheduling bodies (`RestScheduleConfDTO`, `RestScheduleCycleConfDTO`) into
 * meeting records and applies edits, including the expansion of recurring series into sub-meetings.
 */
import type { CycleParams, RestScheduleConf, RestScheduleCycleConf } from '@hwmeeting/client/wire';
import { SimErrorCode, SimHttpError } from '../http/errors.js';
import { endMeeting, startMeeting } from './lifecycle.js';
import type { MeetingRecord, SubConfRecord } from './meetings.js';
import {
  DAY_MS,
  floorToMinute,
  formatDate,
  isRealDate,
  parseDate,
  parseMeetingTime,
  timeZoneOffsetMs,
} from './meetingTime.js';
import { currentSubConf, syncSeries } from './series.js';
import type { Store, UserRecord } from './store.js';

/** Default meeting length in minutes. */
export const DEFAULT_LENGTH_MINUTES = 30;
/** Default `timeZoneID` (GMT+08:00 Beijing, the China default). */
export const DEFAULT_TIME_ZONE_ID = '56';
/** Default notification language. */
export const DEFAULT_LANGUAGE = 'zh-CN';
/** SIP access number every meeting shares. */
export const ACCESS_NUMBER = '+991117';
/** Most sub-meetings of a series; the end date is pulled in beyond it. */
export const MAX_SUB_MEETINGS = 50;
/** How far ahead a meeting may be scheduled (about a year). */
const MAX_AHEAD_MS = 366 * DAY_MS;

/** The scheduling fields kept in `MeetingRecord.schedule`: the request body as last sent, merged over edits. */
export type ScheduleFields = Partial<RestScheduleConf>;

/** Typed view of a record's stored scheduling fields (written only by this module). */
export function scheduleOf(meeting: MeetingRecord): ScheduleFields {
  return meeting.schedule as ScheduleFields;
}

function badRequest(message: string): SimHttpError {
  return new SimHttpError(400, SimErrorCode.MMC_BAD_REQUEST, message);
}

/**
 * Published `mediaTypes` of a meeting: the create example answers `"Data,Voice,HDVideo"` for `HDVideo`.
 * UNVERIFIED for `Voice`, answered as `"Data,Voice"`.
 */
function publishedMediaTypes(requested: string): string {
  return requested === 'HDVideo' ? 'Data,Voice,HDVideo' : 'Data,Voice';
}

/** A fresh 9-digit meeting ID not yet in use. */
function newConferenceId(store: Store): string {
  for (;;) {
    const id = store.ids.digits(9);
    if (!store.meetings.has(id)) return id;
  }
}

/** Two different 6-digit passwords: host (chair) and guest. */
function newPasswords(store: Store, guestPwd: string | undefined): { chair: string; guest: string } {
  const guest = guestPwd ?? store.ids.pin(6);
  for (;;) {
    const chair = store.ids.pin(6);
    if (chair !== guest) return { chair, guest };
  }
}

/** Checks a scheduled start: not in the past (minute resolution) and at most about a year ahead. */
function checkStart(store: Store, startMs: number, field: string): void {
  const now = store.clock.now();
  if (startMs < floorToMinute(now)) throw badRequest(`${field}: must not be in the past`);
  if (startMs > now + MAX_AHEAD_MS) {
    throw new SimHttpError(
      400,
      SimErrorCode.MMC_START_TIME_OUT_OF_RANGE,
      `${field}: beyond the allowed scheduling range`,
    );
  }
}

function baseRecord(
  store: Store,
  owner: UserRecord,
  body: RestScheduleConf,
  startTimeMs: number,
  kind: Pick<MeetingRecord, 'confType' | 'conferenceType'>,
): MeetingRecord {
  const passwords = newPasswords(store, body.confConfigInfo?.guestPwd);
  const { cycleParams: _ignored, ...fields } = body;
  return {
    conferenceID: newConferenceId(store),
    confUUID: store.ids.uuid(),
    // UNVERIFIED: the subject the server gives a meeting scheduled without one.
    subject: body.subject ?? `${owner.name}'s meeting`,
    mediaTypes: publishedMediaTypes(body.mediaTypes),
    startTimeMs,
    lengthMinutes: body.length ?? DEFAULT_LENGTH_MINUTES,
    timeZoneID: body.timeZoneID ?? DEFAULT_TIME_ZONE_ID,
    language: body.language ?? DEFAULT_LANGUAGE,
    ownerId: owner.id,
    state: 'Schedule',
    ...kind,
    chairPassword: passwords.chair,
    guestPassword: passwords.guest,
    accessNumber: ACCESS_NUMBER,
    schedule: { ...fields },
    subConfs: [],
    createdAtMs: store.clock.now(),
    endedAtMs: undefined,
    live: undefined,
    hasRecordFile: false,
  };
}

/**
 * M1: creates a meeting for `owner`. Without a start time it is an immediate meeting, started at once;
 * otherwise a scheduled one.
 */
export function createSingleMeeting(store: Store, owner: UserRecord, body: RestScheduleConf): MeetingRecord {
  if (body.cycleParams) throw badRequest('body.cycleParams: recurring meetings are created with R1');
  const immediate = !body.startTime;
  const startMs = body.startTime ? parseMeetingTime(body.startTime) : store.clock.now();
  if (!immediate) checkStart(store, startMs, 'body.startTime');
  const meeting = baseRecord(store, owner, body, startMs, {
    confType: immediate ? 'IMMEDIATELY' : 'FUTURE',
    conferenceType: 0,
  });
  store.meetings.set(meeting.conferenceID, meeting);
  store.emit({ kind: 'meeting.created', conferenceID: meeting.conferenceID });
  if (immediate) startMeeting(store, meeting);
  return meeting;
}

/** Checks the calendar of a series: real dates, at most a year long, and (on creation) not before today. */
function checkCycleDates(store: Store, cycle: CycleParams, timeZoneID: string, creating: boolean): void {
  for (const key of ['startDate', 'endDate'] as const) {
    if (!isRealDate(cycle[key])) throw badRequest(`body.cycleParams.${key}: not a calendar date`);
  }
  const start = parseDate(cycle.startDate);
  if (parseDate(cycle.endDate) - start > MAX_AHEAD_MS) {
    throw badRequest('body.cycleParams.endDate: at most one year after startDate');
  }
  const today = parseDate(formatDate(store.clock.now() + timeZoneOffsetMs(timeZoneID)));
  if (creating && start < today) throw badRequest('body.cycleParams.startDate: must not be before today');
}

/** The local calendar days (UTC midnights of local dates) a recurrence names, in order. */
function seriesDays(cycle: CycleParams): number[] {
  const first = parseDate(cycle.startDate);
  const last = parseDate(cycle.endDate);
  const interval = cycle.interval ?? 1;
  const days: number[] = [];
  const firstDate = new Date(first);
  if (cycle.cycle === 'Day') {
    for (let day = first; day <= last; day += interval * DAY_MS) days.push(day);
  } else if (cycle.cycle === 'Week') {
    const weekdays = [...new Set(cycle.point ?? [firstDate.getUTCDay()])].sort((a, b) => a - b);
    const firstSunday = first - firstDate.getUTCDay() * DAY_MS;
    for (let week = firstSunday; week <= last; week += 7 * interval * DAY_MS) {
      for (const weekday of weekdays) {
        const day = week + weekday * DAY_MS;
        if (day >= first && day <= last) days.push(day);
      }
    }
  } else {
    const monthDays = [...new Set(cycle.point ?? [firstDate.getUTCDate()])].sort((a, b) => a - b);
    for (let step = 0; ; step += interval) {
      const year = firstDate.getUTCFullYear();
      const month = firstDate.getUTCMonth() + step;
      if (Date.UTC(year, month, 1) > last) break;
      const monthEnd = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
      // A day the month lacks (the 31st in April) falls on the month's last day.
      const inMonth = new Set(monthDays.map((d) => Date.UTC(year, month, Math.min(d, monthEnd))));
      for (const day of inMonth) if (day >= first && day <= last) days.push(day);
    }
  }
  return days;
}

/**
 * Sub-meeting starts (epoch ms) of a series: each day of the recurrence at the local time of day of `startMs`,
 * skipping starts already past, at most {@link MAX_SUB_MEETINGS} (the end date is pulled in beyond them).
 */
export function expandSeries(
  cycle: CycleParams,
  startMs: number,
  timeZoneID: string,
  notBeforeMs: number,
): { starts: number[]; endDate: string } {
  const offset = timeZoneOffsetMs(timeZoneID);
  const timeOfDay = (((startMs + offset) % DAY_MS) + DAY_MS) % DAY_MS;
  const starts = seriesDays(cycle)
    .map((day) => day + timeOfDay - offset)
    .filter((start) => start >= floorToMinute(notBeforeMs))
    .slice(0, MAX_SUB_MEETINGS);
  const lastStart = starts.at(-1);
  const endDate =
    starts.length === MAX_SUB_MEETINGS && lastStart !== undefined
      ? formatDate(lastStart + offset)
      : cycle.endDate;
  return { starts, endDate };
}

/** Builds the sub-meetings of a series from its stored schedule; 400 when the recurrence names none. */
function buildSubConfs(store: Store, meeting: MeetingRecord, cycle: CycleParams, startMs: number): void {
  const fields = scheduleOf(meeting);
  const { starts, endDate } = expandSeries(cycle, startMs, meeting.timeZoneID, store.clock.now());
  if (starts.length === 0) throw badRequest('body.cycleParams: the recurrence holds no future sub-meeting');
  meeting.subConfs = starts.map((start) => ({
    cycleSubConfID: store.ids.uuid(),
    startTimeMs: start,
    lengthMinutes: fields.length ?? DEFAULT_LENGTH_MINUTES,
    mediaType: fields.mediaTypes ?? 'HDVideo',
    cancelled: false,
    isAutoRecord: fields.isAutoRecord ?? 0,
    recordAuthType: fields.recordAuthType,
  }));
  meeting.schedule.cycleParams = { ...cycle, endDate };
  syncSeries(store, meeting);
}

/** R1: creates a recurring series for `owner` with its sub-meetings. */
export function createSeries(store: Store, owner: UserRecord, body: RestScheduleConf): MeetingRecord {
  if (!body.cycleParams) throw badRequest('body.cycleParams: required for a recurring meeting');
  if (!body.startTime) throw badRequest('body.startTime: required for a recurring meeting');
  const timeZoneID = body.timeZoneID ?? DEFAULT_TIME_ZONE_ID;
  checkCycleDates(store, body.cycleParams, timeZoneID, true);
  const startMs = parseMeetingTime(body.startTime);
  const meeting = baseRecord(store, owner, body, startMs, { confType: 'CYCLE', conferenceType: 2 });
  buildSubConfs(store, meeting, body.cycleParams, startMs);
  store.meetings.set(meeting.conferenceID, meeting);
  store.emit({ kind: 'meeting.created', conferenceID: meeting.conferenceID });
  return meeting;
}

/** Applies the fields an edit sends (M2, R2) over the stored ones; omitted fields keep their values. */
function applyFields(meeting: MeetingRecord, body: RestScheduleConf): void {
  const { cycleParams: _ignored, startTime, ...fields } = body;
  Object.assign(meeting.schedule, fields);
  if (startTime) meeting.schedule.startTime = startTime;
  if (body.subject !== undefined) meeting.subject = body.subject;
  if (body.length !== undefined) meeting.lengthMinutes = body.length;
  if (body.timeZoneID !== undefined) meeting.timeZoneID = body.timeZoneID;
  if (body.language !== undefined) meeting.language = body.language;
  if (body.confConfigInfo?.guestPwd !== undefined) meeting.guestPassword = body.confConfigInfo.guestPwd;
  meeting.mediaTypes = publishedMediaTypes(body.mediaTypes);
}

function requireScheduled(meeting: MeetingRecord): void {
  if (meeting.state !== 'Schedule') throw badRequest('only a meeting that has not started can be edited');
}

/** M2: edits a scheduled single meeting. */
export function updateSingleMeeting(store: Store, meeting: MeetingRecord, body: RestScheduleConf): void {
  if (meeting.conferenceType === 2) throw badRequest('conferenceID: a recurring series is edited with R2');
  requireScheduled(meeting);
  if (body.cycleParams) throw badRequest('body.cycleParams: only a recurring series has a recurrence');
  if (body.startTime) {
    const startMs = parseMeetingTime(body.startTime);
    checkStart(store, startMs, 'body.startTime');
    meeting.startTimeMs = startMs;
  }
  applyFields(meeting, body);
  store.emit({ kind: 'meeting.updated', conferenceID: meeting.conferenceID });
}

/**
 * R2: edits a series. A new recurrence, start time or length rebuilds its sub-meetings (with new IDs, as the
 * old ones no longer describe it); other edits keep them.
 */
export function updateSeries(store: Store, meeting: MeetingRecord, body: RestScheduleConf): void {
  if (meeting.conferenceType !== 2) throw badRequest('conferenceID: not a recurring series');
  requireScheduled(meeting);
  const fields = scheduleOf(meeting);
  const stored = fields.cycleParams as CycleParams;
  const cycle = body.cycleParams ?? stored;
  if (body.cycleParams)
    checkCycleDates(store, body.cycleParams, body.timeZoneID ?? meeting.timeZoneID, false);
  const rebuild =
    (body.cycleParams !== undefined && JSON.stringify(body.cycleParams) !== JSON.stringify(stored)) ||
    (Boolean(body.startTime) && body.startTime !== fields.startTime) ||
    (body.length !== undefined && body.length !== (fields.length ?? DEFAULT_LENGTH_MINUTES)) ||
    (body.timeZoneID !== undefined && body.timeZoneID !== meeting.timeZoneID);
  const startText = body.startTime || fields.startTime;
  applyFields(meeting, body);
  if (rebuild) {
    buildSubConfs(store, meeting, cycle, startText ? parseMeetingTime(startText) : meeting.startTimeMs);
  } else {
    for (const sub of meeting.subConfs) sub.mediaType = body.mediaTypes;
  }
  store.emit({ kind: 'meeting.updated', conferenceID: meeting.conferenceID });
}

/** The sub-meeting of a series with this ID, not cancelled, or 400. */
function requireSubConf(meeting: MeetingRecord, cycleSubConfID: string, field: string): SubConfRecord {
  // A sub-meeting that has run and ended is past: it can no longer be edited or cancelled.
  const sub = meeting.subConfs.find((s) => s.cycleSubConfID === cycleSubConfID && !s.cancelled && !s.ended);
  if (!sub)
    throw new SimHttpError(400, SimErrorCode.MMC_MEETING_NOT_FOUND, `${field}: sub-meeting does not exist`);
  return sub;
}

/** R4: edits one sub-meeting of a series. */
export function updateSubConf(store: Store, meeting: MeetingRecord, body: RestScheduleCycleConf): void {
  if (meeting.conferenceType !== 2) throw badRequest('conferenceID: not a recurring series');
  const sub = requireSubConf(meeting, body.cycleSubConfID, 'body.cycleSubConfID');
  const startMs = parseMeetingTime(body.startTime);
  checkStart(store, startMs, 'body.startTime');
  sub.startTimeMs = startMs;
  sub.lengthMinutes = body.length;
  sub.mediaType = body.mediaTypes;
  if (body.isAutoRecord !== undefined) sub.isAutoRecord = body.isAutoRecord;
  if (body.recordAuthType !== undefined) sub.recordAuthType = body.recordAuthType;
  if (body.description !== undefined) sub.description = body.description;
  if (body.confConfigInfo !== undefined) sub.confConfigInfo = { ...body.confConfigInfo };
  // A running series keeps its current times until it ends.
  if (meeting.state === 'Schedule') syncSeries(store, meeting);
  store.emit({ kind: 'meeting.updated', conferenceID: meeting.conferenceID });
}

/**
 * R5: cancels sub-meetings. Returns whether the series still has any; the caller removes it otherwise.
 * The current sub-meeting of a running series is cancelled only with `type=1`, which ends the meeting.
 */
export function cancelSubConfs(
  store: Store,
  meeting: MeetingRecord,
  ids: readonly string[],
  endIfRunning: boolean,
): boolean {
  if (meeting.conferenceType !== 2) throw badRequest('conferenceID: not a recurring series');
  const subs = ids.map((id, i) => requireSubConf(meeting, id, `body.cycleSubConfIDs.${i}`));
  const current = currentSubConf(meeting, store.clock.now());
  const running = meeting.state === 'Created' && current !== undefined && subs.includes(current);
  if (running && !endIfRunning) {
    throw new SimHttpError(400, SimErrorCode.MMC_IN_PROGRESS, 'the sub-meeting is in progress; use type=1');
  }
  for (const sub of subs) sub.cancelled = true;
  if (running) endMeeting(store, meeting, { cancelled: true });
  const remaining = syncSeries(store, meeting);
  if (remaining) store.emit({ kind: 'meeting.updated', conferenceID: meeting.conferenceID });
  return remaining;
}
