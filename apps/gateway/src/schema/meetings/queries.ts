import type { ConferenceInfo } from '@hwmeeting/client';
import { z } from 'zod';
import type { GatewayContext } from '../../context.js';
import { parseInput } from '../../errors.js';
import { wireEnum } from '../common/enums.js';
import { pagedSearch, searchSchema } from '../common/listSearch.js';
import type { MeetingNode } from '../common/meeting.js';
import { type MeetingIdArgs, meetingIdArgument, meetingIdArguments } from '../common/meetingArgument.js';
import { connection, pageWindow } from '../common/paging.js';
import { knowViewer } from '../common/viewerRole.js';

/** The meeting queries: one meeting, and the scheduled, online and past lists. */
export const meetingQueryTypeDefs = /* GraphQL */ `
  "Time window of the meetings list."
  enum MeetingRange {
    "Within a day (the meeting server's one-day window)."
    DAY
    "Within a week."
    WEEK
    "Within a month."
    MONTH
    "Any time."
    ALL
  }

  "Filters of the meetings list."
  input MeetingFilter {
    "Matches subject, scheduler or meeting ID."
    search: String
    "Time window of the list (default: any time)."
    range: MeetingRange = ALL
    "Administrators: every user's meetings, not only their own."
    allUsers: Boolean = false
  }

  extend type Query {
    "One meeting by ID, as the viewer may see it."
    meeting(${meetingIdArguments()}): Meeting
    "Scheduled and ongoing meetings the viewer scheduled or is invited to (viewerIsOwner tells which); administrators see everyone's with filter.allUsers."
    meetings("Page size, 1 to 100." first: Int = 20, "Cursor of the last meeting of the previous page." after: String, "Narrows the list." filter: MeetingFilter): MeetingConnection!
    "Meetings in progress now that the viewer scheduled or is invited to (administrators: everyone's with allUsers)."
    onlineMeetings("Page size, 1 to 100." first: Int = 20, "Cursor of the last meeting of the previous page." after: String, "Matches subject, scheduler or meeting ID." search: String, "Administrators: every user's meetings (ignored for members)." allUsers: Boolean = false): MeetingConnection!
    "Ended meetings whose start lies between from and to, that the viewer scheduled or was invited to (administrators: everyone's with allUsers)."
    meetingHistory("Earliest start." from: DateTime!, "Latest start; not before from." to: DateTime!, "Page size, 1 to 100." first: Int = 20, "Cursor of the last meeting of the previous page." after: String, "Matches subject, scheduler or meeting ID." search: String, "Administrators: every user's meetings (ignored for members)." allUsers: Boolean = false): MeetingConnection!
  }
`;

/** `MeetingRange`: the upstream `queryConfMode`. */
const meetingRange = wireEnum({ DAY: 'ADAY', WEEK: 'AWEEK', MONTH: 'AMONTH', ALL: 'ALL' });

const filterSchema = z.object({
  search: searchSchema,
  range: meetingRange.schema().nullish(),
  allUsers: z.boolean().nullish(),
});

const node = (info: ConferenceInfo): MeetingNode => ({ info });

/** The page window, search and (administrators only) every user's meetings of an upstream list query. */
function listQuery(
  context: GatewayContext,
  window: { offset: number; limit: number },
  search: string | null | undefined,
  allUsers: boolean | null | undefined,
) {
  return {
    ...pagedSearch(window, search),
    ...(allUsers && context.viewer.isAdmin ? { queryAll: true } : {}),
  };
}

/** One page of an upstream meetings list as a connection, with the viewer's role learnt alongside it. */
async function meetingPage(
  context: GatewayContext,
  offset: number,
  list: () => Promise<{ data: ConferenceInfo[]; count: number; skipped: number }>,
) {
  const viewer = knowViewer(context);
  const page = await list();
  await viewer;
  return connection(page.data.map(node), offset, page.count, page.skipped);
}

/** Resolvers of the meeting queries. */
export const meetingQueryResolvers = {
  MeetingRange: meetingRange.values,
  Query: {
    async meeting(_: unknown, args: MeetingIdArgs, context: GatewayContext) {
      const id = meetingIdArgument(args);
      return node(await context.loaders.meeting.load(id));
    },
    async meetings(
      _: unknown,
      args: { first?: number; after?: string; filter?: unknown },
      context: GatewayContext,
    ) {
      const window = pageWindow(args);
      const filter = parseInput(filterSchema, args.filter ?? {}, 'filter');
      return meetingPage(context, window.offset, () =>
        context.client.meetings.list(
          {
            ...listQuery(context, window, filter.search, filter.allUsers),
            ...(filter.range ? { queryConfMode: filter.range } : {}),
          },
          context.identity,
        ),
      );
    },
    async onlineMeetings(
      _: unknown,
      args: { first?: number; after?: string; search?: string; allUsers?: boolean },
      context: GatewayContext,
    ) {
      const window = pageWindow(args);
      const search = parseInput(searchSchema, args.search, 'search');
      return meetingPage(context, window.offset, () =>
        context.client.meetings.listOnline(
          listQuery(context, window, search, args.allUsers),
          context.identity,
        ),
      );
    },
    async meetingHistory(
      _: unknown,
      args: { from: Date; to: Date; first?: number; after?: string; search?: string; allUsers?: boolean },
      context: GatewayContext,
    ) {
      const window = pageWindow(args);
      const search = parseInput(searchSchema, args.search, 'search');
      parseInput(
        z
          .object({ from: z.date(), to: z.date() })
          .refine((r) => r.from <= r.to, { error: 'from must not be after to', path: ['to'] }),
        { from: args.from, to: args.to },
        'range',
      );
      return meetingPage(context, window.offset, () =>
        context.client.meetings.listHistory(
          {
            startDate: args.from.getTime(),
            endDate: args.to.getTime(),
            ...listQuery(context, window, search, args.allUsers),
          },
          context.identity,
        ),
      );
    },
  },
};
