import { type Logger, pino } from 'pino';

/** Paths never written to a log line: tokens, keys, passwords, whatever object they sit in. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'headers.authorization',
  '*.authorization',
  '*.appKey',
  '*.password',
  '*.accessToken',
  '*.refreshToken',
  '*.token',
  '*.passwords',
  'connectionParams',
];

/** The gateway's structured logger (JSON lines, secrets redacted). */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'hwmeeting-gateway' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  });
}
