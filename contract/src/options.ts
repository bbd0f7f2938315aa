// What the contract suite runs with: command-line options first, then the HWMEETING_* environment variables.
import { parseArgs } from 'node:util';
import { DEFAULT_ENDPOINT } from '@hwmeeting/client';
import { z } from 'zod';

/**
 * The simulator's demo seed users the suite acts as when it talks to a simulator and is told no one else: an
 * ordinary member and another member to invite (SEED_ACCOUNTS alice and bob of `@hwmeeting/simulator`).
 */
export const SIMULATOR_DEMO_USERS = { member: 'alice', invitee: 'bob' } as const;

/** A webhook URL in the reserved `.invalid` domain: nothing can receive it, and it is never enabled anyway. */
export const DEFAULT_WEBHOOK_URL = 'https://example.invalid/hwmeeting-contract';

/** How to call the suite. */
export const USAGE = `Usage: pnpm contract [--endpoint <url>] --app-id <id> --app-key <key>
                     [--member <user id>] [--invitee <user id>] [--corp-id <id>] [--webhook-url <https url>]

Runs the published behaviours a customer can safely try against a meeting server and prints a table of checks
(what was sent, what came back, PASS/FAIL/SKIP). Exits 0 when every check passed or was skipped, 1 on a
difference, 2 when it could not run.

  --endpoint     the meeting server (HWMEETING_ENDPOINT; default ${DEFAULT_ENDPOINT})
  --app-id       App ID (HWMEETING_APP_ID)
  --app-key      App key (HWMEETING_APP_KEY); never printed
  --member       third-party user ID of an ordinary member (not an administrator) who schedules the test meeting
                 (HWMEETING_CONTRACT_MEMBER; on a simulator: ${SIMULATOR_DEMO_USERS.member} of its demo seed)
  --invitee      third-party user ID of another member, invited to it (HWMEETING_CONTRACT_INVITEE; on a
                 simulator: ${SIMULATOR_DEMO_USERS.invitee})
  --corp-id      enterprise ID of the webhook configuration (HWMEETING_CORP_ID; default: the administrator's)
  --webhook-url  URL of the webhook configuration the suite creates and deletes, never enabled
                 (default ${DEFAULT_WEBHOOK_URL}, which nobody can receive)

What it creates (one scheduled meeting, a webhook configuration when the enterprise has none) it removes again.
It never touches a webhook configuration that exists already, and never enables one.`;

/** The options a user gave; member and invitee may still be missing (a simulator supplies them). */
export const givenOptionsSchema = z.object({
  endpoint: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).default(DEFAULT_ENDPOINT),
  appId: z.string({ error: 'required' }).min(1, { error: 'required' }),
  appKey: z.string({ error: 'required' }).min(1, { error: 'required' }),
  member: z.string().min(1).max(256).optional(),
  invitee: z.string().min(1).max(256).optional(),
  corpId: z.string().min(1).optional(),
  webhookUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).default(DEFAULT_WEBHOOK_URL),
});
/** The options a user gave. */
export type GivenOptions = z.infer<typeof givenOptionsSchema>;

/** The options the suite runs with: every user known. */
export type ContractOptions = GivenOptions & { member: string; invitee: string; simulator: boolean };

/** Command-line option names of the fields, for messages that name what to fix. */
const FLAG: Record<keyof GivenOptions, string> = {
  endpoint: '--endpoint (or HWMEETING_ENDPOINT)',
  appId: '--app-id (or HWMEETING_APP_ID)',
  appKey: '--app-key (or HWMEETING_APP_KEY)',
  member: '--member (or HWMEETING_CONTRACT_MEMBER)',
  invitee: '--invitee (or HWMEETING_CONTRACT_INVITEE)',
  corpId: '--corp-id (or HWMEETING_CORP_ID)',
  webhookUrl: '--webhook-url',
};

/** Options that cannot run: the message names the option. */
export class ContractUsageError extends Error {
  override readonly name = 'ContractUsageError';
  /** Stable code. */
  readonly code = 'CONTRACT_USAGE';
}

/** `--help` was asked for. */
export class HelpRequested extends Error {
  override readonly name = 'HelpRequested';
}

/** Reads the options from the command line and the environment (an empty variable counts as unset). */
export function readOptions(argv: readonly string[], env: NodeJS.ProcessEnv): GivenOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        endpoint: { type: 'string' },
        'app-id': { type: 'string' },
        'app-key': { type: 'string' },
        member: { type: 'string' },
        invitee: { type: 'string' },
        'corp-id': { type: 'string' },
        'webhook-url': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new ContractUsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) throw new HelpRequested();
  const pick = (flag: string, variable?: string): string | undefined => {
    const value = values[flag] ?? (variable === undefined ? undefined : env[variable]);
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const parsed = givenOptionsSchema.safeParse({
    endpoint: pick('endpoint', 'HWMEETING_ENDPOINT'),
    appId: pick('app-id', 'HWMEETING_APP_ID'),
    appKey: pick('app-key', 'HWMEETING_APP_KEY'),
    member: pick('member', 'HWMEETING_CONTRACT_MEMBER'),
    invitee: pick('invitee', 'HWMEETING_CONTRACT_INVITEE'),
    corpId: pick('corp-id', 'HWMEETING_CORP_ID'),
    webhookUrl: pick('webhook-url'),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path[0] as keyof GivenOptions | undefined;
    throw new ContractUsageError(
      `${field ? FLAG[field] : 'options'}: ${issue?.message ?? 'invalid'}\n\n${USAGE}`,
    );
  }
  return parsed.data;
}

/**
 * Completes the users: those given, else on a simulator its demo seed's; a real service needs them named (the
 * suite does not guess who in an enterprise may be used for a test meeting).
 */
export function completeOptions(given: GivenOptions, simulator: boolean): ContractOptions {
  const member = given.member ?? (simulator ? SIMULATOR_DEMO_USERS.member : undefined);
  const invitee = given.invitee ?? (simulator ? SIMULATOR_DEMO_USERS.invitee : undefined);
  if (member === undefined) {
    throw new ContractUsageError(`${FLAG.member}: required unless the endpoint is a simulator\n\n${USAGE}`);
  }
  if (invitee === undefined) {
    throw new ContractUsageError(`${FLAG.invitee}: required unless the endpoint is a simulator\n\n${USAGE}`);
  }
  if (member === invitee) {
    throw new ContractUsageError(`${FLAG.invitee}: must be another user than the member`);
  }
  return { ...given, member, invitee, simulator };
}
