import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { data, expectError, useGateway } from '../../testing/harness.js';

const { gql, tokenFor, sim } = useGateway();

const admin = () => tokenFor('admin', ['admin']);

const DEPT = `code name namePath codePath parentCode level isLeaf note visibility reach sortLevel
  parent { code name } designatedDepartments { code name } children { code name }`;
const DEPARTMENT = `query($code: String!) { department(code: $code) { ${DEPT} } }`;
const CREATE = `mutation($input: CreateDepartmentInput!) { createDepartment(input: $input) { ${DEPT} } }`;
const UPDATE = `mutation($code: String!, $input: UpdateDepartmentInput!) {
  updateDepartment(code: $code, input: $input) { ${DEPT} } }`;
const DELETE = 'mutation($code: String!) { deleteDepartment(code: $code) }';

const names = (list: { name: string }[]) => list.map((d) => d.name);

describe('department queries', () => {
  it("gives each department one cache id, the same wherever it appears (list, by code, as a parent, a user's)", async () => {
    const bob = await tokenFor('bob');
    const listed = data(await gql(bob, '{ departments { id code children { id code } } }')).departments;
    const eng = listed.find((d: { code: string }) => d.code === 'eng');
    const web = data(
      await gql(bob, '{ department(code: "eng-web") { id code parent { id code } } }'),
    ).department;
    expect(web.id).toBe(eng.children[0].id);
    expect(web.parent.id).toBe(eng.id);
    const ids = [...listed.map((d: { id: string }) => d.id), web.id];
    expect(new Set(ids).size).toBe(ids.length);
    const mine = data(await gql(bob, '{ me { department { id code } } }')).me.department;
    expect(mine.code).toBe('eng');
    expect(mine.id).toBe(eng.id);
  });

  it('lists the root children by default, and any department children on request', async () => {
    const bob = await tokenFor('bob');
    const root = data(
      await gql(bob, '{ departments { code name isLeaf level children { name } } }'),
    ).departments;
    expect(root.map((d: { code: string }) => d.code)).toEqual(['eng', 'sales']);
    expect(root[0]).toMatchObject({
      name: 'Engineering',
      isLeaf: false,
      level: 2,
      children: [{ name: 'Web' }],
    });
    const eng = data(
      await gql(bob, '{ departments(parentCode: "eng") { code name parentCode } }'),
    ).departments;
    expect(eng).toEqual([{ code: 'eng-web', name: 'Web', parentCode: 'eng' }]);
  });

  it('answers one department with its place in the tree', async () => {
    const place = {
      code: 'eng-web',
      name: 'Web',
      parentCode: 'eng',
      parent: { code: 'eng', name: 'Engineering' },
      level: 3,
      isLeaf: true,
      codePath: '1/eng/eng-web',
      children: [],
    };
    // A member reads it through D4 (D5 is an administrator call): its place, not its administration.
    const web = data(await gql(await tokenFor('alice'), DEPARTMENT, { code: 'eng-web' })).department;
    expect(web).toMatchObject({ ...place, visibility: null, reach: null, designatedDepartments: [] });
    expect(web.namePath.endsWith('Engineering/Web')).toBe(true);
    const root = data(await gql(await tokenFor('alice'), DEPARTMENT, { code: '1' })).department;
    expect(root).toMatchObject({ parentCode: null, parent: null, level: 1 });
    expect(names(root.children)).toEqual(['Engineering', 'Sales']);
    // An administrator reads the whole record (D5).
    const asAdmin = data(await gql(await admin(), DEPARTMENT, { code: 'eng-web' })).department;
    expect(asAdmin).toMatchObject({
      ...place,
      visibility: 'EVERYONE',
      reach: 'EVERYONE',
      designatedDepartments: [],
    });
    expect(asAdmin.namePath).toBe(web.namePath);
  });

  it("walks the tree with the members' open call (D4), never the administrators' D5 or D6", async () => {
    const calls = new Map<string, number>();
    const count = (request: IncomingMessage) => {
      const path = request.url?.split('?')[0] ?? '';
      const call = path.startsWith('/v1/usg/abs/departments/')
        ? 'D4'
        : path.startsWith('/v1/usg/dcs/member/dept')
          ? 'D5/D6'
          : undefined;
      if (call) calls.set(call, (calls.get(call) ?? 0) + 1);
    };
    sim().server.on('request', count);
    try {
      const bob = await tokenFor('bob');
      const deep = data(
        await gql(
          bob,
          '{ a: department(code: "eng-web") { level parent { name level } } b: department(code: "eng") { level } }',
        ),
      );
      expect(deep).toEqual({ a: { level: 3, parent: { name: 'Engineering', level: 2 } }, b: { level: 2 } });
      const me = data(await gql(bob, '{ me { department { code parentCode level } } }')).me;
      expect(me.department).toEqual({ code: 'eng', parentCode: '1', level: 2 });
    } finally {
      sim().server.off('request', count);
    }
    expect(calls.get('D5/D6')).toBeUndefined();
    // One read per department of the way down, shared by the fields of a request: root, eng, eng-web, then
    // root and eng again for the second request.
    expect(calls.get('D4')).toBe(5);
  });

  it('finds departments by name for administrators; D6 refuses members', async () => {
    const found = data(
      await gql(await admin(), '{ departmentsByName(name: "web") { code name parent { name } } }'),
    ).departmentsByName;
    expect(found).toEqual([{ code: 'eng-web', name: 'Web', parent: { name: 'Engineering' } }]);
    expect(
      data(await gql(await admin(), '{ departmentsByName(name: "nothing like it") { code } }'))
        .departmentsByName,
    ).toEqual([]);
    const refused = expectError(
      await gql(await tokenFor('bob'), '{ departmentsByName(name: "web") { code } }'),
      'FORBIDDEN',
    );
    expect(refused.extensions.upstreamCode).toBe('USG.000000403');
  });

  it('answers unknown codes with NOT_FOUND and bad arguments with BAD_USER_INPUT', async () => {
    const bob = await tokenFor('bob');
    expectError(await gql(bob, DEPARTMENT, { code: 'nowhere' }), 'NOT_FOUND');
    expectError(await gql(bob, '{ departments(parentCode: "nowhere") { code } }'), 'NOT_FOUND');
    expectError(await gql(bob, DEPARTMENT, { code: ' ' }), 'BAD_USER_INPUT', 'code');
    expectError(await gql(bob, '{ departments(parentCode: "") { code } }'), 'BAD_USER_INPUT', 'parentCode');
    expectError(await gql(bob, '{ departmentsByName(name: "") { code } }'), 'BAD_USER_INPUT', 'name');
  });
});

describe('department mutations', () => {
  it('creates, changes, moves and deletes a department as an administrator', async () => {
    const token = await admin();
    const created = data(
      await gql(token, CREATE, {
        input: {
          name: 'QA',
          code: 'qa',
          parentCode: 'eng',
          note: 'quality',
          reach: 'DESIGNATED_DEPARTMENTS',
          designatedDepartmentCodes: ['sales'],
        },
      }),
    ).createDepartment;
    expect(created).toMatchObject({
      code: 'qa',
      name: 'QA',
      parentCode: 'eng',
      note: 'quality',
      visibility: 'EVERYONE',
      reach: 'DESIGNATED_DEPARTMENTS',
      designatedDepartments: [{ code: 'sales', name: 'Sales' }],
      isLeaf: true,
    });
    const eng = data(await gql(token, DEPARTMENT, { code: 'eng' })).department;
    expect(names(eng.children)).toContain('QA');

    const generated = data(
      await gql(token, CREATE, { input: { name: 'Support', visibility: 'OPEN' } }),
    ).createDepartment;
    expect(generated).toMatchObject({ name: 'Support', parentCode: '1', visibility: 'OPEN' });
    expect(generated.code).toMatch(/\S/);

    const renamed = data(
      await gql(token, UPDATE, {
        code: 'qa',
        input: { name: 'Quality', parentCode: 'sales', reach: 'OWN_DEPARTMENT_TREE', visibility: 'CLOSED' },
      }),
    ).updateDepartment;
    expect(renamed).toMatchObject({
      name: 'Quality',
      parentCode: 'sales',
      parent: { name: 'Sales' },
      reach: 'OWN_DEPARTMENT_TREE',
      visibility: 'CLOSED',
      designatedDepartments: [],
    });

    expect(data(await gql(token, DELETE, { code: 'qa' })).deleteDepartment).toBe(true);
    expect(data(await gql(token, DELETE, { code: generated.code })).deleteDepartment).toBe(true);
    expectError(await gql(token, DEPARTMENT, { code: 'qa' }), 'NOT_FOUND');
  });

  it('validates department input before any upstream call, naming the field', async () => {
    const token = await admin();
    const before = sim().store.departments.size;
    expectError(await gql(token, CREATE, { input: { name: '' } }), 'BAD_USER_INPUT', 'input.name');
    expectError(
      await gql(token, CREATE, { input: { name: 'X', code: 'c'.repeat(33) } }),
      'BAD_USER_INPUT',
      'input.code',
    );
    expectError(
      await gql(token, CREATE, { input: { name: 'X', visibility: 'CLOSED' } }),
      'BAD_USER_INPUT',
      'input.visibility',
    );
    expectError(
      await gql(token, CREATE, { input: { name: 'X', designatedDepartmentCodes: ['sales'] } }),
      'BAD_USER_INPUT',
      'input.designatedDepartmentCodes',
    );
    expectError(
      await gql(token, CREATE, { input: { name: 'X', note: 'n'.repeat(97) } }),
      'BAD_USER_INPUT',
      'input.note',
    );
    expect(sim().store.departments.size).toBe(before);
    expectError(await gql(token, UPDATE, { code: 'eng', input: {} }), 'BAD_USER_INPUT', 'input');
    expectError(await gql(token, DELETE, { code: '' }), 'BAD_USER_INPUT', 'code');
  });

  it('maps upstream refusals: unknown departments, non-empty ones, duplicate names', async () => {
    const token = await admin();
    expectError(await gql(token, UPDATE, { code: 'nowhere', input: { name: 'X' } }), 'NOT_FOUND');
    expectError(await gql(token, DELETE, { code: 'nowhere' }), 'NOT_FOUND');
    expectError(await gql(token, CREATE, { input: { name: 'X', parentCode: 'nowhere' } }), 'NOT_FOUND');
    const notEmpty = expectError(await gql(token, DELETE, { code: 'eng' }), 'BAD_USER_INPUT');
    expect(notEmpty.extensions.upstreamCode).toBe('USG.201060001');
    const duplicate = expectError(await gql(token, CREATE, { input: { name: 'Sales' } }), 'BAD_USER_INPUT');
    expect(duplicate.extensions.upstreamCode).toBe('USG.201060002');
    expect(data(await gql(token, DEPARTMENT, { code: 'eng' })).department.name).toBe('Engineering');
  });

  it('refuses every department write to members with FORBIDDEN', async () => {
    const alice = await tokenFor('alice');
    expectError(await gql(alice, CREATE, { input: { name: 'Skunkworks' } }), 'FORBIDDEN');
    expectError(await gql(alice, UPDATE, { code: 'sales', input: { name: 'Mine' } }), 'FORBIDDEN');
    expectError(await gql(alice, DELETE, { code: 'eng-web' }), 'FORBIDDEN');
    const sales = data(await gql(alice, DEPARTMENT, { code: 'sales' })).department;
    expect(sales.name).toBe('Sales');
    expect(sim().store.departments.has('eng-web')).toBe(true);
  });
});
