import { ClientErrorCode, UsersApi } from '@hwmeeting/client';
import { SEED_ACCOUNTS } from '@hwmeeting/simulator';
import { beforeEach, describe, expect, it } from 'vitest';
import { clientFor, failure, useClient, useSimulator } from './support.js';

// A fresh enterprise per test: these tests add, disable and delete users.
const sim = useSimulator({ seed: 'demo' }, { fresh: true });
const core = useClient(sim, { fresh: true });
let users: UsersApi;
beforeEach(() => {
  users = new UsersApi(core());
});

/** Account/password login through a separate client; resolves or rejects like the login does. */
async function passwordLogin(account: string, password: string) {
  const other = clientFor(sim(), { credentials: { account, password } });
  try {
    return await other.tokens.token(undefined);
  } finally {
    await other.dispose();
  }
}

const erin = { name: 'Erin Wu', account: 'erin@demo', pwd: 'Erin@2026!', email: 'erin@demo.example' };

describe('UsersApi against the simulator', () => {
  it('add (U1): creates a user who can log in, and get (U3) finds it by account and by third-party account', async () => {
    const added = await users.add({ ...erin, thirdAccount: 'erin', deptCode: 'sales', title: 'Analyst' });
    expect(added).toMatchObject({ userAccount: 'erin@demo', deptNamePath: 'Demo Corp/Sales', status: 0 });
    expect((await users.get('erin@demo')).id).toBe(added.id);
    expect((await users.get('erin', { by: 'thirdAccount' })).title).toBe('Analyst');
    expect((await passwordLogin('erin@demo', 'Erin@2026!')).user?.ucloginAccount).toBe('erin@demo');
    // `corp` comes only with a user's own details (published-behaviour.md §2): Erin reads it, the
    // administrator who added her does not.
    expect(added.corp).toBeUndefined();
    expect((await users.me({ userId: 'erin' })).corp?.id).toBe(sim().store.corp.id);
  });

  it('list (U2) and get (U3) are administrator calls: a member is refused with 403', async () => {
    const listed = await failure(users.list({ searchKey: 'zhang' }, { userId: 'bob' }));
    expect(listed).toMatchObject({ httpStatus: 403, code: 'USG.000000403', operation: 'searchUsers' });
    const got = await failure(users.get('carol@demo', {}, { userId: 'bob' }));
    expect(got).toMatchObject({ httpStatus: 403, code: 'USG.000000403', operation: 'showUserDetail' });
    // Their own details stay open to them (U10), and so does the directory (U8).
    expect((await users.me({ userId: 'bob' })).userAccount).toBe('bob@demo');
    expect((await users.searchDirectory({ searchKey: 'zhang' }, { userId: 'bob' })).count).toBe(1);
  });

  it('add (U1): the server enforces the password and contact rules; the client checks shapes before sending', async () => {
    const oneClass = await failure(users.add({ ...erin, pwd: 'abcdefghij' }));
    expect(oneClass).toMatchObject({ httpStatus: 400, code: 'USG.000000001' });
    expect(oneClass.message).toContain('body.pwd');
    const noCountry = await failure(users.add({ ...erin, phone: '+8613800000009' }));
    expect(noCountry.message).toContain('body.country');
    const digitsOnly = await failure(users.add({ ...erin, account: '12345' }));
    expect(digitsOnly).toMatchObject({ code: ClientErrorCode.INVALID_INPUT, field: 'body.account' });
    expect(digitsOnly.httpStatus).toBeUndefined();
    const exists = await failure(users.add({ ...erin, account: 'alice@demo' }));
    expect(exists).toMatchObject({ httpStatus: 400, code: 'USG.201040001', operation: 'addUser' });
    const asMember = await failure(users.add(erin, { userId: 'alice' }));
    expect(asMember).toMatchObject({ httpStatus: 403, code: 'USG.000000403' });
  });

  it('list (U2): filters, sorts and pages with every query parameter', async () => {
    const all = await users.list();
    expect(all).toMatchObject({ offset: 0, limit: 10, count: 6 });
    const eng = await users.list({ deptCode: 'eng', enableSubDept: true, userType: [2, 12], status: 0 });
    expect(eng.data.map((u) => u.userAccount).sort()).toEqual(['alice@demo', 'bob@demo', 'ops@demo']);
    const admins = await users.list({ adminType: 1, sortField: 'adminType', isAsc: true });
    expect(admins.data.map((u) => u.userAccount)).toEqual(['admin@demo', 'ops@demo']);
    const last = await users.list({ offset: 50, limit: 5, containsUnActive: false, enableRoom: false });
    expect(last).toMatchObject({ offset: 5, count: 6 });
    expect(last.data).toHaveLength(1);
    const found = await users.list({ searchKey: 'zhang' });
    expect(found.data.map((u) => u.userAccount)).toEqual(['carol@demo']);
    expect((await users.list({ userType: [13] })).count).toBe(0);
  });

  it('get (U3): an unknown user is 400 USG.201040000', async () => {
    const error = await failure(users.get('nobody@demo'));
    expect(error).toMatchObject({ httpStatus: 400, code: 'USG.201040000', operation: 'showUserDetail' });
    expect((await failure(users.get('bob@demo', { by: 'thirdAccount' }))).code).toBe('USG.201040000');
  });

  it('update (U4): changes a user by third-party account', async () => {
    const updated = await users.update(
      'dave',
      { title: 'Head of Sales', sortLevel: 1, phone: '+8613700000004', country: 'chinaPR' },
      { by: 'thirdAccount' },
    );
    expect(updated).toMatchObject({ userAccount: 'dave@demo', title: 'Head of Sales', sortLevel: 1 });
    expect((await users.list({ deptCode: 'sales' })).data[0]?.userAccount).toBe('dave@demo');
    expect(
      (await failure(users.update('dave@demo', { title: 'x' }, {}, { userId: 'carol' }))).httpStatus,
    ).toBe(403);
  });

  it('setStatus (U6): disabled users cannot log in until enabled again', async () => {
    await users.setStatus(['carol@demo'], 'disabled');
    expect((await users.get('carol@demo')).status).toBe(1);
    const refused = await failure(passwordLogin('carol@demo', SEED_ACCOUNTS.carol.password));
    expect(refused).toMatchObject({ httpStatus: 412, code: 'USG.412100009' });
    await users.setStatus(['carol'], 'enabled', { by: 'thirdAccount' });
    expect((await passwordLogin('carol@demo', SEED_ACCOUNTS.carol.password)).user?.status).toBe(0);
    expect((await failure(users.setStatus(['ghost'], 'disabled'))).code).toBe('USG.201040000');
  });

  it('delete (U5): removes users and revokes their tokens', async () => {
    const bobId = (await core().tokens.token('bob')).user?.userId;
    expect([...sim().store.tokens.values()].some((t) => t.userId === bobId)).toBe(true);
    await users.delete(['bob@demo', 'dave@demo']);
    expect(sim().store.users.has(bobId ?? '')).toBe(false);
    expect([...sim().store.tokens.values()].some((t) => t.userId === bobId)).toBe(false);
    expect((await failure(users.get('bob@demo'))).code).toBe('USG.201040000');
    await users.delete(['carol'], { by: 'thirdAccount' });
    expect((await users.list()).count).toBe(3);
    expect((await failure(users.delete([]))).code).toBe(ClientErrorCode.INVALID_INPUT);
  });

  it('delete (U5): all or nothing, one unknown account refuses the batch and deletes nobody', async () => {
    const before = sim().store.users.size;
    const refused = await failure(users.delete(['bob@demo', 'ghost@demo', 'dave@demo']));
    expect(refused).toMatchObject({ httpStatus: 400, code: 'USG.201040000', operation: 'batchDeleteUsers' });
    expect(sim().store.users.size).toBe(before);
    expect((await users.get('bob@demo')).userAccount).toBe('bob@demo');
  });

  it('invite (U7): answers whether the contact already had an account', async () => {
    expect(await users.invite({ name: 'Frank', contact: 'frank@demo.example', deptCode: 'eng' })).toEqual({
      userExist: false,
    });
    expect((await users.list({ searchKey: 'frank' })).data[0]).toMatchObject({
      name: 'Frank',
      deptCode: 'eng',
    });
    expect(await users.invite({ name: 'Frank again', contact: 'frank@demo.example' })).toEqual({
      userExist: true,
    });
    expect((await failure(users.invite({ name: 'X', contact: 'nobody' }))).message).toContain('body.contact');
  });

  it('searchDirectory (U8): members search the directory with every query parameter', async () => {
    const page = await users.searchDirectory(
      {
        searchKey: 'demo.example',
        deptCode: '1',
        querySubDept: true,
        searchScope: 'NORMAL_USER',
        offset: 1,
        limit: 2,
      },
      { userId: 'alice' },
    );
    expect(page).toMatchObject({ offset: 1, limit: 2, count: 6 });
    expect(page.data).toHaveLength(2);
    expect(page.data[0]).toMatchObject({ type: 'NORMAL_USER' });
    expect(page.data[0]?.number).toMatch(/^\+99111/);
    expect((await users.searchDirectory({ searchScope: 'HARD_TERMINAL' })).count).toBe(0);
  });

  it('lookup (U9): answers statusCode 0 for known users and 2 for unknown ones', async () => {
    const aliceId = sim().store.userByThirdAccount('alice')?.id ?? '?';
    const byId = await users.lookup([aliceId, 'nope'], {}, { userId: 'bob' });
    expect(byId).toEqual([
      expect.objectContaining({ id: aliceId, statusCode: 0, account: 'alice@demo', deptName: 'Web' }),
      { id: 'nope', statusCode: 2 },
    ]);
    const byThird = await users.lookup(['carol', 'ghost'], { by: 'thirdAccount' });
    expect(byThird.map((u) => u.statusCode)).toEqual([0, 2]);
  });

  it('me and updateMe (U10): the caller reads and changes their own profile', async () => {
    const me = await users.me({ userId: 'alice' });
    expect(me).toMatchObject({ userAccount: 'alice@demo', name: 'Alice Li', thirdAccount: 'alice' });
    await users.updateMe({ name: 'Alice Li', signature: 'Ship it', title: 'PM' }, { userId: 'alice' });
    expect(await users.me({ userId: 'alice' })).toMatchObject({ signature: 'Ship it', title: 'PM' });
    expect((await users.me()).adminType).toBe(0);
  });
});
