import { defineOperation } from '@hwmeeting/client/wire';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { on, Router } from './router.js';

const show = defineOperation({
  name: 'show',
  method: 'GET',
  path: '/v1/member/{account}',
  auth: 'none',
  params: z.object({ account: z.string() }),
  response: z.unknown(),
  idempotent: true,
});
const remove = defineOperation({
  name: 'remove',
  method: 'POST',
  path: '/v1/member/delete',
  auth: 'none',
  response: z.unknown(),
  idempotent: false,
});

describe('Router', () => {
  const router = new Router().add([on(show, () => ({})), on(remove, () => ({}))]);

  it('prefers literal paths over templates and decodes parameters', () => {
    const literal = router.match('POST', '/v1/member/delete');
    expect(literal !== undefined && literal !== 'method-not-allowed' && literal.route.operation.name).toBe(
      'remove',
    );
    const templated = router.match('GET', '/v1/member/a%40b');
    expect(templated !== undefined && templated !== 'method-not-allowed' && templated.params).toEqual({
      account: 'a@b',
    });
  });

  it('tells a wrong method from an unknown path', () => {
    expect(router.match('DELETE', '/v1/member/x')).toBe('method-not-allowed');
    expect(router.match('GET', '/v1/nothing')).toBeUndefined();
  });
});
