import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { Logger } from 'pino';
import type { GatewayEnv } from '../config.js';

// Development without JWT_SECRET signs its tokens with a key kept in the user's cache directory, so that the
// tokens a front-end developer copied from the banner keep working when the gateway restarts. Production never
// comes here (it needs JWT_SECRET or JWT_JWKS_URL).

/** Name of the key's file in the cache directory. */
export const DEVELOPMENT_KEY_FILE = 'dev-jwt-key';

/** A key as written: 32 random bytes, base64url (43 characters); a longer one of the same alphabet is taken too. */
const KEY_TEXT = /^[A-Za-z0-9_-]{43,}$/;

/** A key file that holds no key: the gateway does not overwrite what someone may have put there. */
export class DevelopmentKeyError extends Error {
  override readonly name = 'DevelopmentKeyError';
  readonly code = 'DEVELOPMENT_KEY_INVALID';
}

/**
 * The gateway's cache directory: `HWMEETING_CACHE_DIR`, else `$XDG_CACHE_HOME/hwmeeting` (an absolute
 * `XDG_CACHE_HOME` only, as the XDG specification says), else `~/.cache/hwmeeting`.
 */
export function cacheDirectory(env: Pick<GatewayEnv, 'HWMEETING_CACHE_DIR' | 'XDG_CACHE_HOME'>): string {
  if (env.HWMEETING_CACHE_DIR) return env.HWMEETING_CACHE_DIR;
  const base =
    env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'hwmeeting');
}

/**
 * The development signing key kept in `directory` (created 0700, the file 0600, on first use) and its file.
 * Throws {@link DevelopmentKeyError} when the file holds something else, and the file system's error when the
 * directory cannot be made or written.
 */
export async function keptDevelopmentKey(directory: string): Promise<{ secret: string; file: string }> {
  const file = join(directory, DEVELOPMENT_KEY_FILE);
  const existing = await readKey(file);
  if (existing !== undefined) return { secret: existing, file };
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  try {
    // `wx`: two gateways starting at once both end up with the one that was written first.
    await writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return { secret, file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const written = await readKey(file);
    if (written === undefined) throw error;
    return { secret: written, file };
  }
}

/** The key in `file`; undefined when there is no file. */
async function readKey(file: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const key = text.trim();
  if (!KEY_TEXT.test(key)) {
    throw new DevelopmentKeyError(
      `${file} does not hold a development JWT key (43 or more base64url characters): delete it to make a new one, or set JWT_SECRET`,
    );
  }
  // Whoever can read the key can sign tokens for any user of this development gateway.
  if ((await stat(file)).mode & 0o077) await chmod(file, 0o600);
  return key;
}

/**
 * The key development signs with when no JWT_SECRET or JWT_JWKS_URL is set: the kept one. Undefined otherwise, and
 * when the cache directory cannot be written (then the authenticator generates one, and the tokens end with the
 * process: said in the log).
 */
export async function developmentSigningKey(
  env: Pick<GatewayEnv, 'HWMEETING_CACHE_DIR' | 'XDG_CACHE_HOME' | 'JWT_SECRET' | 'JWT_JWKS_URL'>,
  production: boolean,
  logger: Logger,
): Promise<{ secret: string; file: string } | undefined> {
  if (production || env.JWT_SECRET || env.JWT_JWKS_URL) return undefined;
  const directory = cacheDirectory(env);
  try {
    return await keptDevelopmentKey(directory);
  } catch (error) {
    if (error instanceof DevelopmentKeyError) throw error;
    logger.warn(
      { err: error, directory },
      'cannot keep the development JWT key (set HWMEETING_CACHE_DIR): development tokens end when the gateway stops',
    );
    return undefined;
  }
}
