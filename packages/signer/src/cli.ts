#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { signAppAuth } from './appAuth.js';
import { SignerError } from './errors.js';

const DEFAULT_ENDPOINT = 'https://api-intl.meeting.huaweicloud.com';
const USAGE = `Usage: HWMEETING_APP_KEY=<key> hwmeeting-sign --app-id <id> [options]

Prints the headers and JSON body of an App ID authentication request
(POST /v2/usg/acs/auth/appauth). The appKey is read from HWMEETING_APP_KEY only.

Options:
  --app-id <id>        App ID (or HWMEETING_APP_ID)
  --user-id <id>       third-party user ID (omit: enterprise default administrator)
  --corp-id <id>       enterprise ID (multi tenancy only; or HWMEETING_CORP_ID)
  --tenancy <t>        single (default) or multi (or HWMEETING_TENANCY)
  --ttl <seconds>      signature lifetime, default 600
  --user-name, --user-email, --user-phone, --dept-code   user fields for the first login
  --curl               print a ready curl command instead
  --endpoint <url>     server for --curl (default ${DEFAULT_ENDPOINT})
  -h, --help           this text`;

const envSchema = z.object({
  HWMEETING_APP_KEY: z.string({ error: 'HWMEETING_APP_KEY must be set to the appKey' }).min(1, {
    error: 'HWMEETING_APP_KEY must not be empty',
  }),
  HWMEETING_APP_ID: z.string().min(1).optional(),
  HWMEETING_CORP_ID: z.string().min(1).optional(),
  HWMEETING_TENANCY: z.enum(['single', 'multi']).optional(),
});

/** Where the CLI writes; injectable for tests. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** Runs the `hwmeeting-sign` command; returns the process exit code. */
export function main(argv: readonly string[], env: NodeJS.ProcessEnv, io: CliIo): number {
  if (argv.some((arg) => arg === '--app-key' || arg.startsWith('--app-key='))) {
    io.err('hwmeeting-sign: the appKey is never taken from the command line; set HWMEETING_APP_KEY instead');
    return 2;
  }
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    io.err(`hwmeeting-sign: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const parsedEnv = envSchema.safeParse(env);
  if (!parsedEnv.success) {
    io.err(
      `hwmeeting-sign: ${parsedEnv.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
    return 2;
  }
  const appId = values['app-id'] ?? parsedEnv.data.HWMEETING_APP_ID;
  if (!appId) {
    io.err(`hwmeeting-sign: --app-id (or HWMEETING_APP_ID) is required\n\n${USAGE}`);
    return 2;
  }
  const ttl = values.ttl === undefined ? undefined : Number(values.ttl);
  try {
    const request = signAppAuth({
      appId,
      appKey: parsedEnv.data.HWMEETING_APP_KEY,
      userId: values['user-id'],
      corpId: values['corp-id'] ?? parsedEnv.data.HWMEETING_CORP_ID,
      tenancy: (values.tenancy as 'single' | 'multi' | undefined) ?? parsedEnv.data.HWMEETING_TENANCY,
      ttlSeconds: ttl,
      userName: values['user-name'],
      userEmail: values['user-email'],
      userPhone: values['user-phone'],
      deptCode: values['dept-code'],
    });
    const body = JSON.stringify(request.body);
    if (values.curl) {
      const endpoint = (values.endpoint ?? DEFAULT_ENDPOINT).replace(/\/+$/, '');
      const headers = Object.entries(request.headers).map(([k, v]) => `-H ${shellQuote(`${k}: ${v}`)}`);
      io.out(
        `curl -sS -X POST ${shellQuote(`${endpoint}/v2/usg/acs/auth/appauth`)} ${headers.join(' ')} -d ${shellQuote(body)}`,
      );
    } else {
      io.out(
        `${Object.entries(request.headers)
          .map(([k, v]) => `${k}: ${v}`)
          .join('\n')}\n\n${body}`,
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof SignerError) {
      io.err(`hwmeeting-sign: ${error.message} (${error.code})`);
      return 2;
    }
    throw error;
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    options: {
      'app-id': { type: 'string' },
      'user-id': { type: 'string' },
      'corp-id': { type: 'string' },
      tenancy: { type: 'string' },
      ttl: { type: 'string' },
      'user-name': { type: 'string' },
      'user-email': { type: 'string' },
      'user-phone': { type: 'string' },
      'dept-code': { type: 'string' },
      curl: { type: 'boolean' },
      endpoint: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    // An entry path that cannot be resolved is not this module.
    return false;
  }
}

if (isEntryPoint()) {
  process.exitCode = main(process.argv.slice(2), process.env, {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  });
}
