import { type ConferenceInfo, meetingOperations } from '@hwmeeting/client/wire';
import { CONF_AUTH_FAILED_MSG, SimErrorCode, SimHttpError } from '../http/errors.js';
import { type HandlerContext, on, type Route } from '../http/router.js';
import { confConfigOf, conferenceInfo, inviteePage } from '../state/conferenceInfo.js';
import { endMeeting, requireMeeting, startMeeting } from '../state/lifecycle.js';
import {
  isEnterpriseAdmin,
  isOwnOrInvited,
  requireManageable,
  requireViewable,
} from '../state/meetingAccess.js';
import type { MeetingRecord } from '../state/meetings.js';
import { DAY_MS } from '../state/meetingTime.js';
import {
  cancelSubConfs,
  createSeries,
  createSingleMeeting,
  updateSeries,
  updateSingleMeeting,
  updateSubConf,
} from '../state/schedule.js';
import type { Store, UserRecord } from '../state/store.js';

/** `regionIP` answered by an activation: the simulator is its own region. */
const REGION_IP = '127.0.0.1';
/** Default page size of the lists. */
const DEFAULT_LIMIT = 20;

/**
 * How far ahead `queryConfMode` looks for scheduled meetings (meetings in progress are always listed).
 * UNVERIFIED: the reference gives only the names ADAY, AWEEK, AMONTH, ALL.
 */
const CONF_MODE_WINDOW_MS = { ADAY: DAY_MS, AWEEK: 7 * DAY_MS, AMONTH: 31 * DAY_MS } as const;

type Caller = NonNullable<HandlerContext['caller']>;

/** The caller of an `access` operation (the dispatcher has authenticated it). */
function callerOf(context: { caller: HandlerContext['caller'] }): Caller {
  if (!context.caller)
    throw new SimHttpError(401, SimErrorCode.USG_TOKEN_INVALID, 'token invalid or expired');
  return context.caller;
}

/** A meeting that exists and has not ended (ended ones are history), or "meeting does not exist". */
function requireCurrent(store: Store, conferenceID: string): MeetingRecord {
  const meeting = requireMeeting(store, conferenceID);
  if (meeting.state === 'Destroyed') {
    throw new SimHttpError(400, SimErrorCode.MMC_MEETING_NOT_FOUND, 'meeting does not exist');
  }
  return meeting;
}

/**
 * The caller and the current meeting `query.conferenceID` names, checked by `access` (may the caller manage it,
 * or see it).
 */
function callerAndMeeting(
  ctx: { caller: HandlerContext['caller']; store: Store; query: { conferenceID: string } },
  access: (user: UserRecord, meeting: MeetingRecord) => MeetingRecord,
): { user: UserRecord; meeting: MeetingRecord } {
  const { user } = callerOf(ctx);
  return { user, meeting: access(user, requireCurrent(ctx.store, ctx.query.conferenceID)) };
}

/**
 * Meetings a list shows the caller: those they scheduled or are invited to (published-behaviour.md §1), or for an
 * administrator everyone's with `queryAll=true` or one user's with `userUUID` (M4 only; ignored for normal
 * users). `from` is what is listed: the meetings, or the ended runs of history. UNVERIFIED
 * (published-behaviour.md §1): an administrator's own view, like a member's, includes invitations.
 */
function listedFor(
  store: Store,
  user: UserRecord,
  scope: { queryAll?: boolean | undefined; userUUID?: string | undefined },
  from: Iterable<MeetingRecord> = store.meetings.values(),
): MeetingRecord[] {
  const all = [...from];
  if (isEnterpriseAdmin(user)) {
    if (scope.queryAll) return all;
    if (scope.userUUID) return all.filter((m) => m.ownerId === scope.userUUID);
  }
  return all.filter((m) => isOwnOrInvited(user, m));
}

/** `searchKey` of the lists: subject, scheduler name or meeting ID, case-insensitive. */
function matchesKey(store: Store, meeting: MeetingRecord, searchKey: string | undefined): boolean {
  if (!searchKey) return true;
  const key = searchKey.toLowerCase();
  const scheduler = store.users.get(meeting.ownerId)?.name ?? '';
  return [meeting.subject, scheduler, meeting.conferenceID].some((v) => v.toLowerCase().includes(key));
}

/** One page of meetings: `{offset, limit, count, data}` with `count` the total. */
function page(
  meetings: MeetingRecord[],
  paging: { offset?: number | undefined; limit?: number | undefined },
  view: (meeting: MeetingRecord) => ConferenceInfo,
) {
  const offset = paging.offset ?? 0;
  const limit = paging.limit ?? DEFAULT_LIMIT;
  return { offset, limit, count: meetings.length, data: meetings.slice(offset, offset + limit).map(view) };
}

const byStart = (a: MeetingRecord, b: MeetingRecord) => a.startTimeMs - b.startTimeMs;

/** Removes a cancelled meeting, ending it first when it runs (the caller has checked that it may). */
function removeMeeting(store: Store, meeting: MeetingRecord): void {
  endMeeting(store, meeting, { cancelled: true });
  store.meetings.delete(meeting.conferenceID);
  store.emit({ kind: 'meeting.cancelled', conferenceID: meeting.conferenceID });
}

/** Cancels a meeting or series: a running one only with `type=1` (then it ends first). */
function cancel(store: Store, meeting: MeetingRecord, type: 0 | 1 | undefined): void {
  if (meeting.state === 'Created' && type !== 1) {
    throw new SimHttpError(400, SimErrorCode.MMC_IN_PROGRESS, 'the meeting is in progress; use type=1');
  }
  removeMeeting(store, meeting);
}

/** Published routes of this area: meeting management M1-M10 and recurring meetings R1-R5. */
export const meetingRoutes: Route[] = [
  on(meetingOperations.createMeeting, (ctx) => {
    const { user } = callerOf(ctx);
    const meeting = createSingleMeeting(ctx.store, user, ctx.body);
    return { body: [conferenceInfo(ctx.store, meeting, user)] };
  }),

  on(meetingOperations.updateMeeting, (ctx) => {
    const { user, meeting } = callerAndMeeting(ctx, requireManageable);
    updateSingleMeeting(ctx.store, meeting, ctx.body);
    return { body: [conferenceInfo(ctx.store, meeting, user)] };
  }),

  on(meetingOperations.cancelMeeting, (ctx) => {
    const { meeting } = callerAndMeeting(ctx, requireManageable);
    if (meeting.conferenceType === 2) {
      throw new SimHttpError(
        400,
        SimErrorCode.MMC_BAD_REQUEST,
        'conferenceID: a recurring series is cancelled with R3',
      );
    }
    cancel(ctx.store, meeting, ctx.query.type);
    return {};
  }),

  on(meetingOperations.searchMeetings, (ctx) => {
    const { user } = callerOf(ctx);
    const { query, store } = ctx;
    const now = store.clock.now();
    const mode = query.queryConfMode ?? 'ALL';
    const horizon = mode === 'ALL' ? Number.POSITIVE_INFINITY : now + CONF_MODE_WINDOW_MS[mode];
    const meetings = listedFor(store, user, query)
      .filter((m) => m.state === 'Schedule' || m.state === 'Creating' || m.state === 'Created')
      .filter((m) => m.state !== 'Schedule' || m.startTimeMs < horizon)
      .filter((m) => matchesKey(store, m, query.searchKey))
      .sort(byStart);
    if (query.sortType === 'DSC_StartTIME') meetings.reverse();
    return { body: page(meetings, query, (m) => conferenceInfo(store, m, user, { listed: true })) };
  }),

  on(meetingOperations.searchOnlineMeetings, (ctx) => {
    const { user } = callerOf(ctx);
    const { query, store } = ctx;
    const meetings = listedFor(store, user, { queryAll: query.queryAll })
      .filter((m) => m.state === 'Created' && m.live)
      .filter((m) => matchesKey(store, m, query.searchKey))
      .sort(byStart);
    return {
      body: page(meetings, query, (m) =>
        conferenceInfo(store, m, user, { withOnlineAmount: true, listed: true }),
      ),
    };
  }),

  on(meetingOperations.showMeetingDetail, (ctx) => {
    const { user, meeting } = callerAndMeeting(ctx, requireViewable);
    return {
      body: {
        conferenceData: conferenceInfo(ctx.store, meeting, user, { withRole: true }),
        data: inviteePage(ctx.store, meeting, ctx.query, {
          xType: ctx.headers['X-Type'],
          xQueryType: ctx.headers['X-Query-Type'],
        }),
      },
    };
  }),

  on(meetingOperations.showOnlineMeetingDetail, (ctx) => {
    const { user, meeting } = callerAndMeeting(ctx, requireViewable);
    if (meeting.state !== 'Created' || !meeting.live) {
      throw new SimHttpError(400, SimErrorCode.MMC_NOT_STARTED, 'meeting not started or already ended');
    }
    return {
      body: {
        conferenceData: conferenceInfo(ctx.store, meeting, user, { withRole: true, withOnlineAmount: true }),
        data: inviteePage(ctx.store, meeting, ctx.query, {
          xType: ctx.headers['X-Type'],
          xQueryType: ctx.headers['X-Query-Type'],
        }),
      },
    };
  }),

  on(meetingOperations.searchHisMeetings, (ctx) => {
    const { user } = callerOf(ctx);
    const { query, store } = ctx;
    if (query.endDate < query.startDate) {
      throw new SimHttpError(
        400,
        SimErrorCode.MMC_BAD_REQUEST,
        'query.endDate: must not be before startDate',
      );
    }
    // Each ended run is its own entry (a meeting run twice is listed twice, with its runs' confUUIDs).
    const meetings = listedFor(store, user, { queryAll: query.queryAll }, store.history)
      .filter((m) => m.startTimeMs >= query.startDate && m.startTimeMs <= query.endDate)
      .filter((m) => matchesKey(store, m, query.searchKey));
    // UNVERIFIED: newest first by default; the RecordTYPE orders put recorded meetings first, then by start.
    const sortType = query.sortType ?? 'DSC_StartTIME';
    const descending = sortType.startsWith('DSC');
    const byRecording = sortType.endsWith('RecordTYPE');
    meetings.sort((a, b) => {
      if (byRecording && a.hasRecordFile !== b.hasRecordFile) return a.hasRecordFile ? -1 : 1;
      return descending ? b.startTimeMs - a.startTimeMs : a.startTimeMs - b.startTimeMs;
    });
    return { body: page(meetings, query, (m) => conferenceInfo(store, m, user, { history: true })) };
  }),

  on(meetingOperations.showHisMeetingDetail, (ctx) => {
    const { user } = callerOf(ctx);
    const { query, store } = ctx;
    const ended = store.history.find((run) => run.confUUID === query.confUUID);
    if (!ended) throw new SimHttpError(400, SimErrorCode.MMC_MEETING_NOT_FOUND, 'meeting does not exist');
    const meeting = requireViewable(user, ended);
    const header = (value: number | undefined) => (value === undefined ? undefined : String(value));
    return {
      body: {
        conferenceData: conferenceInfo(store, meeting, user, { withRole: true, history: true }),
        data: inviteePage(store, meeting, query, {
          xType: header(ctx.headers['X-Type']),
          xQueryType: header(ctx.headers['X-Query-Type']),
        }),
      },
    };
  }),

  on(meetingOperations.createRecurringMeeting, (ctx) => {
    const { user } = callerOf(ctx);
    const meeting = createSeries(ctx.store, user, ctx.body);
    return { body: [conferenceInfo(ctx.store, meeting, user)] };
  }),

  on(meetingOperations.updateRecurringMeeting, (ctx) => {
    const { user, meeting } = callerAndMeeting(ctx, requireManageable);
    updateSeries(ctx.store, meeting, ctx.body);
    return { body: [conferenceInfo(ctx.store, meeting, user)] };
  }),

  on(meetingOperations.cancelRecurringMeeting, (ctx) => {
    const { meeting } = callerAndMeeting(ctx, requireManageable);
    if (meeting.conferenceType !== 2) {
      throw new SimHttpError(400, SimErrorCode.MMC_BAD_REQUEST, 'conferenceID: not a recurring series');
    }
    cancel(ctx.store, meeting, ctx.query.type);
    return {};
  }),

  on(meetingOperations.updateRecurringSubMeeting, (ctx) => {
    const { meeting } = callerAndMeeting(ctx, requireManageable);
    updateSubConf(ctx.store, meeting, ctx.body);
    return {};
  }),

  on(meetingOperations.cancelRecurringSubMeeting, (ctx) => {
    const { meeting } = callerAndMeeting(ctx, requireManageable);
    const remaining = cancelSubConfs(ctx.store, meeting, ctx.body.cycleSubConfIDs, ctx.query.type === 1);
    // A series without sub-meetings is gone.
    if (!remaining) removeMeeting(ctx.store, meeting);
    return {};
  }),

  // UNVERIFIED auth: the password in the body is what counts; the access token only says who calls.
  on(meetingOperations.startMeeting, ({ store, body }) => {
    const meeting = store.meetings.get(body.conferenceID);
    const guestMayStart = meeting !== undefined && confConfigOf(meeting).allowGuestStartConf === true;
    const accepted =
      meeting !== undefined &&
      (body.password === meeting.chairPassword || (guestMayStart && body.password === meeting.guestPassword));
    if (!meeting || !accepted) {
      throw new SimHttpError(400, SimErrorCode.MMC_CONF_AUTH_FAILED, CONF_AUTH_FAILED_MSG);
    }
    // A single meeting activated early or late runs (and is listed in history) from its actual start.
    if (meeting.state !== 'Created' && meeting.conferenceType === 0) meeting.startTimeMs = store.clock.now();
    startMeeting(store, meeting);
    return { body: { uuid: meeting.confUUID, regionIP: REGION_IP } };
  }),
];
