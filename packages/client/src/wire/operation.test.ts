import { describe, expect, it } from 'vitest';
import { fillPath } from './operation.js';

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
