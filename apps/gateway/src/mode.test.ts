import { describe, expect, it } from 'vitest';
import { PRODUCTION_ENV, useGateway } from './testing/harness.js';
import { connectLive } from './testing/liveClient.js';

// The same gateway code in its two modes: development (no upstream credentials in the environment: the embedded
// simulator) and production (credentials given, as a deployment does; here they are the simulator's own).
const development = useGateway();
const production = useGateway({ env: PRODUCTION_ENV });

const introspection = '{ __schema { queryType { name } } }';

async function preflight(url: string, origin: string): Promise<string | null> {
  const response = await fetch(url, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type,authorization',
    },
  });
  return response.headers.get('access-control-allow-origin');
}

describe('development and production modes', () => {
  it('introspection only in development', async () => {
    const dev = await development.gql(await development.tokenFor('alice'), introspection);
    expect(dev.body.data?.__schema.queryType.name).toBe('Query');
    const prod = await production.gql(await production.tokenFor('alice'), introspection);
    expect(prod.body.data).toBeUndefined();
    expect(prod.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('introspection over graphql-ws follows the same rule as over HTTP', async () => {
    const ask = async (harness: typeof development) => {
      const client = connectLive(harness.gateway().wsUrl, await harness.tokenFor('alice'));
      try {
        return await new Promise<{ data?: unknown; errors?: unknown }>((resolve) => {
          client.subscribe(
            { query: introspection },
            {
              next: (result) => resolve(result as { data?: unknown }),
              error: (errors) => resolve({ errors }),
              complete: () => undefined,
            },
          );
        });
      } finally {
        await client.dispose();
      }
    };
    expect((await ask(development)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const refused = await ask(production);
    expect(refused.data).toBeUndefined();
    expect(JSON.stringify(refused.errors)).toMatch(/introspection/i);
  });

  it('lets pages on localhost call in development only, without CORS_ORIGINS', async () => {
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:3000']) {
      expect(await preflight(development.gateway().url, origin)).toBe(origin);
      expect(await preflight(production.gateway().url, origin)).toBeNull();
    }
    expect(await preflight(development.gateway().url, 'https://evil.example')).toBeNull();
  });

  it('suggests field names in development only', async () => {
    const dev = await development.gql(
      await development.tokenFor('alice'),
      '{ meetingz(first: 1) { totalCount } }',
    );
    expect(dev.body.errors?.[0]?.message).toMatch(/Did you mean/);
    const prod = await production.gql(
      await production.tokenFor('alice'),
      '{ meetingz(first: 1) { totalCount } }',
    );
    expect(prod.body.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });
});
