// Which meetings a viewer sees and how the gateway tells their part in each (published-behaviour.md §1, §2):
// a member's lists hold the meetings they scheduled and those they are invited to, and viewerRole reads the same
// in a list as in the meeting's details.
import { beforeAll, describe, expect, it } from 'vitest';
import { data, useGateway } from '../../testing/harness.js';

const { gql, tokenFor } = useGateway();

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
