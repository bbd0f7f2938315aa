import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { Authenticator } from '../auth/jwt.js';
import { type GatewayEnv, gatewayMode } from '../config.js';
import type { DevUser } from '../embedded.js';

/** Where the console is served. */
export const CONSOLE_PATH = '/console';
/** The seeded users and their development tokens (development on the embedded simulator only). */
const DEV_USERS_PATH = `${CONSOLE_PATH}/dev-users`;

// The console's build, found at run time (the gateway never imports the console): apps/console/dist seen from
// apps/gateway/src/http or apps/gateway/dist/http, both two levels below the gateway's folder.
const DEFAULT_CONSOLE_DIR = fileURLToPath(new URL('../../../console/dist', import.meta.url));

/** The console's build folder when the console is to be served and built; undefined otherwise. */
export function consoleDirectory(
  env: Pick<GatewayEnv, 'CONSOLE' | 'CONSOLE_DIR' | 'NODE_ENV' | 'HWMEETING_APP_ID'>,
): string | undefined {
  const on = env.CONSOLE ? env.CONSOLE === 'on' : gatewayMode(env) === 'development';
  if (!on) return undefined;
  const dir = resolve(env.CONSOLE_DIR ?? DEFAULT_CONSOLE_DIR);
  return existsSync(join(dir, 'index.html')) ? dir : undefined;
}

/** What {@link mountConsole} needs. */
export interface ConsoleRouteOptions {
  env: GatewayEnv;
  authenticator: Authenticator;
  logger: Logger;
  /** The embedded simulator's seeded users (see `embedded.ts`); none: no development sign-in. */
  devUsers: readonly DevUser[] | undefined;
}

/**
 * Mounts the console: its static files at `/console` (index.html for any other path below it, so the console's
 * own routes survive a reload) and, in development on the embedded simulator, `GET /console/dev-users`, the
 * seeded users with a development token each, so a browser can sign in without copying a token.
 */
export function mountConsole(
  app: Express,
  { env, authenticator, logger, devUsers }: ConsoleRouteOptions,
): void {
  // Only with a local signing key: with JWT_JWKS_URL alone, tokens come from the identity provider.
  const localKey = env.JWT_SECRET !== undefined || env.JWT_JWKS_URL === undefined;
  if (gatewayMode(env) === 'development' && devUsers && localKey) {
    app.get(DEV_USERS_PATH, async (_req, res, next) => {
      try {
        const users = await Promise.all(
          devUsers.map(async (user) => {
            const roles = user.admin ? ['admin'] : [];
            const token = await authenticator.issue(user.userId, roles, env.DEV_TOKEN_TTL_SECONDS);
            return { userId: user.userId, name: user.name, roles, token };
          }),
        );
        res.setHeader('Cache-Control', 'no-store');
        res.json({ users });
      } catch (error) {
        next(error);
      }
    });
  }
  const requested = env.CONSOLE ? env.CONSOLE === 'on' : gatewayMode(env) === 'development';
  const dir = consoleDirectory(env);
  if (!dir) {
    if (requested)
      logger.warn(
        { dir: resolve(env.CONSOLE_DIR ?? DEFAULT_CONSOLE_DIR) },
        'console not served: it is not built there (pnpm --filter @hwmeeting/console build, or set CONSOLE_DIR)',
      );
    return;
  }
  const index = join(dir, 'index.html');
  // Express matches `/console` and `/console/` alike: only the former moves, so relative links resolve below it.
  app.get(CONSOLE_PATH, (req, res, next) => {
    if (req.originalUrl.split('?')[0] === CONSOLE_PATH) res.redirect(301, `${CONSOLE_PATH}/`);
    else next();
  });
  app.use(
    CONSOLE_PATH,
    express.static(dir, {
      index: false,
      redirect: false,
      setHeaders(res, path) {
        res.setHeader('X-Content-Type-Options', 'nosniff');
        // Vite names every asset by its content hash: it never changes under its name.
        if (path.includes(`${join(dir, 'assets')}`))
          res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      },
    }),
  );
  // The console's own routes (/console/, /console/meetings/…) all load the one page; a missing asset is a 404.
  app.get(`${CONSOLE_PATH}/{*rest}`, (req, res, next) => {
    if (req.path.startsWith(`${CONSOLE_PATH}/assets/`) || req.path === DEV_USERS_PATH) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.sendFile(index, (error) => {
      if (error) next(error);
    });
  });
}
