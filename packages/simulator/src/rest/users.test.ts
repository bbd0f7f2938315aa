import {
  corpDirPageSchema,
  searchUsersPageSchema,
  userDetailSchema,
  userDtoSchema,
} from '@hwmeeting/client/wire';
import { signAppAuth } from '@hwmeeting/signer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Simulator } from '../server.js';
import { SEED_ACCOUNTS } from '../state/seed.js';
import type { StoreChange } from '../state/store.js';
import { APP_AUTH_PATH, expectError, loginAs, rawCall, recordingSimulator } from '../testing/rawHttp.js';

let sim: Simulator;
let changes: StoreChange[];

beforeEach(async () => {
  // A fresh enterprise per test: these tests add, change and delete users.
  ({ sim, changes } = await recordingSimulator());
});
afterEach(async () => {
  await sim.close();
});

/** Account/password login (A2); answers the HTTP status and error code. */
async function passwordLogin(account: string, password: string) {
  const basic = Buffer.from(`${account}:${password}`).toString('base64');
  return rawCall(sim, 'POST', '/v1/usg/acs/auth/account', {
    headers: { Authorization: `Basic ${basic}` },
    body: { account, clientType: 72 },
  });
}

const MEMBER = '/v1/usg/dcs/corp/member';
const BAD_REQUEST = 'USG.000000001';
const FORBIDDEN = 'USG.000000403';
const NOT_FOUND = 'USG.201040000';
const EXISTS = 'USG.201040001';

const newUser = { name: 'Erin Wu', account: 'erin@demo', pwd: 'Erin@2026!', email: 'erin@demo.example' };

describe('U1 add user', () => {
  it('adds a user that can then log in, and answers the user detail', async () => {
    const admin = await loginAs(sim);
    const answer = await rawCall(sim, 'POST', MEMBER, {
      token: admin,
      body: {
        ...newUser,
        deptCode: 'eng-web',
        title: 'Engineer',
        phone: '+8613800000009',
        country: 'chinaPR',
      },
    });
    expect(answer.status).toBe(200);
    const user = userDetailSchema.parse(answer.json);
    expect(user).toMatchObject({
      userAccount: 'erin@demo',
      name: 'Erin Wu',
      deptCode: 'eng-web',
      deptName: 'Web',
      deptNamePath: 'Demo Corp/Engineering/Web',
      userType: 2,
      adminType: 2,
      status: 0,
      sortLevel: 10_000,
      hidePhone: false,
      title: 'Engineer',
    });
    // `corp` only when users query themselves (published-behaviour.md §2).
    expect(answer.json).not.toHaveProperty('corp');
    expect(user.vmrList?.[0]).toMatchObject({ vmrMode: 0, status: 0 });
    expect(answer.json).not.toHaveProperty('pwd');
    expect(changes.map((c) => c.kind)).toContain('user.added');
    expect((await passwordLogin('erin@demo', 'Erin@2026!')).status).toBe(200);
  });

  it('generates the account when none is given and lets an ordinary administrator add users', async () => {
    const ops = await loginAs(sim, 'ops');
    const answer = await rawCall(sim, 'POST', MEMBER, {
      token: ops,
      body: { name: 'No Account', email: 'na@x.example' },
    });
    expect(answer.status).toBe(200);
    expect(userDetailSchema.parse(answer.json).userAccount).toMatch(/^Auto-/);
  });

  it('refuses members with 403', async () => {
    const alice = await loginAs(sim, 'alice');
    expectError(await rawCall(sim, 'POST', MEMBER, { token: alice, body: newUser }), 403, FORBIDDEN);
  });

  it('refuses a missing or invalid token with 401', async () => {
    expectError(await rawCall(sim, 'POST', MEMBER, { body: newUser }), 401, 'USG.000000004');
    expectError(await rawCall(sim, 'POST', MEMBER, { token: 'nope', body: newUser }), 401, 'USG.000000004');
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    ['no name', { ...newUser, name: undefined }, 'body.name'],
    ['a digits-only account', { ...newUser, account: '12345' }, 'body.account'],
    ['a "." right after "@"', { ...newUser, account: 'erin@.demo' }, 'body.account'],
    ['a forbidden character in the account', { ...newUser, account: 'erin demo' }, 'body.account'],
    ['an account over 64 characters', { ...newUser, account: 'a'.repeat(65) }, 'body.account'],
    ['a password under 8 characters', { ...newUser, pwd: 'Ab1!' }, 'body.pwd'],
    ['a password over 32 characters', { ...newUser, pwd: `Ab1!${'x'.repeat(30)}` }, 'body.pwd'],
    ['a password of one character class', { ...newUser, pwd: 'abcdefghij' }, 'body.pwd'],
    ['the account as password', { ...newUser, account: 'Erin2026', pwd: 'Erin2026' }, 'body.pwd'],
    ['the reversed account as password', { ...newUser, account: 'Erin2026', pwd: '6202nirE' }, 'body.pwd'],
    ['a phone without country', { ...newUser, phone: '+8613800000009' }, 'body.country'],
    ['a phone that is not +digits', { ...newUser, phone: '13800000009', country: 'chinaPR' }, 'body.phone'],
    ['neither phone nor email', { ...newUser, email: undefined }, 'body.phone'],
    ['a bad email', { ...newUser, email: 'erin-at-demo' }, 'body.email'],
    ['status 2', { ...newUser, status: 2 }, 'body.status'],
    ['hidePhone as 0/1', { ...newUser, hidePhone: 1 }, 'body.hidePhone'],
  ];
  it.each(invalid)('answers 400 naming the field for %s', async (_, body, field) => {
    const admin = await loginAs(sim);
    expectError(await rawCall(sim, 'POST', MEMBER, { token: admin, body }), 400, BAD_REQUEST, field);
    expect(sim.store.userByAccount(String(body.account))).toBeUndefined();
  });

  it('answers 400 USG.201040001 when the account or third-party account exists', async () => {
    const admin = await loginAs(sim);
    expectError(
      await rawCall(sim, 'POST', MEMBER, { token: admin, body: { ...newUser, account: 'alice@demo' } }),
      400,
      EXISTS,
    );
    expectError(
      await rawCall(sim, 'POST', MEMBER, { token: admin, body: { ...newUser, thirdAccount: 'bob' } }),
      400,
      EXISTS,
    );
  });

  it('answers 400 with the department code when the department does not exist', async () => {
    const admin = await loginAs(sim);
    const answer = await rawCall(sim, 'POST', MEMBER, {
      token: admin,
      body: { ...newUser, deptCode: 'nowhere' },
    });
    expectError(answer, 400, 'USG.201060000', 'body.deptCode');
  });
});

describe('U2 search users', () => {
  async function search(query: string, token?: string) {
    const answer = await rawCall(sim, 'GET', `${MEMBER}${query}`, { token: token ?? (await loginAs(sim)) });
    expect(answer.status).toBe(200);
    return searchUsersPageSchema.parse(answer.json);
  }
  const accounts = (page: { data: { userAccount: string }[] }) => page.data.map((u) => u.userAccount).sort();

  it('pages every user with the default limit of 10', async () => {
    const page = await search('');
    expect(page).toMatchObject({ offset: 0, limit: 10, count: 6 });
    expect(page.data).toHaveLength(6);
    expect(page.data.find((u) => u.userAccount === 'alice@demo')).toMatchObject({
      deptNamePath: 'Demo Corp/Engineering/Web',
      thirdAccount: 'alice',
      userType: 2,
    });
  });

  it('answers the last page for an offset beyond the end', async () => {
    const page = await search('?offset=100&limit=4');
    expect(page).toMatchObject({ offset: 4, limit: 4, count: 6 });
    expect(page.data).toHaveLength(2);
  });

  it('searches case-insensitively on name, phone, email, account and third-party account', async () => {
    expect(accounts(await search('?searchKey=ALICE'))).toEqual(['alice@demo']);
    expect(accounts(await search('?searchKey=13800000001'))).toEqual(['alice@demo']);
    expect(accounts(await search('?searchKey=wang'))).toEqual(['bob@demo']);
    expect(accounts(await search('?searchKey=carol%40demo.example'))).toEqual(['carol@demo']);
  });

  it('filters by department, with and without sub-departments', async () => {
    expect(accounts(await search('?deptCode=eng'))).toEqual(['alice@demo', 'bob@demo', 'ops@demo']);
    expect(accounts(await search('?deptCode=eng&enableSubDept=false'))).toEqual(['bob@demo', 'ops@demo']);
    const admin = await loginAs(sim);
    const unknown = await rawCall(sim, 'GET', `${MEMBER}?deptCode=nowhere`, { token: admin });
    expectError(unknown, 400, 'USG.201060000', 'query.deptCode');
  });

  it('filters by adminType, status and userType (a repeated key)', async () => {
    expect(accounts(await search('?adminType=1'))).toEqual(['admin@demo', 'ops@demo']);
    expect((await search('?adminType=2')).count).toBe(4);
    const dave = sim.store.userByAccount('dave@demo');
    if (dave) dave.status = 1;
    expect(accounts(await search('?status=1'))).toEqual(['dave@demo']);
    expect((await search('?userType=12')).count).toBe(0);
    expect((await search('?userType=12&userType=2')).count).toBe(6);
  });

  it('sorts by the field asked, descending when isAsc=false', async () => {
    const page = await search('?sortField=adminType&isAsc=false');
    expect(page.data.map((u) => u.adminType)).toEqual([2, 2, 2, 2, 1, 0]);
    const ascending = await search('?sortField=adminType');
    expect(ascending.data[0]?.userAccount).toBe('admin@demo');
  });

  it('refuses members with 403: an administrator call (published-behaviour.md §1)', async () => {
    const alice = await loginAs(sim, 'alice');
    expectError(await rawCall(sim, 'GET', MEMBER, { token: alice }), 403, FORBIDDEN);
    expect((await search('', await loginAs(sim, 'ops'))).count).toBe(6);
  });

  it('answers 400 naming the query parameter', async () => {
    const admin = await loginAs(sim);
    for (const [query, field] of [
      ['?limit=abc', 'query.limit'],
      ['?offset=-1', 'query.offset'],
      ['?sortField=name', 'query.sortField'],
      ['?isAsc=yes', 'query.isAsc'],
      ['?adminType=0', 'query.adminType'],
      ['?userType=x', 'query.userType'],
    ] as const) {
      expectError(await rawCall(sim, 'GET', `${MEMBER}${query}`, { token: admin }), 400, BAD_REQUEST, field);
    }
  });
});

describe('U3 user details', () => {
  it('finds a user by Meeting account or by third-party account', async () => {
    // An administrator call (published-behaviour.md §1).
    const alice = await loginAs(sim, 'ops');
    const byAccount = await rawCall(sim, 'GET', `${MEMBER}/alice%40demo`, { token: alice });
    expect(byAccount.status).toBe(200);
    expect(userDetailSchema.parse(byAccount.json)).toMatchObject({
      thirdAccount: 'alice',
      deptCode: 'eng-web',
    });
    const byThird = await rawCall(sim, 'GET', `${MEMBER}/bob?accountType=1`, { token: alice });
    expect(userDetailSchema.parse(byThird.json).userAccount).toBe('bob@demo');
    const member = await loginAs(sim, 'alice');
    expectError(await rawCall(sim, 'GET', `${MEMBER}/alice%40demo`, { token: member }), 403, FORBIDDEN);
  });

  it('answers 400 USG.201040000 for an unknown user, also when the account type does not match', async () => {
    const admin = await loginAs(sim);
    expectError(await rawCall(sim, 'GET', `${MEMBER}/nobody`, { token: admin }), 400, NOT_FOUND);
    expectError(await rawCall(sim, 'GET', `${MEMBER}/bob?accountType=0`, { token: admin }), 400, NOT_FOUND);
  });

  it('answers 400 for an accountType other than 0 or 1, and 405 for a wrong method', async () => {
    const admin = await loginAs(sim);
    expectError(
      await rawCall(sim, 'GET', `${MEMBER}/bob?accountType=2`, { token: admin }),
      400,
      BAD_REQUEST,
      'query.accountType',
    );
    expect((await rawCall(sim, 'DELETE', `${MEMBER}/bob`, { token: admin })).status).toBe(405);
    expect((await rawCall(sim, 'PATCH', MEMBER, { token: admin })).status).toBe(405);
  });
});

describe('U4 update user', () => {
  it('changes the fields given and answers the new detail', async () => {
    const admin = await loginAs(sim);
    const answer = await rawCall(sim, 'PUT', `${MEMBER}/bob?accountType=1`, {
      token: admin,
      body: {
        title: 'Lead',
        deptCode: 'sales',
        phone: '+8613900000002',
        country: 'chinaPR',
        hidePhone: true,
      },
    });
    expect(answer.status).toBe(200);
    expect(userDetailSchema.parse(answer.json)).toMatchObject({
      title: 'Lead',
      deptCode: 'sales',
      deptNamePath: 'Demo Corp/Sales',
      phone: '+8613900000002',
      hidePhone: true,
      name: 'Bob Wang',
    });
    expect(changes.some((c) => c.kind === 'user.updated')).toBe(true);
  });

  it('refuses members, unknown users, a phone without country and an unknown department', async () => {
    const alice = await loginAs(sim, 'alice');
    expectError(
      await rawCall(sim, 'PUT', `${MEMBER}/bob@demo`, { token: alice, body: { title: 'x' } }),
      403,
      FORBIDDEN,
    );
    const admin = await loginAs(sim);
    expectError(
      await rawCall(sim, 'PUT', `${MEMBER}/ghost`, { token: admin, body: { title: 'x' } }),
      400,
      NOT_FOUND,
    );
    const noCountry = await rawCall(sim, 'PUT', `${MEMBER}/bob@demo`, {
      token: admin,
      body: { phone: '+8613900000002' },
    });
    expectError(noCountry, 400, BAD_REQUEST, 'body.country');
    const noDept = await rawCall(sim, 'PUT', `${MEMBER}/bob@demo`, {
      token: admin,
      body: { deptCode: 'nowhere' },
    });
    expectError(noDept, 400, 'USG.201060000', 'body.deptCode');
    const badVmr = await rawCall(sim, 'PUT', `${MEMBER}/bob@demo`, { token: admin, body: { vmrId: 'abc' } });
    expectError(badVmr, 400, BAD_REQUEST, 'body.vmrId');
    const badStatus = await rawCall(sim, 'PUT', `${MEMBER}/bob@demo`, {
      token: admin,
      body: { status: true },
    });
    expectError(badStatus, 400, BAD_REQUEST, 'body.status');
  });

  it('disabling through U4 revokes the tokens and makes later logins answer 412', async () => {
    const bob = await loginAs(sim, 'bob');
    const admin = await loginAs(sim);
    expect(
      (await rawCall(sim, 'PUT', `${MEMBER}/bob@demo`, { token: admin, body: { status: 1 } })).status,
    ).toBe(200);
    expectError(await rawCall(sim, 'GET', '/v1/usg/dcs/member', { token: bob }), 401, 'USG.000000004');
    expectError(await passwordLogin('bob@demo', SEED_ACCOUNTS.bob.password), 412, 'USG.412100009');
  });
});

describe('U5 batch delete', () => {
  it('deletes the users named and revokes their tokens; one unknown account refuses the batch', async () => {
    const bob = await loginAs(sim, 'bob');
    const admin = await loginAs(sim);
    // All succeed or all fail (published-behaviour.md §2).
    expectError(
      await rawCall(sim, 'POST', `${MEMBER}/delete?accountType=1`, {
        token: admin,
        body: ['bob', 'carol', 'ghost'],
      }),
      400,
      NOT_FOUND,
    );
    expect(sim.store.users.size).toBe(6);
    const answer = await rawCall(sim, 'POST', `${MEMBER}/delete?accountType=1`, {
      token: admin,
      body: ['bob', 'carol'],
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toBeUndefined();
    expect(sim.store.userByThirdAccount('bob')).toBeUndefined();
    expect(sim.store.userByThirdAccount('carol')).toBeUndefined();
    expect(sim.store.users.size).toBe(4);
    expectError(await rawCall(sim, 'GET', `${MEMBER}/bob@demo`, { token: admin }), 400, NOT_FOUND);
    expectError(await rawCall(sim, 'GET', '/v1/usg/dcs/member', { token: bob }), 401, 'USG.000000004');
    expect(changes.filter((c) => c.kind === 'user.deleted')).toHaveLength(2);
  });

  it('refuses members, the default administrator and bodies that are not arrays of strings', async () => {
    const alice = await loginAs(sim, 'alice');
    expectError(
      await rawCall(sim, 'POST', `${MEMBER}/delete`, { token: alice, body: ['bob@demo'] }),
      403,
      FORBIDDEN,
    );
    const ops = await loginAs(sim, 'ops');
    const adminDelete = await rawCall(sim, 'POST', `${MEMBER}/delete`, {
      token: ops,
      body: ['admin@demo', 'bob@demo'],
    });
    expectError(adminDelete, 400, 'USG.201040002');
    expect(sim.store.userByAccount('bob@demo')).toBeDefined();
    expectError(
      await rawCall(sim, 'POST', `${MEMBER}/delete`, { token: ops, body: { accounts: ['bob'] } }),
      400,
      BAD_REQUEST,
      'body',
    );
    expectError(
      await rawCall(sim, 'POST', `${MEMBER}/delete`, { token: ops, body: [] }),
      400,
      BAD_REQUEST,
      'body',
    );
    expectError(
      await rawCall(sim, 'POST', `${MEMBER}/delete`, { token: ops, body: [7] }),
      400,
      BAD_REQUEST,
      'body.0',
    );
    expectError(
      await rawCall(sim, 'POST', `${MEMBER}/delete`, { token: ops, body: '[' }),
      400,
      BAD_REQUEST,
      'body',
    );
  });
});

describe('U6 enable / disable', () => {
  it('disables (revoking tokens, logins then 412) and enables again', async () => {
    const alice = await loginAs(sim, 'alice');
    const admin = await loginAs(sim);
    const disable = await rawCall(sim, 'PUT', `${MEMBER}/status/1?accountType=1`, {
      token: admin,
      body: ['alice'],
    });
    expect(disable.status).toBe(200);
    expect(sim.store.userByThirdAccount('alice')?.status).toBe(1);
    expectError(await rawCall(sim, 'GET', '/v1/usg/dcs/member', { token: alice }), 401, 'USG.000000004');
    const signed = signAppAuth({ appId: sim.appId, appKey: sim.appKey, userId: 'alice' });
    const relogin = await rawCall(sim, 'POST', APP_AUTH_PATH, {
      headers: signed.headers,
      body: signed.body,
    });
    expectError(relogin, 412, 'USG.412100009');
    const enable = await rawCall(sim, 'PUT', `${MEMBER}/status/0`, { token: admin, body: ['alice@demo'] });
    expect(enable.status).toBe(200);
    expect((await passwordLogin('alice@demo', SEED_ACCOUNTS.alice.password)).status).toBe(200);
  });

  it('refuses an unknown account as a whole, a bad value, members and the default administrator', async () => {
    const admin = await loginAs(sim);
    const unknown = await rawCall(sim, 'PUT', `${MEMBER}/status/1`, {
      token: admin,
      body: ['bob@demo', 'ghost'],
    });
    expectError(unknown, 400, NOT_FOUND);
    expect(sim.store.userByAccount('bob@demo')?.status).toBe(0);
    expectError(
      await rawCall(sim, 'PUT', `${MEMBER}/status/2`, { token: admin, body: ['bob@demo'] }),
      400,
      BAD_REQUEST,
      'params.value',
    );
    expectError(
      await rawCall(sim, 'PUT', `${MEMBER}/status/1`, { token: admin, body: ['admin@demo'] }),
      400,
      'USG.201040002',
    );
    const alice = await loginAs(sim, 'alice');
    expectError(
      await rawCall(sim, 'PUT', `${MEMBER}/status/1`, { token: alice, body: ['bob@demo'] }),
      403,
      FORBIDDEN,
    );
    expect(
      (await rawCall(sim, 'POST', `${MEMBER}/status/1`, { token: admin, body: ['bob@demo'] })).status,
    ).toBe(405);
  });
});

describe('U7 invite user', () => {
  it('creates an unknown contact directly and reports an existing one', async () => {
    const admin = await loginAs(sim);
    const fresh = await rawCall(sim, 'POST', `${MEMBER}/add`, {
      token: admin,
      body: { name: 'Frank', contact: 'frank@demo.example', deptCode: 'sales' },
    });
    expect(fresh.status).toBe(200);
    expect(fresh.json).toEqual({ userExist: false });
    const frank = [...sim.store.users.values()].find((u) => u.email === 'frank@demo.example');
    expect(frank).toMatchObject({ name: 'Frank', deptCode: 'sales' });
    const known = await rawCall(sim, 'POST', `${MEMBER}/add`, {
      token: admin,
      body: { name: 'A', contact: 'ALICE@demo.example' },
    });
    expect(known.status).toBe(200);
    expect(known.json).toEqual({ userExist: true });
    const phone = await rawCall(sim, 'POST', `${MEMBER}/add`, {
      token: admin,
      body: { name: 'P', contact: '+8613800000001' },
    });
    expect(phone.json).toEqual({ userExist: true });
  });

  it('refuses a contact that is neither phone nor email, a missing contact and members', async () => {
    const admin = await loginAs(sim);
    const bad = await rawCall(sim, 'POST', `${MEMBER}/add`, {
      token: admin,
      body: { name: 'X', contact: 'not a contact' },
    });
    expectError(bad, 400, BAD_REQUEST, 'body.contact');
    expectError(
      await rawCall(sim, 'POST', `${MEMBER}/add`, { token: admin, body: { name: 'X' } }),
      400,
      BAD_REQUEST,
      'body.contact',
    );
    const alice = await loginAs(sim, 'alice');
    const member = await rawCall(sim, 'POST', `${MEMBER}/add`, {
      token: alice,
      body: { name: 'X', contact: 'x@y.example' },
    });
    expectError(member, 403, FORBIDDEN);
  });
});

describe('U8 search corporate directory', () => {
  const DIR = '/v1/usg/abs/users';

  it('lets members search, fuzzy on SIP number and name, by department', async () => {
    const bob = await loginAs(sim, 'bob');
    const all = corpDirPageSchema.parse((await rawCall(sim, 'GET', DIR, { token: bob })).json);
    expect(all).toMatchObject({ offset: 0, limit: 10, count: 6 });
    const carol = sim.store.userByAccount('carol@demo');
    const bySip = corpDirPageSchema.parse(
      (
        await rawCall(sim, 'GET', `${DIR}?searchKey=${encodeURIComponent(carol?.sipNum ?? '?')}`, {
          token: bob,
        })
      ).json,
    );
    expect(bySip.data).toEqual([
      expect.objectContaining({
        account: 'carol@demo',
        number: carol?.sipNum,
        type: 'NORMAL_USER',
        deptName: 'Sales',
      }),
    ]);
    const sales = corpDirPageSchema.parse(
      (await rawCall(sim, 'GET', `${DIR}?deptCode=sales&limit=1`, { token: bob })).json,
    );
    expect(sales).toMatchObject({ count: 2, limit: 1 });
    expect(sales.data).toHaveLength(1);
    const engOnly = corpDirPageSchema.parse(
      (await rawCall(sim, 'GET', `${DIR}?deptCode=eng&querySubDept=false`, { token: bob })).json,
    );
    expect(engOnly.data.map((u) => u.account).sort()).toEqual(['bob@demo', 'ops@demo']);
  });

  it('hides a hidden phone from everybody but its owner', async () => {
    const alice = sim.store.userByAccount('alice@demo');
    if (alice) alice.hidePhone = true;
    const asBob = corpDirPageSchema.parse(
      (await rawCall(sim, 'GET', `${DIR}?searchKey=alice`, { token: await loginAs(sim, 'bob') })).json,
    );
    expect(asBob.data[0]?.phone).toBeUndefined();
    const asAlice = corpDirPageSchema.parse(
      (await rawCall(sim, 'GET', `${DIR}?searchKey=alice`, { token: await loginAs(sim, 'alice') })).json,
    );
    expect(asAlice.data[0]?.phone).toBe('+8613800000001');
  });

  it('answers no users for the hard-terminal scope and 400 for an unknown scope', async () => {
    const bob = await loginAs(sim, 'bob');
    const terminals = corpDirPageSchema.parse(
      (await rawCall(sim, 'GET', `${DIR}?searchScope=HARD_TERMINAL`, { token: bob })).json,
    );
    expect(terminals.count).toBe(0);
    expectError(
      await rawCall(sim, 'GET', `${DIR}?searchScope=ROBOTS`, { token: bob }),
      400,
      BAD_REQUEST,
      'query.searchScope',
    );
    expectError(await rawCall(sim, 'GET', DIR), 401, 'USG.000000004');
  });
});

describe('U9 batch user details', () => {
  const LIST = '/v1/usg/abs/users/list';

  it('answers each id with statusCode 0 (found) or 2 (not found), by user ID or third-party account', async () => {
    const bob = await loginAs(sim, 'bob');
    const carolId = sim.store.userByAccount('carol@demo')?.id ?? '?';
    const byId = await rawCall(sim, 'POST', `${LIST}?idType=USER_ID`, {
      token: bob,
      body: [{ id: carolId }, { id: 'missing' }],
    });
    expect(byId.status).toBe(200);
    const answers = z.array(userDtoSchema).parse(byId.json);
    expect(answers).toEqual([
      expect.objectContaining({ id: carolId, statusCode: 0, account: 'carol@demo', name: 'Carol Zhang' }),
      { id: 'missing', statusCode: 2 },
    ]);
    const byThird = await rawCall(sim, 'POST', `${LIST}?idType=THIRD_ACCOUNT`, {
      token: bob,
      body: [{ id: 'dave' }],
    });
    expect(z.array(userDtoSchema).parse(byThird.json)[0]).toMatchObject({
      statusCode: 0,
      account: 'dave@demo',
    });
  });

  it('answers 400 for a bad idType or body, and 405 for GET', async () => {
    const bob = await loginAs(sim, 'bob');
    expectError(
      await rawCall(sim, 'POST', `${LIST}?idType=EMAIL`, { token: bob, body: [{ id: 'x' }] }),
      400,
      BAD_REQUEST,
      'query.idType',
    );
    // With the idType U9 requires (published-behaviour.md §2), so that the body is what is refused.
    const byUserId = `${LIST}?idType=USER_ID`;
    expectError(
      await rawCall(sim, 'POST', byUserId, { token: bob, body: [{}] }),
      400,
      BAD_REQUEST,
      'body.0.id',
    );
    expectError(await rawCall(sim, 'POST', byUserId, { token: bob, body: [] }), 400, BAD_REQUEST, 'body');
    expect((await rawCall(sim, 'GET', LIST, { token: bob })).status).toBe(405);
  });
});

describe('U10 my info', () => {
  const ME = '/v1/usg/dcs/member';

  it('answers the caller and lets the caller change their own names', async () => {
    const alice = await loginAs(sim, 'alice');
    const before = userDetailSchema.parse((await rawCall(sim, 'GET', ME, { token: alice })).json);
    expect(before).toMatchObject({ userAccount: 'alice@demo', name: 'Alice Li', adminType: 2 });
    const put = await rawCall(sim, 'PUT', ME, {
      token: alice,
      body: { name: 'Alice L.', englishName: 'Alice', title: 'PM' },
    });
    expect(put.status).toBe(200);
    expect(put.json).toBeUndefined();
    const after = userDetailSchema.parse((await rawCall(sim, 'GET', ME, { token: alice })).json);
    expect(after).toMatchObject({ name: 'Alice L.', englishName: 'Alice', title: 'PM' });
    expect(changes.some((c) => c.kind === 'user.updated')).toBe(true);
  });

  it('answers 400 naming name when it is missing, and 401 without a token', async () => {
    const alice = await loginAs(sim, 'alice');
    expectError(
      await rawCall(sim, 'PUT', ME, { token: alice, body: { title: 'PM' } }),
      400,
      BAD_REQUEST,
      'body.name',
    );
    expectError(
      await rawCall(sim, 'PUT', ME, { token: alice, body: { name: '' } }),
      400,
      BAD_REQUEST,
      'body.name',
    );
    expectError(await rawCall(sim, 'GET', ME), 401, 'USG.000000004');
    expect((await rawCall(sim, 'DELETE', ME, { token: alice })).status).toBe(405);
  });
});
