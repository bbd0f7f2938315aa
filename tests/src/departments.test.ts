import { ClientErrorCode, DepartmentsApi, UsersApi } from '@hwmeeting/client';
import { beforeEach, describe, expect, it } from 'vitest';
import { failure, useClient, useSimulator } from './support.js';

// A fresh enterprise per test: these tests add, move and delete departments.
const sim = useSimulator({ seed: 'demo' }, { fresh: true });
const core = useClient(sim, { fresh: true });
let departments: DepartmentsApi;
beforeEach(() => {
  departments = new DepartmentsApi(core());
});

describe('DepartmentsApi against the simulator', () => {
  it('add (D1) and getWithChildren (D5): builds the tree with levels and paths', async () => {
    const code = await departments.add({ deptName: 'Mobile', deptCode: 'eng-mobile', parentDeptCode: 'eng' });
    expect(code).toBe('eng-mobile');
    const generated = await departments.add({ deptName: 'iOS', parentDeptCode: code, note: 'Swift' });
    expect(generated).toMatch(/^\d{8}$/);
    const mobile = await departments.getWithChildren(code);
    expect(mobile).toMatchObject({
      deptCode: 'eng-mobile',
      deptLevel: 3,
      deptNamePath: 'Demo Corp/Engineering/Mobile',
      deptCodePath: '1/eng/eng-mobile',
      isLeafNode: false,
      parentDeptCode: 'eng',
    });
    expect(mobile.childDepts).toEqual([
      expect.objectContaining({
        deptCode: generated,
        deptName: 'iOS',
        deptLevel: 4,
        isLeafNode: true,
        note: 'Swift',
      }),
    ]);
  });

  it('add (D1): refuses members, unknown parents and duplicate codes', async () => {
    const member = await failure(departments.add({ deptName: 'X' }, { userId: 'alice' }));
    expect(member).toMatchObject({ httpStatus: 403, code: 'USG.000000403', operation: 'addDepartment' });
    const parent = await failure(departments.add({ deptName: 'X', parentDeptCode: 'nowhere' }));
    expect(parent).toMatchObject({ httpStatus: 400, code: 'USG.201060000' });
    expect((await failure(departments.add({ deptName: 'X', deptCode: 'sales' }))).code).toBe('USG.201060002');
    const tooLong = await failure(departments.add({ deptName: 'X', deptCode: 'c'.repeat(33) }));
    expect(tooLong).toMatchObject({ code: ClientErrorCode.INVALID_INPUT, field: 'body.deptCode' });
  });

  it('update (D2): renames and moves a department, and its users follow', async () => {
    await departments.update('eng-web', {
      deptName: 'Frontend',
      parentDeptCode: 'sales',
      outPermission: 'SELF_AND_CHILD_DEPARTMENT',
    });
    expect(await departments.getWithChildren('eng-web')).toMatchObject({
      deptNamePath: 'Demo Corp/Sales/Frontend',
      outPermission: 'SELF_AND_CHILD_DEPARTMENT',
    });
    const alice = await new UsersApi(core()).get('alice@demo');
    expect(alice.deptNamePath).toBe('Demo Corp/Sales/Frontend');
    const cycle = await failure(departments.update('eng', { parentDeptCode: 'eng' }));
    expect(cycle).toMatchObject({ httpStatus: 400, code: 'USG.000000001' });
    expect(cycle.message).toContain('body.parentDeptCode');
  });

  it('delete (D3): deletes empty departments only, never the root', async () => {
    await departments.add({ deptName: 'Temp', deptCode: 'temp' });
    await departments.delete('temp');
    expect((await failure(departments.get('temp'))).code).toBe('USG.201060000');
    expect((await failure(departments.delete('1'))).code).toBe('USG.201060003');
    expect((await failure(departments.delete('sales'))).code).toBe('USG.201060001');
    expect((await failure(departments.delete('sales', { userId: 'carol' }))).httpStatus).toBe(403);
  });

  it('get (D4): members see a department and its children, brief', async () => {
    const root = await departments.get('1', { userId: 'bob' });
    expect(root).toMatchObject({ deptCode: '1', deptName: 'Demo Corp', isLeafNodes: false });
    expect(root.childDepts?.map((d) => [d.deptCode, d.isLeafNodes])).toEqual([
      ['eng', false],
      ['sales', true],
    ]);
  });

  it('getWithChildren (D5) and searchByName (D6) are administrator calls: a member is refused with 403', async () => {
    const d5 = await failure(departments.getWithChildren('eng', { userId: 'dave' }));
    expect(d5).toMatchObject({ httpStatus: 403, code: 'USG.000000403', operation: 'showDeptAndChildDept' });
    const d6 = await failure(departments.searchByName('eng', { userId: 'dave' }));
    expect(d6).toMatchObject({ httpStatus: 403, code: 'USG.000000403', operation: 'searchDepartmentByName' });
  });

  it('searchByName (D6): answers the matching departments as an array', async () => {
    const found = await departments.searchByName('eng');
    expect(found.map((d) => d.deptCode)).toEqual(['eng']);
    expect(found[0]).toMatchObject({ deptName: 'Engineering', deptLevel: 2, corpId: sim().store.corp.id });
    expect(await departments.searchByName('nothing like it')).toEqual([]);
    expect((await failure(departments.searchByName(''))).code).toBe(ClientErrorCode.INVALID_INPUT);
  });
});
