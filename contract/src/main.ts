// `pnpm contract`: runs the contract suite against a meeting server and prints its table. Exit codes: 0 every
// check passed (or was skipped, with why), 1 a difference, 2 the suite could not run (options, endpoint).
import { createMeetingClient } from '@hwmeeting/client';
import { ContractUsageError, completeOptions, HelpRequested, readOptions, USAGE } from './options.js';
import { runContract } from './suite.js';
import { renderTable } from './table.js';
import { EndpointUnreachableError, isSimulator } from './wire.js';

/** Runs the suite with these arguments and environment; answers the exit code. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  let given: ReturnType<typeof readOptions>;
  try {
    given = readOptions(argv, env);
  } catch (error) {
    if (error instanceof HelpRequested) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (error instanceof ContractUsageError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  let simulator: boolean;
  try {
    simulator = await isSimulator(given.endpoint);
  } catch (error) {
    if (error instanceof EndpointUnreachableError) {
      process.stderr.write(`${error.message}: is --endpoint right, and is the server running?\n`);
      return 2;
    }
    throw error;
  }
  let options: ReturnType<typeof completeOptions>;
  try {
    options = completeOptions(given, simulator);
  } catch (error) {
    if (error instanceof ContractUsageError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  process.stdout.write(
    `Contract checks against ${options.endpoint} (${simulator ? 'a simulator' : 'not a simulator'}), ` +
      `App ID ${options.appId}, member ${options.member}, invitee ${options.invitee}\n\n`,
  );
  const client = createMeetingClient({
    endpoint: options.endpoint,
    credentials: { appId: options.appId, appKey: options.appKey },
    // A check's failure is a row of the table, not a retry storm against someone's production.
    retry: false,
  });
  try {
    const rows = await runContract(options, client);
    process.stdout.write(`${renderTable(rows)}\n`);
    return rows.some((row) => row.outcome === 'FAIL') ? 1 : 0;
  } finally {
    await client.dispose();
  }
}

process.exitCode = await main(process.argv.slice(2), process.env);
