import { z } from 'zod';
import type { SimRoute } from './testControl.js';

const tokenFilterSchema = z
  .object({ accessToken: z.string().optional(), userId: z.string().optional() })
  .optional();
const configSchema = z.object({ tokenLifetimeSeconds: z.number().int().positive().optional() });

/**
 * Test-control routes of access tokens: `POST /__sim/tokens/expire|revoke {accessToken?, userId?}` and
 * `PUT /__sim/config {tokenLifetimeSeconds}` (the lifetime of tokens issued from then on).
 */
export const tokenSimRoutes: SimRoute[] = [
  {
    method: 'POST',
    pattern: /^\/tokens\/(?<action>expire|revoke)$/,
    body: tokenFilterSchema,
    handle: ({ store, params, body }) => {
      const filter = (body ?? {}) as NonNullable<z.infer<typeof tokenFilterSchema>>;
      let count = 0;
      for (const token of [...store.tokens.values()]) {
        if (filter.accessToken !== undefined && token.accessToken !== filter.accessToken) continue;
        if (filter.userId !== undefined) {
          const user = store.users.get(token.userId);
          if (token.userId !== filter.userId && user?.thirdAccount !== filter.userId) continue;
        }
        if (params.action === 'revoke') store.revokeToken(token.accessToken);
        else token.expiresAtMs = store.clock.now();
        count++;
      }
      return { count };
    },
  },
  {
    method: 'PUT',
    pattern: /^\/config$/,
    body: configSchema,
    handle: ({ store, body }) => {
      const config = body as z.infer<typeof configSchema>;
      if (config.tokenLifetimeSeconds !== undefined) store.tokenLifetimeSeconds = config.tokenLifetimeSeconds;
      return { tokenLifetimeSeconds: store.tokenLifetimeSeconds };
    },
  },
];
