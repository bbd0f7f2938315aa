import { describe, expect, it } from 'vitest';
import { data, expectError, useGateway } from '../../testing/harness.js';

const { gql, tokenFor, sim, gateway } = useGateway();

/** Upstream attempts of one operation so far (the gateway's own metric). */
async function upstreamCalls(operation: string): Promise<number> {
  const metric = await gateway().metrics.upstreamCalls.get();
  return metric.values.filter((v) => v.labels.operation === operation).reduce((sum, v) => sum + v.value, 0);
}

const admin = () => tokenFor('admin', ['admin']);

const USER = `id account thirdPartyId name email phone country hidePhone isAdmin role status title
  personalMeetingId sipNumber department { code name namePath parentCode parent { name } }`;
const USER_QUERY = `query($id: ID!, $by: UserKey) { user(id: $id, by: $by) { ${USER} } }`;
const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { ${USER} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { ${USER} } }`;
const USERS = `query($first: Int, $after: String, $search: String, $departmentCode: String, $status: UserStatus) {
  users(first: $first, after: $after, search: $search, departmentCode: $departmentCode, status: $status) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { account name status } }
  } }`;
const DIRECTORY = `query($search: String, $first: Int, $after: String, $departmentCode: String, $scope: DirectoryScope) {
  directory(search: $search, first: $first, after: $after, departmentCode: $departmentCode, scope: $scope) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id account name email phone hidePhone departmentName department { code name } sipNumber kind updatedAt } }
  } }`;

describe('me and user', () => {
  it("answers the member's own user, with department and enums", async () => {
    const me = data(await gql(await tokenFor('alice'), `{ me { ${USER} } }`)).me;
    expect(me).toMatchObject({
      account: 'alice@demo',
      thirdPartyId: 'alice',
      name: 'Alice Li',
      email: 'alice@demo.example',
      phone: '+8613800000001',
      isAdmin: false,
      role: 'MEMBER',
      status: 'ENABLED',
      department: { code: 'eng-web', name: 'Web', parentCode: 'eng', parent: { name: 'Engineering' } },
    });
    expect(me.department.namePath).toContain('Engineering');
  });

  it("answers an administrator's own user, not the enterprise administrator they act as", async () => {
    const ops = data(await gql(await tokenFor('ops', ['admin']), '{ me { account name isAdmin role } }')).me;
    expect(ops).toEqual({ account: 'ops@demo', name: 'Oscar Ops', isAdmin: true, role: 'ADMIN' });
    const ada = data(await gql(await admin(), '{ me { account role } }')).me;
    expect(ada).toEqual({ account: 'admin@demo', role: 'DEFAULT_ADMIN' });
  });

  it('finds a user by third-party ID or Meeting account for administrators, NOT_FOUND otherwise', async () => {
    const token = await admin();
    expect(data(await gql(token, USER_QUERY, { id: 'carol' })).user).toMatchObject({ name: 'Carol Zhang' });
    expect(data(await gql(token, USER_QUERY, { id: 'carol@demo', by: 'ACCOUNT' })).user).toMatchObject({
      thirdPartyId: 'carol',
    });
    expectError(await gql(token, USER_QUERY, { id: 'nobody' }), 'NOT_FOUND');
    expectError(await gql(token, USER_QUERY, { id: '  ' }), 'BAD_USER_INPUT', 'id');
  });

  it("answers a member's user and users queries FORBIDDEN, as the meeting server refuses them (U2, U3)", async () => {
    const bob = await tokenFor('bob');
    for (const answer of [
      await gql(bob, USER_QUERY, { id: 'carol' }),
      await gql(bob, USER_QUERY, { id: 'bob' }),
      await gql(bob, USERS, { search: 'carol' }),
    ]) {
      const refused = expectError(answer, 'FORBIDDEN');
      expect(refused.extensions.upstreamCode).toBe('USG.000000403');
    }
    // Their own user and the directory stay open to them.
    expect(data(await gql(bob, '{ me { thirdPartyId } }')).me.thirdPartyId).toBe('bob');
    expect(data(await gql(bob, DIRECTORY, { search: 'Carol' })).directory.totalCount).toBe(1);
  });
});

describe('users', () => {
  it('pages with Relay cursors and totalCount', async () => {
    const token = await admin();
    const first = data(await gql(token, USERS, { first: 2 })).users;
    expect(first.totalCount).toBe(6);
    expect(first.edges).toHaveLength(2);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = data(await gql(token, USERS, { first: 2, after: first.pageInfo.endCursor })).users;
    expect(second.pageInfo.hasPreviousPage).toBe(true);
    const seen = new Set(
      [...first.edges, ...second.edges].map((e: { node: { account: string } }) => e.node.account),
    );
    expect(seen.size).toBe(4);
    const last = data(await gql(token, USERS, { first: 10, after: second.pageInfo.endCursor })).users;
    expect(last.edges).toHaveLength(2);
    expect(last.pageInfo.hasNextPage).toBe(false);
    // A cursor past the end answers an empty page, not the upstream's "last page".
    const beyond = data(await gql(token, USERS, { first: 10, after: last.pageInfo.endCursor })).users;
    expect(beyond.edges).toEqual([]);
    expect(beyond.totalCount).toBe(6);
  });

  it('filters by search, department and status', async () => {
    const token = await admin();
    const sales = data(await gql(token, USERS, { departmentCode: 'sales' })).users;
    expect(sales.edges.map((e: { node: { name: string } }) => e.node.name).sort()).toEqual([
      'Carol Zhang',
      'Dave Chen',
    ]);
    const eng = data(await gql(token, USERS, { departmentCode: 'eng' })).users;
    expect(eng.totalCount).toBe(3); // ops and bob in eng, alice below it in eng-web
    expect(data(await gql(token, USERS, { search: 'alice' })).users.totalCount).toBe(1);
    expect(data(await gql(token, USERS, { status: 'DISABLED' })).users.totalCount).toBe(0);
  });

  it('refuses bad arguments with BAD_USER_INPUT naming them, and unknown departments with NOT_FOUND', async () => {
    const token = await admin();
    expectError(await gql(token, USERS, { first: 0 }), 'BAD_USER_INPUT', 'page.first');
    expectError(await gql(token, USERS, { after: 'bogus' }), 'BAD_USER_INPUT', 'after');
    expectError(await gql(token, USERS, { search: 'x'.repeat(200) }), 'BAD_USER_INPUT', 'search');
    expectError(
      await gql(token, USERS, { departmentCode: 'x'.repeat(40) }),
      'BAD_USER_INPUT',
      'departmentCode',
    );
    expectError(await gql(token, USERS, { departmentCode: 'nowhere' }), 'NOT_FOUND');
  });
});

describe('directory', () => {
  it('lets any member search, page and filter the directory', async () => {
    const bob = await tokenFor('bob');
    const found = data(await gql(bob, DIRECTORY, { search: 'Alice' })).directory;
    expect(found.totalCount).toBe(1);
    expect(found.edges[0].node).toMatchObject({
      account: 'alice@demo',
      name: 'Alice Li',
      departmentName: 'Web',
      department: { code: 'eng-web', name: 'Web' },
      kind: 'USER',
    });
    expect(found.edges[0].node.sipNumber).toBeTruthy();
    expect(Date.parse(found.edges[0].node.updatedAt)).not.toBeNaN();
    const page = data(await gql(bob, DIRECTORY, { first: 4 })).directory;
    expect(page.totalCount).toBe(6);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const rest = data(await gql(bob, DIRECTORY, { first: 4, after: page.pageInfo.endCursor })).directory;
    expect(rest.edges).toHaveLength(2);
    expect(data(await gql(bob, DIRECTORY, { departmentCode: 'sales' })).directory.totalCount).toBe(2);
    expect(data(await gql(bob, DIRECTORY, { scope: 'HARD_TERMINALS' })).directory.totalCount).toBe(0);
  });

  it('refuses bad arguments and unknown departments', async () => {
    const bob = await tokenFor('bob');
    expectError(await gql(bob, DIRECTORY, { search: '' }), 'BAD_USER_INPUT', 'search');
    expectError(await gql(bob, DIRECTORY, { first: 101 }), 'BAD_USER_INPUT', 'page.first');
    expectError(await gql(bob, DIRECTORY, { departmentCode: 'nowhere' }), 'NOT_FOUND');
  });

  it("batches meeting owners' directory entries into one upstream lookup", async () => {
    const before = await upstreamCalls('batchShowUserDetails');
    const meetings = data(
      await gql(
        await admin(),
        '{ meetings(first: 20, filter: { allUsers: true }) { edges { node { owner { id name profile { id name account } } } } } }',
      ),
    ).meetings;
    const owners = meetings.edges.map((e: { node: { owner: unknown } }) => e.node.owner);
    expect(new Set(owners.map((o: { id: string }) => o.id)).size).toBeGreaterThan(1);
    for (const owner of owners) expect(owner.profile).toMatchObject({ id: owner.id, name: owner.name });
    expect((await upstreamCalls('batchShowUserDetails')) - before).toBe(1);
  });
});

describe('user mutations', () => {
  const setEnabled =
    'mutation($ids: [ID!]!, $enabled: Boolean!, $by: UserKey) { setUsersEnabled(ids: $ids, enabled: $enabled, by: $by) }';
  const deleteUsers = 'mutation($ids: [ID!]!, $by: UserKey) { deleteUsers(ids: $ids, by: $by) }';
  const invite = 'mutation($input: InviteUserInput!) { inviteUser(input: $input) { alreadyRegistered } }';

  it('creates, updates, disables, enables and deletes a user as an administrator', async () => {
    const token = await admin();
    const created = data(
      await gql(token, CREATE, {
        input: {
          name: 'Erin Wu',
          account: 'erin@demo',
          thirdPartyId: 'erin',
          email: 'erin@demo.example',
          phone: '+8613800000009',
          country: 'chinaPR',
          departmentCode: 'sales',
          title: 'Rep',
          sendNotification: false,
        },
      }),
    ).createUser;
    expect(created).toMatchObject({
      account: 'erin@demo',
      thirdPartyId: 'erin',
      name: 'Erin Wu',
      phone: '+8613800000009',
      status: 'ENABLED',
      role: 'MEMBER',
      isAdmin: false,
      title: 'Rep',
      department: { code: 'sales', name: 'Sales' },
    });

    const updated = data(
      await gql(token, UPDATE, {
        id: 'erin',
        input: { name: 'Erin Wu-Li', departmentCode: 'eng', title: 'Lead' },
      }),
    ).updateUser;
    expect(updated).toMatchObject({ name: 'Erin Wu-Li', title: 'Lead', department: { code: 'eng' } });

    expect(data(await gql(token, setEnabled, { ids: ['erin'], enabled: false })).setUsersEnabled).toBe(true);
    expect(data(await gql(token, USER_QUERY, { id: 'erin' })).user.status).toBe('DISABLED');
    expect(data(await gql(token, USERS, { status: 'DISABLED' })).users.totalCount).toBe(1);
    expect(
      data(await gql(token, setEnabled, { ids: ['erin@demo'], enabled: true, by: 'ACCOUNT' }))
        .setUsersEnabled,
    ).toBe(true);
    expect(data(await gql(token, USER_QUERY, { id: 'erin' })).user.status).toBe('ENABLED');

    expect(data(await gql(token, deleteUsers, { ids: ['erin'] })).deleteUsers).toBe(true);
    expectError(await gql(token, USER_QUERY, { id: 'erin' }), 'NOT_FOUND');
  });

  it('deletes all the users or none: one unknown user refuses the batch and deletes nobody', async () => {
    const token = await admin();
    const before = sim().store.users.size;
    const refused = expectError(await gql(token, deleteUsers, { ids: ['dave', 'nobody'] }), 'NOT_FOUND');
    expect(refused.extensions.upstreamCode).toBe('USG.201040000');
    expect(sim().store.users.size).toBe(before);
    expect(data(await gql(token, USER_QUERY, { id: 'dave' })).user).toMatchObject({ name: 'Dave Chen' });
  });

  it('validates user input before any upstream call, naming the field', async () => {
    const token = await admin();
    const before = await upstreamCalls('addUser');
    const base = { name: 'Frank', email: 'frank@demo.example' };
    expectError(
      await gql(token, CREATE, { input: { ...base, email: 'not-an-email' } }),
      'BAD_USER_INPUT',
      'input.email',
    );
    expectError(await gql(token, CREATE, { input: { name: 'Frank' } }), 'BAD_USER_INPUT', 'input.email');
    expectError(
      await gql(token, CREATE, { input: { ...base, phone: '+8613800000010' } }),
      'BAD_USER_INPUT',
      'input.country',
    );
    expectError(
      await gql(token, CREATE, { input: { ...base, phone: '138' } }),
      'BAD_USER_INPUT',
      'input.phone',
    );
    expectError(
      await gql(token, CREATE, { input: { ...base, account: '12345' } }),
      'BAD_USER_INPUT',
      'input.account',
    );
    expectError(await gql(token, CREATE, { input: { ...base, name: ' ' } }), 'BAD_USER_INPUT', 'input.name');
    expectError(
      await gql(token, CREATE, { input: { ...base, initialPassword: 'short' } }),
      'BAD_USER_INPUT',
      'input.initialPassword',
    );
    expectError(
      await gql(token, CREATE, { input: { ...base, sortLevel: 0 } }),
      'BAD_USER_INPUT',
      'input.sortLevel',
    );
    expect(await upstreamCalls('addUser')).toBe(before);

    expectError(await gql(token, UPDATE, { id: 'bob', input: {} }), 'BAD_USER_INPUT', 'input');
    expectError(
      await gql(token, UPDATE, { id: 'bob', input: { personalMeetingId: 'abc' } }),
      'BAD_USER_INPUT',
      'input.personalMeetingId',
    );
    expectError(await gql(token, deleteUsers, { ids: [] }), 'BAD_USER_INPUT', 'ids');
    expectError(await gql(token, setEnabled, { ids: [''], enabled: true }), 'BAD_USER_INPUT', 'ids.0');
    expectError(
      await gql(token, invite, { input: { name: 'Gina', contact: 'gina' } }),
      'BAD_USER_INPUT',
      'input.contact',
    );
  });

  it('maps upstream refusals: taken accounts, unknown users', async () => {
    const token = await admin();
    const taken = expectError(
      await gql(token, CREATE, {
        input: { name: 'Alice Again', account: 'alice@demo', email: 'a2@demo.example' },
      }),
      'BAD_USER_INPUT',
    );
    expect(taken.extensions.upstreamCode).toBe('USG.201040001');
    expectError(await gql(token, UPDATE, { id: 'nobody', input: { title: 'x' } }), 'NOT_FOUND');
    expectError(await gql(token, setEnabled, { ids: ['nobody'], enabled: false }), 'NOT_FOUND');
  });

  it('refuses every user write to members with FORBIDDEN', async () => {
    const alice = await tokenFor('alice');
    const before = sim().store.users.size;
    expectError(
      await gql(alice, CREATE, { input: { name: 'Mallory', email: 'mallory@demo.example' } }),
      'FORBIDDEN',
    );
    expectError(await gql(alice, UPDATE, { id: 'bob', input: { title: 'Boss' } }), 'FORBIDDEN');
    expectError(await gql(alice, deleteUsers, { ids: ['bob'] }), 'FORBIDDEN');
    expectError(await gql(alice, setEnabled, { ids: ['bob'], enabled: false }), 'FORBIDDEN');
    expectError(
      await gql(alice, invite, { input: { name: 'Mallory', contact: 'mallory@demo.example' } }),
      'FORBIDDEN',
    );
    expect(sim().store.users.size).toBe(before);
    expect(data(await gql(await admin(), USER_QUERY, { id: 'bob' })).user).toMatchObject({
      title: null,
      status: 'ENABLED',
    });
  });

  it('invites people by email or phone and tells whether they were registered', async () => {
    const token = await admin();
    const fresh = data(
      await gql(token, invite, {
        input: { name: 'Gina', contact: 'gina@demo.example', departmentCode: 'sales' },
      }),
    ).inviteUser;
    expect(fresh).toEqual({ alreadyRegistered: false });
    const gina = data(await gql(token, USERS, { search: 'gina@demo.example' })).users;
    expect(gina.edges[0].node.name).toBe('Gina');
    const known = data(await gql(token, invite, { input: { name: 'Alice', contact: 'alice@demo.example' } }));
    expect(known.inviteUser).toEqual({ alreadyRegistered: true });
    expect(
      data(await gql(token, invite, { input: { name: 'Hal', contact: '+8613800000077' } })).inviteUser,
    ).toEqual({ alreadyRegistered: false });
    expectError(
      await gql(token, invite, {
        input: { name: 'Ivy', contact: 'ivy@demo.example', departmentCode: 'nowhere' },
      }),
      'NOT_FOUND',
    );
  });

  it('hides a hidden phone from other members, not from its owner or administrators', async () => {
    const token = await admin();
    expect(
      data(await gql(token, UPDATE, { id: 'alice', input: { hidePhone: true } })).updateUser,
    ).toMatchObject({
      hidePhone: true,
      phone: '+8613800000001',
    });
    // Members meet other users in the directory only (U2 and U3 are administrator calls).
    const bob = await tokenFor('bob');
    try {
      const entry = data(await gql(bob, DIRECTORY, { search: 'Alice Li' })).directory.edges[0].node;
      expect(entry).toMatchObject({ hidePhone: true, phone: null });
      expect(data(await gql(await tokenFor('alice'), '{ me { phone } }')).me.phone).toBe('+8613800000001');
      expect(data(await gql(token, USER_QUERY, { id: 'alice' })).user).toMatchObject({
        hidePhone: true,
        phone: '+8613800000001',
      });
      const listed = data(await gql(token, USERS, { search: 'alice' })).users.edges[0].node;
      expect(listed.name).toBe('Alice Li');
    } finally {
      data(await gql(token, UPDATE, { id: 'alice', input: { hidePhone: false } }));
    }
    expect(data(await gql(bob, DIRECTORY, { search: 'Alice Li' })).directory.edges[0].node.phone).toBe(
      '+8613800000001',
    );
  });
});
