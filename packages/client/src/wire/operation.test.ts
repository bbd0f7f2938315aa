import { describe, expect, it } from 'vitest';
import { authOperations } from './auth.js';
import { controlOperations } from './control.js';
import { departmentOperations } from './departments.js';
import * as wire from './index.js';
import { meetingOperations } from './meetings.js';
import { fillPath, type Operation, UPSTREAM_AREAS, type UpstreamArea } from './operation.js';
import { userOperations } from './users.js';
import { webhookOperations } from './webhooks.js';

describe('fillPath', () => {
  it('fills and encodes path parameters', () => {
    expect(fillPath('/v1/usg/dcs/corp/member/{account}', { account: 'a b/c@d' })).toBe(
      '/v1/usg/dcs/corp/member/a%20b%2Fc%40d',
    );
  });

  it('refuses a missing parameter, naming it', () => {
    expect(() => fillPath('/x/{dept_code}', {})).toThrowError('dept_code');
  });
});

describe('areas', () => {
  const byArea: Record<UpstreamArea, Record<string, Operation>> = {
    auth: authOperations,
    meetings: meetingOperations,
    users: userOperations,
    departments: departmentOperations,
    control: controlOperations,
    webhooks: webhookOperations,
  };

  it('every published operation declares the area of its module, which picks its breaker', () => {
    expect(Object.keys(byArea).sort()).toEqual([...UPSTREAM_AREAS].sort());
    for (const [area, operations] of Object.entries(byArea)) {
      for (const operation of Object.values(operations))
        expect([operation.name, operation.area]).toEqual([operation.name, area]);
    }
  });

  it('every exported operation is in one of the lists above', () => {
    const listed = new Set(Object.values(byArea).flatMap((operations) => Object.values(operations)));
    const exported = (Object.values(wire) as unknown[]).filter(
      (value): value is Operation =>
        typeof value === 'object' &&
        value !== null &&
        'method' in value &&
        'path' in value &&
        'response' in value,
    );
    expect(exported.length).toBeGreaterThan(60);
    for (const operation of exported) expect(listed.has(operation), operation.name).toBe(true);
  });
});
