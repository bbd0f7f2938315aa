import {
  addDepartmentResponseSchema,
  deptWithChildrenSchema,
  queryDeptResultSchema,
  showDepartmentResponseSchema,
} from '@hwmeeting/client/wire';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Simulator } from '../server.js';
import type { StoreChange } from '../state/store.js';
import { expectError, loginAs, rawCall, recordingSimulator } from '../testing/rawHttp.js';

let sim: Simulator;
let changes: StoreChange[];

beforeEach(async () => {
  // A fresh enterprise per test: these tests add, move and delete departments.
  ({ sim, changes } = await recordingSimulator());
});
afterEach(async () => {
  await sim.close();
});

const DEPT = '/v1/usg/dcs/corp/dept';
const TREE = '/v1/usg/dcs/member/dept';
const BAD_REQUEST = 'USG.000000001';
const FORBIDDEN = 'USG.000000403';
const DEPT_NOT_FOUND = 'USG.201060000';
const DEPT_NOT_EMPTY = 'USG.201060001';
const DEPT_EXISTS = 'USG.201060002';
const DEPT_ROOT = 'USG.201060003';

describe('D1 add department', () => {
  it('adds a department under its parent and answers its code', async () => {
    const admin = await loginAs(sim);
    const answer = await rawCall(sim, 'POST', DEPT, {
      token: admin,
      body: { deptName: 'Mobile', deptCode: 'eng-mobile', parentDeptCode: 'eng', note: 'apps' },
    });
    expect(answer.status).toBe(200);
    expect(addDepartmentResponseSchema.parse(answer.json)).toEqual({ value: 'eng-mobile' });
    const shown = deptWithChildrenSchema.parse(
      (await rawCall(sim, 'GET', `${TREE}/eng-mobile`, { token: admin })).json,
    );
    expect(shown).toMatchObject({
      deptCode: 'eng-mobile',
      deptName: 'Mobile',
      deptLevel: 3,
      deptNamePath: 'Demo Corp/Engineering/Mobile',
      deptCodePath: '1/eng/eng-mobile',
      parentDeptCode: 'eng',
      isLeafNode: true,
      note: 'apps',
      corpId: sim.store.corp.id,
      inPermission: 'UNLIMITED',
      outPermission: 'UNLIMITED',
      childDepts: [],
    });
    expect(changes.map((c) => c.kind)).toContain('department.added');
  });

  it('generates a code and defaults the parent to the root', async () => {
    const ops = await loginAs(sim, 'ops');
    const answer = await rawCall(sim, 'POST', DEPT, { token: ops, body: { deptName: 'Legal' } });
    const { value } = addDepartmentResponseSchema.parse(answer.json);
    expect(sim.store.departments.get(value)).toMatchObject({ deptName: 'Legal', parentDeptCode: '1' });
  });

  it('keeps designated departments only with DESIGNATED_DEPARTMENT', async () => {
    const admin = await loginAs(sim);
    const ok = await rawCall(sim, 'POST', DEPT, {
      token: admin,
      body: { deptName: 'Audit', outPermission: 'DESIGNATED_DEPARTMENT', designatedOutDeptCodes: ['sales'] },
    });
    const { value } = addDepartmentResponseSchema.parse(ok.json);
    const shown = deptWithChildrenSchema.parse(
      (await rawCall(sim, 'GET', `${TREE}/${value}`, { token: admin })).json,
    );
    expect(shown.designatedOutDeptCodes).toEqual([{ id: 'sales', mark: 'Sales' }]);
    const wrong = await rawCall(sim, 'POST', DEPT, {
      token: admin,
      body: { deptName: 'Audit 2', outPermission: 'ONLY_SELF', designatedOutDeptCodes: ['sales'] },
    });
    expectError(wrong, 400, BAD_REQUEST, 'body.designatedOutDeptCodes');
    const unknown = await rawCall(sim, 'POST', DEPT, {
      token: admin,
      body: {
        deptName: 'Audit 3',
        outPermission: 'DESIGNATED_DEPARTMENT',
        designatedOutDeptCodes: ['nowhere'],
      },
    });
    expectError(unknown, 400, DEPT_NOT_FOUND, 'body.designatedOutDeptCodes');
  });

  it('refuses an existing code, a sibling name, an unknown parent and bad fields', async () => {
    const admin = await loginAs(sim);
    const post = (body: unknown) => rawCall(sim, 'POST', DEPT, { token: admin, body });
    expectError(await post({ deptName: 'X', deptCode: 'eng' }), 400, DEPT_EXISTS, 'body.deptCode');
    expectError(await post({ deptName: 'Sales' }), 400, DEPT_EXISTS, 'body.deptName');
    expectError(
      await post({ deptName: 'X', parentDeptCode: 'nowhere' }),
      400,
      DEPT_NOT_FOUND,
      'body.parentDeptCode',
    );
    expectError(await post({}), 400, BAD_REQUEST, 'body.deptName');
    expectError(await post({ deptName: 'X', deptCode: 'c'.repeat(33) }), 400, BAD_REQUEST, 'body.deptCode');
    expectError(await post({ deptName: 'X', inPermission: 'CLOSE' }), 400, BAD_REQUEST, 'body.inPermission');
    expectError(
      await post({ deptName: 'X', outPermission: 'everyone' }),
      400,
      BAD_REQUEST,
      'body.outPermission',
    );
  });

  it('refuses members with 403 and a missing token with 401', async () => {
    expectError(
      await rawCall(sim, 'POST', DEPT, { token: await loginAs(sim, 'alice'), body: { deptName: 'X' } }),
      403,
      FORBIDDEN,
    );
    expectError(await rawCall(sim, 'POST', DEPT, { body: { deptName: 'X' } }), 401, 'USG.000000004');
    expect((await rawCall(sim, 'GET', DEPT, { token: await loginAs(sim) })).status).toBe(405);
  });
});

describe('D2 update department', () => {
  it('renames and moves a department; paths follow', async () => {
    const admin = await loginAs(sim);
    const answer = await rawCall(sim, 'PUT', `${DEPT}/eng-web`, {
      token: admin,
      body: { deptName: 'Frontend', parentDeptCode: 'sales', inPermission: 'OPEN' },
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toBeUndefined();
    const shown = deptWithChildrenSchema.parse(
      (await rawCall(sim, 'GET', `${TREE}/eng-web`, { token: admin })).json,
    );
    expect(shown).toMatchObject({
      deptName: 'Frontend',
      deptNamePath: 'Demo Corp/Sales/Frontend',
      deptCodePath: '1/sales/eng-web',
      inPermission: 'OPEN',
    });
    const alice = await rawCall(sim, 'GET', '/v1/usg/dcs/corp/member/alice@demo', { token: admin });
    expect(alice.json).toMatchObject({ deptName: 'Frontend', deptNamePath: 'Demo Corp/Sales/Frontend' });
    expect(changes.map((c) => c.kind)).toContain('department.updated');
  });

  it('refuses cycles, moving the root, unknown departments and members', async () => {
    const admin = await loginAs(sim);
    const put = (code: string, body: unknown, token = admin) =>
      rawCall(sim, 'PUT', `${DEPT}/${code}`, { token, body });
    expectError(await put('eng', { parentDeptCode: 'eng-web' }), 400, BAD_REQUEST, 'body.parentDeptCode');
    expectError(await put('eng', { parentDeptCode: 'eng' }), 400, BAD_REQUEST, 'body.parentDeptCode');
    expectError(await put('1', { parentDeptCode: 'eng' }), 400, DEPT_ROOT);
    expectError(await put('nowhere', { deptName: 'X' }), 400, DEPT_NOT_FOUND, 'params.dept_code');
    expectError(await put('eng', { parentDeptCode: 'nowhere' }), 400, DEPT_NOT_FOUND, 'body.parentDeptCode');
    expectError(await put('eng', { deptName: 'Sales' }), 400, DEPT_EXISTS, 'body.deptName');
    expectError(await put('eng', { deptName: 'X' }, await loginAs(sim, 'bob')), 403, FORBIDDEN);
    expect(sim.store.departments.get('eng')?.deptName).toBe('Engineering');
  });
});

describe('D3 delete department', () => {
  it('deletes an empty department', async () => {
    const admin = await loginAs(sim);
    await rawCall(sim, 'POST', DEPT, { token: admin, body: { deptName: 'Temp', deptCode: 'temp' } });
    const deleted = await rawCall(sim, 'DELETE', `${DEPT}/temp`, { token: admin });
    expect(deleted.status).toBe(200);
    expect(deleted.json).toBeUndefined();
    expectError(
      await rawCall(sim, 'GET', `/v1/usg/abs/departments/temp`, { token: admin }),
      400,
      DEPT_NOT_FOUND,
    );
    expect(changes.map((c) => c.kind)).toContain('department.deleted');
  });

  it('refuses the root, departments with users or children, unknown ones and members', async () => {
    const admin = await loginAs(sim);
    expectError(await rawCall(sim, 'DELETE', `${DEPT}/1`, { token: admin }), 400, DEPT_ROOT);
    expectError(await rawCall(sim, 'DELETE', `${DEPT}/sales`, { token: admin }), 400, DEPT_NOT_EMPTY);
    await rawCall(sim, 'POST', DEPT, { token: admin, body: { deptName: 'Parent', deptCode: 'p' } });
    await rawCall(sim, 'POST', DEPT, {
      token: admin,
      body: { deptName: 'Child', deptCode: 'c', parentDeptCode: 'p' },
    });
    expectError(await rawCall(sim, 'DELETE', `${DEPT}/p`, { token: admin }), 400, DEPT_NOT_EMPTY);
    expectError(await rawCall(sim, 'DELETE', `${DEPT}/nowhere`, { token: admin }), 400, DEPT_NOT_FOUND);
    expectError(
      await rawCall(sim, 'DELETE', `${DEPT}/c`, { token: await loginAs(sim, 'alice') }),
      403,
      FORBIDDEN,
    );
    expect(sim.store.departments.has('c')).toBe(true);
  });
});

describe('D4 show department', () => {
  it('answers the department and its children, brief, to members', async () => {
    const alice = await loginAs(sim, 'alice');
    const root = showDepartmentResponseSchema.parse(
      (await rawCall(sim, 'GET', '/v1/usg/abs/departments/1', { token: alice })).json,
    );
    expect(root).toEqual({
      deptCode: '1',
      deptName: 'Demo Corp',
      isLeafNodes: false,
      childDepts: [
        { deptCode: 'eng', deptName: 'Engineering', isLeafNodes: false },
        { deptCode: 'sales', deptName: 'Sales', isLeafNodes: true },
      ],
    });
    expectError(
      await rawCall(sim, 'GET', '/v1/usg/abs/departments/nowhere', { token: alice }),
      400,
      DEPT_NOT_FOUND,
    );
    expectError(await rawCall(sim, 'GET', '/v1/usg/abs/departments/1'), 401, 'USG.000000004');
  });
});

describe('D5 show department and children', () => {
  it('answers the department with its first-level children and their places in the tree', async () => {
    // An administrator call (published-behaviour.md §1); ops is an ordinary administrator.
    const ops = await loginAs(sim, 'ops');
    const eng = deptWithChildrenSchema.parse((await rawCall(sim, 'GET', `${TREE}/eng`, { token: ops })).json);
    expect(eng).toMatchObject({ deptCode: 'eng', deptLevel: 2, isLeafNode: false, parentDeptCode: '1' });
    expect(eng.childDepts).toEqual([
      expect.objectContaining({
        deptCode: 'eng-web',
        deptLevel: 3,
        deptCodePath: '1/eng/eng-web',
        isLeafNode: true,
      }),
    ]);
    const root = deptWithChildrenSchema.parse((await rawCall(sim, 'GET', `${TREE}/1`, { token: ops })).json);
    expect(root).toMatchObject({ deptLevel: 1, deptNamePath: 'Demo Corp', deptCodePath: '1' });
    expect(root.parentDeptCode).toBeUndefined();
    expectError(await rawCall(sim, 'GET', `${TREE}/nowhere`, { token: ops }), 400, DEPT_NOT_FOUND);
    const member = await loginAs(sim, 'bob');
    expectError(await rawCall(sim, 'GET', `${TREE}/eng`, { token: member }), 403, FORBIDDEN);
  });
});

describe('D6 search departments by name', () => {
  it('answers every department whose name contains the text, case-insensitively', async () => {
    // An administrator call (published-behaviour.md §1).
    const ops = await loginAs(sim, 'ops');
    const found = z
      .array(queryDeptResultSchema)
      .parse((await rawCall(sim, 'GET', `${TREE}?deptName=WEB`, { token: ops })).json);
    expect(found.map((d) => d.deptCode)).toEqual(['eng-web']);
    const none = await rawCall(sim, 'GET', `${TREE}?deptName=Marketing`, { token: ops });
    expect(none.status).toBe(200);
    expect(none.json).toEqual([]);
    expectError(await rawCall(sim, 'GET', TREE, { token: ops }), 400, BAD_REQUEST, 'query.deptName');
    expectError(
      await rawCall(sim, 'GET', `${TREE}?deptName=`, { token: ops }),
      400,
      BAD_REQUEST,
      'query.deptName',
    );
    expect((await rawCall(sim, 'POST', TREE, { token: ops })).status).toBe(405);
    const member = await loginAs(sim, 'carol');
    expectError(await rawCall(sim, 'GET', `${TREE}?deptName=WEB`, { token: member }), 403, FORBIDDEN);
  });
});
