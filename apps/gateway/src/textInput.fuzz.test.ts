// Free text with NUL, control characters or lone surrogates never reaches the meeting server: every field that
// carries text upstream refuses it with BAD_USER_INPUT naming the field, and a JWT with such a subject is
// UNAUTHENTICATED. Fuzzed with a fixed seed; the simulator's own request log shows that nothing got through.
import type { IncomingMessage } from 'node:http';
import fc from 'fast-check';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectError, useGateway } from './testing/harness.js';

const { gql, tokenFor, sim } = useGateway();

/** Requests the simulator received while a test ran (method and path). */
let upstream: string[] = [];
const record = (request: IncomingMessage) => upstream.push(`${request.method} ${request.url}`);
beforeEach(() => {
  upstream = [];
  sim().server.on('request', record);
});
afterEach(() => {
  sim().server.off('request', record);
});

/** One field that carries text upstream: how to send a text in it, and as whom. */
interface TextField {
  /** `extensions.field` of the refusal. */
  field: string;
  /** The field is shown on several lines upstream: tabs and line breaks are fine there. */
  multiLine?: boolean;
  admin?: boolean;
  query: string;
  variables: (text: string, ids: Ids) => Record<string, unknown>;
}

/** Real IDs of the demo seed the operations name. */
interface Ids {
  /** A meeting in progress owned by the admin (All hands). */
  running: string;
  /** A scheduled meeting owned by alice (Design review). */
  scheduled: string;
}

const CREATE_MEETING = 'mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }';
const CREATE_USER = 'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }';
const UPDATE_USER =
  'mutation($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id } }';
const INVITE_USER = 'mutation($input: InviteUserInput!) { inviteUser(input: $input) { alreadyRegistered } }';
const CREATE_DEPARTMENT =
  'mutation($input: CreateDepartmentInput!) { createDepartment(input: $input) { code } }';
const UPDATE_DEPARTMENT =
  'mutation($code: String!, $input: UpdateDepartmentInput!) { updateDepartment(code: $code, input: $input) { code } }';

const FIELDS: TextField[] = [
  { field: 'input.subject', query: CREATE_MEETING, variables: (subject) => ({ input: { subject } }) },
  {
    field: 'input.invitees.0.name',
    query: CREATE_MEETING,
    variables: (name) => ({ input: { subject: 'Fuzz', invitees: [{ name, phone: '+99111000000001' }] } }),
  },
  {
    field: 'input.invitees.0.userId',
    query: CREATE_MEETING,
    variables: (userId) => ({ input: { subject: 'Fuzz', invitees: [{ name: 'Bob', userId }] } }),
  },
  {
    field: 'input.subject',
    query:
      'mutation($id: ID!, $input: UpdateMeetingInput!) { updateMeeting(meetingId: $id, input: $input) { id } }',
    variables: (subject, ids) => ({ id: ids.scheduled, input: { subject } }),
  },
  {
    field: 'filter.search',
    query: 'query($filter: MeetingFilter) { meetings(filter: $filter) { totalCount } }',
    variables: (search) => ({ filter: { search } }),
  },
  {
    field: 'search',
    query: 'query($search: String) { onlineMeetings(search: $search) { totalCount } }',
    variables: (search) => ({ search }),
  },
  {
    field: 'invitees.0.name',
    admin: true,
    query:
      'mutation($id: ID!, $invitees: [LiveInviteeInput!]!) { inviteParticipants(meetingId: $id, invitees: $invitees) { ok } }',
    variables: (name, ids) => ({ id: ids.running, invitees: [{ name, phone: '+99111000000001' }] }),
  },
  {
    field: 'name',
    admin: true,
    query:
      'mutation($id: ID!, $name: String!) { renameParticipant(meetingId: $id, participantId: "1", name: $name, number: "+991110001") { ok } }',
    variables: (name, ids) => ({ id: ids.running, name }),
  },
  {
    field: 'number',
    admin: true,
    query:
      'mutation($id: ID!, $number: String!) { renameInvitee(meetingId: $id, number: $number, name: "Front door") { ok } }',
    variables: (number, ids) => ({ id: ids.running, number }),
  },
  {
    field: 'invitees.0.number',
    admin: true,
    query:
      'mutation($id: ID!, $invitees: [RemoveInviteeInput!]!) { removeInvitees(meetingId: $id, invitees: $invitees) { ok } }',
    variables: (number, ids) => ({ id: ids.running, invitees: [{ number }] }),
  },
  {
    field: 'input.name',
    admin: true,
    query: CREATE_USER,
    variables: (name) => ({ input: { name, email: 'fuzz@demo.example' } }),
  },
  {
    field: 'input.thirdPartyId',
    admin: true,
    query: CREATE_USER,
    variables: (thirdPartyId) => ({ input: { name: 'Fuzz', thirdPartyId, email: 'fuzz@demo.example' } }),
  },
  {
    field: 'input.initialPassword',
    admin: true,
    query: CREATE_USER,
    variables: (initialPassword) => ({
      input: { name: 'Fuzz', initialPassword: `Aa1${initialPassword}`, email: 'fuzz@demo.example' },
    }),
  },
  {
    field: 'input.title',
    admin: true,
    query: CREATE_USER,
    variables: (title) => ({ input: { name: 'Fuzz', title, email: 'fuzz@demo.example' } }),
  },
  {
    field: 'input.description',
    multiLine: true,
    admin: true,
    query: CREATE_USER,
    variables: (description) => ({ input: { name: 'Fuzz', description, email: 'fuzz@demo.example' } }),
  },
  {
    field: 'input.englishName',
    admin: true,
    query: UPDATE_USER,
    variables: (englishName) => ({ id: 'bob', input: { englishName } }),
  },
  {
    field: 'input.signature',
    multiLine: true,
    admin: true,
    query: UPDATE_USER,
    variables: (signature) => ({ id: 'bob', input: { signature } }),
  },
  {
    field: 'id',
    admin: true,
    query: UPDATE_USER,
    variables: (id) => ({ id, input: { title: 'Lead' } }),
  },
  {
    field: 'input.name',
    admin: true,
    query: INVITE_USER,
    variables: (name) => ({ input: { name, contact: 'new@demo.example' } }),
  },
  {
    field: 'ids.0',
    admin: true,
    query: 'mutation($ids: [ID!]!) { deleteUsers(ids: $ids) }',
    variables: (id) => ({ ids: [id] }),
  },
  { field: 'id', query: 'query($id: ID!) { user(id: $id) { id } }', variables: (id) => ({ id }) },
  {
    field: 'search',
    admin: true,
    query: 'query($search: String) { users(search: $search) { totalCount } }',
    variables: (search) => ({ search }),
  },
  {
    field: 'search',
    query: 'query($search: String) { directory(search: $search) { totalCount } }',
    variables: (search) => ({ search }),
  },
  {
    field: 'input.name',
    admin: true,
    query: CREATE_DEPARTMENT,
    variables: (name) => ({ input: { name } }),
  },
  {
    field: 'input.note',
    multiLine: true,
    admin: true,
    query: CREATE_DEPARTMENT,
    variables: (note) => ({ input: { name: 'Fuzz', note } }),
  },
  {
    field: 'input.name',
    admin: true,
    query: UPDATE_DEPARTMENT,
    variables: (name) => ({ code: 'eng', input: { name } }),
  },
  {
    field: 'code',
    admin: true,
    query: UPDATE_DEPARTMENT,
    variables: (code) => ({ code, input: { name: 'Engineering' } }),
  },
  {
    field: 'name',
    query: 'query($name: String!) { departmentsByName(name: $name) { code } }',
    variables: (name) => ({ name }),
  },
  {
    field: 'code',
    query: 'query($code: String!) { department(code: $code) { code } }',
    variables: (code) => ({ code }),
  },
  {
    field: 'input.description',
    multiLine: true,
    query:
      'mutation($input: UpdateOccurrenceInput!) { updateOccurrence(meetingId: "1", occurrenceId: "1", input: $input) { id } }',
    variables: (description) => ({ input: { description } }),
  },
  {
    field: 'occurrenceId',
    query:
      'mutation($occurrenceId: ID!) { updateOccurrence(meetingId: "1", occurrenceId: $occurrenceId, input: { durationMinutes: 30 }) { id } }',
    variables: (occurrenceId) => ({ occurrenceId }),
  },
];

/** Code units refused everywhere: NUL and C0 controls but tab and line breaks, DEL, C1 controls, lone surrogates. */
const alwaysForbidden = fc.oneof(
  fc.integer({ min: 0x00, max: 0x08 }),
  fc.constantFrom(0x0b, 0x0c),
  fc.integer({ min: 0x0e, max: 0x1f }),
  fc.integer({ min: 0x7f, max: 0x9f }),
  fc.integer({ min: 0xd800, max: 0xdfff }),
);
/** Refused on one line only. */
const lineBreaks = fc.constantFrom(0x09, 0x0a, 0x0d);
const word = fc.stringMatching(/^[A-Za-z0-9]{1,8}$/);

/** A text that is fine but for one forbidden code unit inside it (a lone high surrogate is kept unpaired). */
function badText(field: TextField) {
  const code = field.multiLine ? alwaysForbidden : fc.oneof(alwaysForbidden, lineBreaks);
  return fc
    .tuple(word, code, word)
    .map(([before, unit, after]) => `${before}${String.fromCharCode(unit)}${after}`);
}

let ids: Ids;
let tokens: { admin: string; member: string };

beforeAll(async () => {
  const meetings = [...sim().store.meetings.values()];
  const running = meetings.find((m) => m.subject === 'All hands')?.conferenceID;
  const scheduled = meetings.find((m) => m.subject === 'Design review')?.conferenceID;
  if (!running || !scheduled) throw new Error('the demo seed lacks its meetings');
  ids = { running, scheduled };
  tokens = { admin: await tokenFor('admin', ['admin']), member: await tokenFor('alice') };
});

describe('free text sent upstream', () => {
  it('is refused with BAD_USER_INPUT naming the field when it holds control characters or lone surrogates', async () => {
    const tried = new Set<TextField>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...FIELDS).chain((field) => fc.tuple(fc.constant(field), badText(field))),
        async ([field, text]) => {
          tried.add(field);
          const answer = await gql(
            field.admin ? tokens.admin : tokens.member,
            field.query,
            field.variables(text, ids),
          );
          const error = expectError(answer, 'BAD_USER_INPUT', field.field);
          expect(error.message).toContain(field.field);
        },
      ),
      { seed: 20_261_206, numRuns: 400 },
    );
    expect(FIELDS.filter((field) => !tried.has(field)).map((field) => field.field)).toEqual([]);
    expect(upstream).toEqual([]);
  });

  it('takes tabs and line breaks in multi-line fields', async () => {
    const answer = await gql(tokens.admin, CREATE_DEPARTMENT, {
      input: { name: 'Multi-line', note: 'first line\nsecond\tline\r\nthird' },
    });
    expect(answer.body.errors).toBeUndefined();
    expect(upstream.length).toBeGreaterThan(0);
  });

  it('refuses a JWT whose subject holds control characters or lone surrogates with UNAUTHENTICATED', async () => {
    const subject = fc
      .tuple(word, fc.oneof(alwaysForbidden, lineBreaks), word)
      .map(([before, unit, after]) => `${before}${String.fromCharCode(unit)}${after}`);
    await fc.assert(
      fc.asyncProperty(subject, fc.boolean(), async (sub, admin) => {
        const token = await tokenFor(sub, admin ? ['admin'] : []);
        const answer = await gql(token, '{ me { id } }');
        expect(expectError(answer, 'UNAUTHENTICATED').message).toContain('sub');
      }),
      { seed: 20_261_206, numRuns: 100 },
    );
    expect(upstream).toEqual([]);
  });
});
