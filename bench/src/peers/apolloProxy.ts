/**
 * P1's hand-written peer, run in its own process: a minimal Apollo Server 5 (standalone) with one resolver that
 * fetches M4 from the upstream with a cached token (UPSTREAM_TOKEN) and maps the records to the gateway's
 * `Meeting` shape for the fields P1 selects, as a team writing the proxy by hand would. No validation of the
 * answer, no deadlines, logs or metrics: what the gateway adds over it is what P1 weighs.
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Pool } from 'undici';

const upstream = process.env.UPSTREAM_URL;
const token = process.env.UPSTREAM_TOKEN;
/** The upstream user the token belongs to: whose meetings are the viewer's own. */
const upstreamUserId = process.env.UPSTREAM_USER_ID;
if (!upstream || !token) throw new Error('apolloProxy: UPSTREAM_URL and UPSTREAM_TOKEN are required');
const pool = new Pool(upstream, { keepAliveTimeout: 30_000 });

const typeDefs = /* GraphQL */ `
  enum MeetingState { SCHEDULED IN_PROGRESS ENDED UNKNOWN }
  enum MeetingKind { SCHEDULED INSTANT RECURRING }
  enum MediaType { AUDIO VIDEO HD_VIDEO DATA }
  enum MeetingRole { HOST GUEST AUDIENCE }
  type MeetingOwner { id: ID name: String }
  type Meeting {
    id: ID!
    subject: String
    state: MeetingState!
    kind: MeetingKind
    startTime: String
    endTime: String
    media: [MediaType!]!
    owner: MeetingOwner!
    viewerRole: MeetingRole
    viewerIsOwner: Boolean
  }
  type MeetingEdge { cursor: String! node: Meeting! }
  type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
  type MeetingConnection { edges: [MeetingEdge!]! pageInfo: PageInfo! totalCount: Int! }
  type Query { meetings(first: Int = 20, after: String): MeetingConnection! }
`;

interface Record {
  conferenceID: string;
  subject?: string;
  conferenceState?: string;
  confType?: string;
  startTime?: string;
  endTime?: string;
  mediaTypes?: string;
  userUUID?: string;
  scheduserName?: string;
  role?: string;
  passwordEntry?: { conferenceRole: string }[];
}

const STATE: { [k: string]: string } = {
  Schedule: 'SCHEDULED',
  Creating: 'IN_PROGRESS',
  Created: 'IN_PROGRESS',
  Destroyed: 'ENDED',
};
const KIND: { [k: string]: string } = { FUTURE: 'SCHEDULED', IMMEDIATELY: 'INSTANT', CYCLE: 'RECURRING' };
const MEDIA: { [k: string]: string } = { Voice: 'AUDIO', Video: 'VIDEO', HDVideo: 'HD_VIDEO', Data: 'DATA' };
const ROLE: { [k: string]: string } = { chair: 'HOST', general: 'GUEST', audience: 'AUDIENCE' };

/** `yyyy-MM-dd HH:mm` (UTC) as ISO-8601. */
const iso = (time: string | undefined) => (time ? `${time.replace(' ', 'T')}:00.000Z` : null);
const cursor = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64url');

function viewerRole(record: Record, isOwner: boolean | null): string | null {
  if (record.role) return ROLE[record.role] ?? null;
  const roles = record.passwordEntry?.map((entry) => entry.conferenceRole) ?? [];
  if (roles.includes('chair')) return 'HOST';
  if (roles.includes('general')) return 'GUEST';
  return isOwner ? 'HOST' : null;
}

function meeting(record: Record) {
  const isOwner = record.userUUID ? record.userUUID === upstreamUserId : null;
  return {
    id: record.conferenceID,
    subject: record.subject ?? null,
    state: STATE[record.conferenceState ?? ''] ?? 'UNKNOWN',
    kind: KIND[record.confType ?? ''] ?? null,
    startTime: iso(record.startTime),
    endTime: iso(record.endTime),
    media: (record.mediaTypes ?? '').split(',').flatMap((type) => MEDIA[type.trim()] ?? []),
    owner: { id: record.userUUID ?? null, name: record.scheduserName ?? null },
    viewerRole: viewerRole(record, isOwner),
    viewerIsOwner: isOwner,
  };
}

const resolvers = {
  Query: {
    async meetings(_: unknown, args: { first: number; after?: string }) {
      const offset = args.after
        ? Number(Buffer.from(args.after, 'base64url').toString().slice('offset:'.length)) + 1
        : 0;
      const answer = await pool.request({
        method: 'GET',
        path: `/v1/mmc/management/conferences?offset=${offset}&limit=${args.first}`,
        headers: { 'X-Access-Token': token as string },
      });
      const page = (await answer.body.json()) as { count: number; data?: Record[] };
      if (answer.statusCode !== 200) throw new Error(`upstream answered ${answer.statusCode}`);
      const records = page.data ?? [];
      const edges = records.map((record, i) => ({ cursor: cursor(offset + i), node: meeting(record) }));
      return {
        edges,
        totalCount: page.count,
        pageInfo: {
          hasNextPage: offset + records.length < page.count,
          hasPreviousPage: offset > 0,
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges.at(-1)?.cursor ?? null,
        },
      };
    },
  },
};

const server = new ApolloServer({ typeDefs, resolvers });
const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
process.stdout.write(`listening on ${url}\n`);
process.once('SIGTERM', () => {
  void server.stop().finally(() => process.exit(0));
});
