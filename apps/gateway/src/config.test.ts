import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults everything for development on the embedded simulator', () => {
    const env = loadConfig({});
    expect(env).toMatchObject({
      PORT: 4000,
      GRAPHQL_PATH: '/graphql',
      NODE_ENV: 'development',
      MAX_DEPTH: 10,
    });
    expect(env.HWMEETING_APP_ID).toBeUndefined();
  });

  it('names every bad variable', () => {
    const error = (() => {
      try {
        loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', JWT_SECRET: 'short', HWMEETING_ENDPOINT: 'ftp://x' });
      } catch (e) {
        return e;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['PORT', 'LOG_LEVEL', 'JWT_SECRET', 'HWMEETING_ENDPOINT'])
      expect(message).toContain(name);
    expect(message).not.toContain('short');
  });

  it('requires the App ID and key together', () => {
    expect(() => loadConfig({ HWMEETING_APP_ID: 'a' })).toThrow(
      /HWMEETING_APP_KEY: HWMEETING_APP_ID and HWMEETING_APP_KEY go together/,
    );
  });

  it('requires a JWT key in production and multi tenancy for a corp ID', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ HWMEETING_CORP_ID: 'c1' })).toThrow(
      /HWMEETING_CORP_ID: needs HWMEETING_TENANCY=multi/,
    );
    expect(loadConfig({ HWMEETING_CORP_ID: 'c1', HWMEETING_TENANCY: 'multi' }).HWMEETING_CORP_ID).toBe('c1');
  });
});
