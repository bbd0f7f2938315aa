import { z } from 'zod';

// Which web pages may call the gateway: one rule for HTTP (CORS) and for WebSocket upgrades (a browser sends
// `Origin` on both; CORS does not cover WebSockets, so without a check any page could subscribe).

/** Pages a developer serves on this machine, on any port: allowed in development. */
const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

/**
 * One `CORS_ORIGINS` entry: an origin (scheme, host, optional port; a trailing `/` is tolerated), normalised as
 * a browser writes it (lower case, no default port).
 */
export const originSchema = z.string().transform((text, context) => {
  const entry = text.trim();
  let url: URL | undefined;
  try {
    url = new URL(entry);
  } catch {
    url = undefined;
  }
  if (
    !url ||
    !/^https?:$/.test(url.protocol) ||
    url.pathname !== '/' ||
    url.search ||
    url.hash ||
    url.username
  ) {
    context.addIssue({
      code: 'custom',
      message: `"${entry}" is not an origin (scheme://host[:port], e.g. https://app.example.com)`,
    });
    return z.NEVER;
  }
  return url.origin;
});

/** `CORS_ORIGINS`: comma-separated origins, each checked by {@link originSchema}. */
export const originListSchema = z
  .string()
  .transform((text) => text.split(',').filter((entry) => entry.trim() !== ''))
  .pipe(z.array(originSchema));

/** Which browser origins may call the gateway. */
export interface OriginRule {
  /** Whether a request with this `Origin` header may call: always without one (not a browser). */
  allows(origin: string | undefined): boolean;
  /** The origins configured (CORS_ORIGINS). */
  readonly listed: readonly string[];
  /** Whether pages on localhost, 127.0.0.1 and [::1] (any port) may call (development). */
  readonly local: boolean;
}

/** The rule: the `listed` origins, plus (in development) pages on this machine. */
export function createOriginRule(listed: readonly string[], development: boolean): OriginRule {
  const allowed = new Set(listed);
  return {
    listed,
    local: development,
    allows(origin) {
      if (origin === undefined) return true;
      return allowed.has(origin) || (development && LOCAL_ORIGIN.test(origin));
    },
  };
}
