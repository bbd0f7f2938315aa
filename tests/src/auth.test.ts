import { MeetingApiError } from '@hwmeeting/client';
import { describe, expect, it } from 'vitest';
import { clientFor, useSimulator } from './support.js';

const sim = useSimulator({ seed: 'demo' });

describe('App ID login against the simulator', () => {
  it('logs in as a user and as the administrator', async () => {
    const core = clientFor(sim());
    const alice = await core.tokens.token('alice');
    expect(alice.user?.thirdAccount).toBe('alice');
    const admin = await core.tokens.token(undefined);
    expect(admin.user?.adminType).toBe(0);
    const result = await core.dispose();
    expect(result).toEqual({ loggedOut: 2, failed: [] });
    expect(sim().store.tokens.size).toBe(0);
  });

  it('refuses a wrong appKey with 401 and the App ID error code', async () => {
    const core = clientFor(sim(), { credentials: { appId: sim().appId, appKey: 'wrong' } });
    const error = await core.tokens.token('alice').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MeetingApiError);
    expect(error).toMatchObject({ httpStatus: 401, code: 'USG.206010025', operation: 'createAppIdToken' });
    expect(String((error as Error).message)).not.toContain('wrong');
    await core.dispose();
  });
});
