import type { CallOptions, ClientCore } from '../core.js';
import { ClientErrorCode, MeetingApiError } from '../errors.js';
import {
  type CancelMeetingQuery,
  type ConferenceDetail,
  type ConferenceInfo,
  type ConferencePage,
  cancelMeeting,
  cancelRecurringMeeting,
  cancelRecurringSubMeeting,
  createMeeting,
  createRecurringMeeting,
  type HisMeetingDetailHeaders,
  type HisMeetingDetailQuery,
  type MeetingDetailHeaders,
  type MeetingDetailQuery,
  type RestScheduleConf,
  type RestScheduleCycleConf,
  type SearchHisMeetingsQuery,
  type SearchMeetingsQuery,
  type SearchOnlineMeetingsQuery,
  type StartMeetingResponse,
  searchHisMeetings,
  searchMeetings,
  searchOnlineMeetings,
  showHisMeetingDetail,
  showMeetingDetail,
  showOnlineMeetingDetail,
  startMeeting,
  updateMeeting,
  updateRecurringMeeting,
  updateRecurringSubMeeting,
} from '../wire/meetings.js';

/** The one meeting of a create/edit answer, which the server sends as an array. */
function firstMeeting(operation: string, answer: ConferenceInfo[]): ConferenceInfo {
  const meeting = answer[0];
  if (!meeting) {
    throw new MeetingApiError({
      code: ClientErrorCode.INVALID_RESPONSE,
      operation,
      field: 'response',
      message: `${operation}: the answer holds no meeting`,
    });
  }
  return meeting;
}

/**
 * Meeting management (rest-api.md section 3): schedule, edit, cancel, list, details, history, recurring series
 * and activation. `options.userId` acts as that user (App ID mode); omitted, as the enterprise administrator.
 */
export class MeetingsApi {
  constructor(private readonly core: ClientCore) {}

  /** M1: schedules a meeting, or starts one now when `startTime` is omitted or empty. */
  async create(meeting: RestScheduleConf, options?: CallOptions): Promise<ConferenceInfo> {
    const answer = await this.core.call(createMeeting, { body: meeting }, options);
    return firstMeeting(createMeeting.name, answer);
  }

  /** M2: edits a scheduled meeting and returns it as it now is. */
  async update(
    conferenceID: string,
    meeting: RestScheduleConf,
    options?: CallOptions,
  ): Promise<ConferenceInfo> {
    const answer = await this.core.call(updateMeeting, { query: { conferenceID }, body: meeting }, options);
    return firstMeeting(updateMeeting.name, answer);
  }

  /** M3: cancels a meeting; `type: 1` also ends it when it is running. */
  async cancel(query: CancelMeetingQuery, options?: CallOptions): Promise<void> {
    await this.core.call(cancelMeeting, { query }, options);
  }

  /** M4: a page of scheduled and ongoing meetings (`queryAll` lists everyone's, for administrators). */
  list(query: SearchMeetingsQuery = {}, options?: CallOptions): Promise<ConferencePage> {
    return this.core.call(searchMeetings, { query }, options);
  }

  /** M5: a page of meetings in progress, each with `onlineAttendeeAmount`. */
  listOnline(query: SearchOnlineMeetingsQuery = {}, options?: CallOptions): Promise<ConferencePage> {
    return this.core.call(searchOnlineMeetings, { query }, options);
  }

  /** M6: a scheduled or ongoing meeting with a page of its invitees. */
  get(
    query: MeetingDetailQuery,
    split?: MeetingDetailHeaders,
    options?: CallOptions,
  ): Promise<ConferenceDetail> {
    return this.core.call(showMeetingDetail, split ? { query, headers: split } : { query }, options);
  }

  /** M7: a meeting in progress with a page of its invitees. */
  getOnline(
    query: MeetingDetailQuery,
    split?: MeetingDetailHeaders,
    options?: CallOptions,
  ): Promise<ConferenceDetail> {
    return this.core.call(showOnlineMeetingDetail, split ? { query, headers: split } : { query }, options);
  }

  /** M8: a page of ended meetings that started between `startDate` and `endDate` (epoch ms). */
  listHistory(query: SearchHisMeetingsQuery, options?: CallOptions): Promise<ConferencePage> {
    return this.core.call(searchHisMeetings, { query }, options);
  }

  /** M9: an ended meeting by `confUUID` with a page of its invitees. */
  getHistory(
    query: HisMeetingDetailQuery,
    split?: HisMeetingDetailHeaders,
    options?: CallOptions,
  ): Promise<ConferenceDetail> {
    return this.core.call(showHisMeetingDetail, split ? { query, headers: split } : { query }, options);
  }

  /** R1: schedules a recurring series (`cycleParams` required) and returns it with its sub-meetings. */
  async createRecurring(series: RestScheduleConf, options?: CallOptions): Promise<ConferenceInfo> {
    const answer = await this.core.call(createRecurringMeeting, { body: series }, options);
    return firstMeeting(createRecurringMeeting.name, answer);
  }

  /** R2: edits a recurring series and returns it as it now is. */
  async updateRecurring(
    conferenceID: string,
    series: RestScheduleConf,
    options?: CallOptions,
  ): Promise<ConferenceInfo> {
    const answer = await this.core.call(
      updateRecurringMeeting,
      { query: { conferenceID }, body: series },
      options,
    );
    return firstMeeting(updateRecurringMeeting.name, answer);
  }

  /** R3: cancels a whole series; `type: 1` also ends it when it is running. */
  async cancelRecurring(query: CancelMeetingQuery, options?: CallOptions): Promise<void> {
    await this.core.call(cancelRecurringMeeting, { query }, options);
  }

  /** R4: edits one sub-meeting of a series (named by `cycleSubConfID` in the body). */
  async updateSubMeeting(
    conferenceID: string,
    subMeeting: RestScheduleCycleConf,
    options?: CallOptions,
  ): Promise<void> {
    await this.core.call(updateRecurringSubMeeting, { query: { conferenceID }, body: subMeeting }, options);
  }

  /** R5: cancels sub-meetings of a series; `type: 1` also ends one that is running. */
  async cancelSubMeetings(
    query: CancelMeetingQuery,
    cycleSubConfIDs: string[],
    options?: CallOptions,
  ): Promise<void> {
    await this.core.call(cancelRecurringSubMeeting, { query, body: { cycleSubConfIDs } }, options);
  }

  /** M10: activates a meeting with its host password (or the guest password when guests may start it). */
  start(conferenceID: string, password: string, options?: CallOptions): Promise<StartMeetingResponse> {
    return this.core.call(startMeeting, { body: { conferenceID, password } }, options);
  }
}
