import { describe, expect, it } from 'vitest';
import { ConfigError, gatewayMode, loadConfig, sizeInBytes } from './config.js';

describe('loadConfig', () => {
  it('defaults everything for development on the embedded simulator', () => {
    const env = loadConfig({});
    expect(env).toMatchObject({
      PORT: 4000,
      GRAPHQL_PATH: '/graphql',
      MAX_DEPTH: 10,
    });
    expect(gatewayMode(env)).toBe('development');
    expect(env.HWMEETING_APP_ID).toBeUndefined();
  });

  it('is production with real credentials unless NODE_ENV says development', () => {
    const real = { HWMEETING_APP_ID: 'app', HWMEETING_APP_KEY: 'key', JWT_SECRET: 's'.repeat(32) };
    expect(gatewayMode(loadConfig(real))).toBe('production');
    expect(gatewayMode(loadConfig({ ...real, NODE_ENV: 'test' }))).toBe('production');
    expect(gatewayMode(loadConfig({ ...real, NODE_ENV: 'development' }))).toBe('development');
    expect(gatewayMode(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 's'.repeat(32) }))).toBe(
      'production',
    );
    // Production never generates its own JWT key: development must be asked for.
    expect(() => loadConfig({ HWMEETING_APP_ID: 'app', HWMEETING_APP_KEY: 'key' })).toThrow(/JWT_SECRET/);
    expect(() =>
      loadConfig({ HWMEETING_APP_ID: 'app', HWMEETING_APP_KEY: 'key', NODE_ENV: 'development' }),
    ).not.toThrow();
  });

  it('reads BODY_LIMIT as bytes', () => {
    expect(sizeInBytes('100kb')).toBe(102_400);
    expect(sizeInBytes('2MB')).toBe(2 * 1024 * 1024);
    expect(() => loadConfig({ BODY_LIMIT: '100' })).toThrow(/BODY_LIMIT: must be a size/);
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
  it('checks the Redis settings: URL scheme, and the token key that must come with it', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', TOKEN_ENCRYPTION_KEY: key })).toMatchObject({
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: 'hwm:',
      UPSTREAM_LEASE_MS: 5000,
    });
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(
      /TOKEN_ENCRYPTION_KEY: REDIS_URL is set/,
    );
    expect(() => loadConfig({ REDIS_URL: 'http://x', TOKEN_ENCRYPTION_KEY: key })).toThrow(
      /REDIS_URL: must be a redis/,
    );
    const short = (() => {
      try {
        loadConfig({ REDIS_URL: 'redis://x', TOKEN_ENCRYPTION_KEY: 'c2hvcnQ=' });
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(short).toMatch(/TOKEN_ENCRYPTION_KEY: must be 32 bytes/);
    expect(short).not.toContain('c2hvcnQ=');
    expect(loadConfig({ REDIS_URL: 'rediss://x', TOKEN_ENCRYPTION_KEY: 'ab'.repeat(32) }).REDIS_URL).toBe(
      'rediss://x',
    );
  });

  it('checks the deadline, metrics and JWT lifetime settings', () => {
    expect(loadConfig({})).toMatchObject({
      OPERATION_TIMEOUT_MS: 15_000,
      SHUTDOWN_TIMEOUT_MS: 10_000,
      JWT_MAX_LIFETIME_SECONDS: 86_400,
    });
    expect(() => loadConfig({ OPERATION_TIMEOUT_MS: '0' })).toThrow(/OPERATION_TIMEOUT_MS/);
    expect(() => loadConfig({ DEV_TOKEN_TTL_SECONDS: '7200', JWT_MAX_LIFETIME_SECONDS: '3600' })).toThrow(
      /DEV_TOKEN_TTL_SECONDS: must not exceed JWT_MAX_LIFETIME_SECONDS/,
    );
    expect(() => loadConfig({ PORT: '4000', METRICS_PORT: '4000' })).toThrow(/METRICS_PORT: must differ/);
    const short = (() => {
      try {
        loadConfig({ METRICS_TOKEN: 'tiny-secret' });
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(short).toMatch(/METRICS_TOKEN: must be at least 16/);
    expect(short).not.toContain('tiny-secret');
    expect(() => loadConfig({ OTEL_TRACES_EXPORTER: 'zipkin' })).toThrow(/OTEL_TRACES_EXPORTER/);
  });

  it('checks the first-update wait and the lobby settings', () => {
    expect(loadConfig({})).toMatchObject({
      FIRST_UPDATE_WAIT_MS: 3000,
      LOBBY_POLL_MS: 10_000,
      LOBBY_GRACE_SECONDS: 1800,
    });
    // No wait would bring back an empty first SNAPSHOT without a cursor.
    expect(() => loadConfig({ FIRST_UPDATE_WAIT_MS: '0' })).toThrow(/FIRST_UPDATE_WAIT_MS/);
    expect(() => loadConfig({ LOBBY_POLL_MS: '10' })).toThrow(/LOBBY_POLL_MS/);
    expect(() => loadConfig({ LOBBY_GRACE_SECONDS: '-1' })).toThrow(/LOBBY_GRACE_SECONDS/);
  });
});
