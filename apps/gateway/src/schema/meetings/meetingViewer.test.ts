// Which meetings a viewer sees and how the gateway tells their part in each (published-behaviour.md §1, §2):
// a member's lists hold the meetings they scheduled and those they are invited to, and viewerRole reads the same
// in a list as in the meeting's details.
import { createMeetingClient, type MeetingClient } from '@hwmeeting/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { data, useGateway } from '../../testing/harness.js';

const { gql, tokenFor, sim } = useGateway();
const CONFERENCES = '/v1/mmc/management/conferences';

const FIELDS = 'id subject viewerRole viewerIsOwner passwords { host guest }';
const LIST = `{ meetings(first: 100) { edges { node { ${FIELDS} } } } }`;
const DETAILS = `query($id: ID!) { meeting(meetingId: $id) { ${FIELDS} } }`;

/** The meeting as `viewer` sees it in their list (undefined when it is not listed) and in its details. */
async function seenBy(viewer: string, id: string) {
  const token = await tokenFor(viewer);
  const listed = data(await gql(token, LIST)).meetings.edges.find(
    (edge: { node: { id: string } }) => edge.node.id === id,
  )?.node;
  const details = data(await gql(token, DETAILS, { id })).meeting;
  return { listed, details };
}

describe("a viewer's meetings", () => {
  let id = '';

  beforeAll(async () => {
    const created = data(
      await gql(
        await tokenFor('alice'),
        'mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }',
        {
          input: {
            subject: 'Roles review',
            startTime: new Date(Date.now() + 2 * 3_600_000).toISOString(),
            invitees: [
              { name: 'Bob Wang', userId: 'bob', host: true },
              { name: 'Carol Zhang', userId: 'carol' },
            ],
          },
        },
      ),
    );
    id = created.createMeeting.id;
  });

  it('lists the meeting for its owner: HOST, their own, both passwords, as in its details', async () => {
    const { listed, details } = await seenBy('alice', id);
    expect(listed).toMatchObject({ viewerRole: 'HOST', viewerIsOwner: true });
    expect(listed.passwords).toEqual({ host: expect.any(String), guest: expect.any(String) });
    expect(details).toEqual(listed);
  });

  it('lists it for an invited host: HOST, not their own, the host password, as in its details', async () => {
    const { listed, details } = await seenBy('bob', id);
    expect(listed).toMatchObject({ subject: 'Roles review', viewerRole: 'HOST', viewerIsOwner: false });
    expect(listed.passwords.host).toEqual(expect.any(String));
    expect(details).toEqual(listed);
  });

  it('lists it for an invited guest: GUEST, not their own, no passwords, as in its details', async () => {
    const { listed, details } = await seenBy('carol', id);
    expect(listed).toMatchObject({ viewerRole: 'GUEST', viewerIsOwner: false, passwords: null });
    expect(details).toEqual(listed);
  });

  it('does not list it for a member who is not invited', async () => {
    const listed = data(await gql(await tokenFor('dave'), LIST)).meetings.edges.map(
      (edge: { node: { id: string } }) => edge.node.id,
    );
    expect(listed).not.toContain(id);
  });
});

// Every field of a record is optional (published-behaviour.md §2): a list record may not carry the passwords
// (nor the owner) that tell the viewer's part, while the details do (`role`). The list must not answer
// otherwise than the details for it.
describe("a list record that does not tell the viewer's part", () => {
  let id = '';
  let client: MeetingClient;

  beforeAll(async () => {
    client = createMeetingClient({
      endpoint: sim().url,
      credentials: { appId: sim().appId, appKey: sim().appKey },
    });
    const created = data(
      await gql(
        await tokenFor('alice'),
        'mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }',
        {
          input: {
            subject: 'Silent records',
            startTime: new Date(Date.now() + 3 * 3_600_000).toISOString(),
            invitees: [
              { name: 'Bob Wang', userId: 'bob', host: true },
              { name: 'Carol Zhang', userId: 'carol' },
            ],
          },
        },
      ),
    );
    id = created.createMeeting.id;
  });
  afterAll(() => client.dispose());
  afterEach(() => sim().faults.clear());

  /** The viewer's list, served once with the meeting's record stripped of `fields`, and its details. */
  async function silentlyListed(viewer: string, admin: boolean, ...fields: string[]) {
    const upstreamUser = admin ? undefined : viewer;
    const real = await client.meetings.list(
      { offset: 0, limit: 100, ...(admin ? { queryAll: true } : {}) },
      { userId: upstreamUser },
    );
    const records = real.data.map((record) =>
      record.conferenceID === id
        ? Object.fromEntries(Object.entries(record).filter(([key]) => !fields.includes(key)))
        : record,
    );
    const response = await fetch(`${sim().url}/__sim/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        kind: 'malformed',
        method: 'GET',
        pathPrefix: CONFERENCES,
        body: JSON.stringify({ offset: 0, limit: 100, count: records.length, data: records }),
      }),
    });
    expect(response.status).toBeLessThan(300);
    const token = await tokenFor(viewer, admin ? ['admin'] : []);
    const list = admin
      ? `{ meetings(first: 100, filter: { allUsers: true }) { edges { node { ${FIELDS} hostJoinUrl } } } }`
      : `{ meetings(first: 100) { edges { node { ${FIELDS} hostJoinUrl } } } }`;
    const listed = data(await gql(token, list)).meetings.edges.find(
      (edge: { node: { id: string } }) => edge.node.id === id,
    )?.node;
    const details = data(
      await gql(token, `query($id: ID!) { meeting(id: $id) { ${FIELDS} hostJoinUrl } }`, { id }),
    ).meeting;
    return { listed, details };
  }

  it('an invited host: HOST in the list as in the details, though the record gives no passwords', async () => {
    const { listed, details } = await silentlyListed('bob', false, 'passwordEntry');
    expect(details).toMatchObject({ viewerRole: 'HOST', viewerIsOwner: false });
    expect({ ...listed, passwords: details.passwords }).toEqual(details);
  });

  it('an invited guest: GUEST in the list as in the details', async () => {
    const { listed, details } = await silentlyListed('carol', false, 'passwordEntry');
    expect(details).toMatchObject({ viewerRole: 'GUEST', viewerIsOwner: false });
    expect(listed).toEqual(details);
  });

  it('the owner, from a record that names no owner: HOST and their own, as in the details', async () => {
    const { listed, details } = await silentlyListed('alice', false, 'passwordEntry', 'userUUID');
    expect(details).toMatchObject({ viewerRole: 'HOST', viewerIsOwner: true });
    expect({ ...listed, passwords: details.passwords }).toEqual(details);
  });

  it("an administrator listing everyone's meetings: the same role and ownership as in the details", async () => {
    const { listed, details } = await silentlyListed('admin', true, 'passwordEntry');
    expect(details.viewerRole).not.toBeNull();
    expect({ ...listed, passwords: details.passwords }).toEqual(details);
  });
});
