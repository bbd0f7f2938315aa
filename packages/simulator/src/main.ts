#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startSimulator } from './server.js';
import { SEED_ACCOUNTS } from './state/seed.js';

const USAGE = `Usage: hwmeeting-simulator [--port 4100] [--host 127.0.0.1] [--seed demo|empty]
                           [--app-id <id>] [--app-key <key>] [--tenancy single|multi]
                           [--token-lifetime <seconds>] [--answer-delay <ms>]
                           [--heartbeat-timeout <ms>] [--activity] [--activity-interval <ms>]

Starts a local Huawei Cloud Meeting server. App ID credentials are generated when not given.
The app key may also come from HWMEETING_SIM_APP_KEY. --activity keeps the meetings in progress busy:
people join and leave, speak, raise hands (every --activity-interval ms, default 1500).`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4100' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string', default: 'demo' },
      'app-id': { type: 'string' },
      'app-key': { type: 'string' },
      tenancy: { type: 'string', default: 'single' },
      'token-lifetime': { type: 'string' },
      'answer-delay': { type: 'string' },
      'heartbeat-timeout': { type: 'string' },
      activity: { type: 'boolean', default: false },
      'activity-interval': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const simulator = await startSimulator({
    port: Number(values.port),
    host: values.host,
    seed: values.seed as 'demo' | 'empty',
    appId: values['app-id'],
    appKey: values['app-key'] ?? process.env.HWMEETING_SIM_APP_KEY,
    tenancy: values.tenancy as 'single' | 'multi',
    tokenLifetimeSeconds:
      values['token-lifetime'] === undefined ? undefined : Number(values['token-lifetime']),
    answerDelayMs: values['answer-delay'] === undefined ? undefined : Number(values['answer-delay']),
    heartbeatTimeoutMs:
      values['heartbeat-timeout'] === undefined ? undefined : Number(values['heartbeat-timeout']),
    // An interval alone turns the driver on too.
    activity:
      values['activity-interval'] === undefined
        ? values.activity === true
        : { intervalMs: Number(values['activity-interval']) },
  });
  const admin = SEED_ACCOUNTS.admin;
  process.stdout.write(
    [
      `Huawei Cloud Meeting simulator listening on ${simulator.url}`,
      `  App ID:   ${simulator.appId}`,
      `  App key:  ${simulator.appKey}   (a local simulator's key; never a real one)`,
      `  Tenancy:  ${simulator.tenancy}`,
      `  Admin account: ${admin.userAccount} / ${admin.password}`,
      `  Test control:  ${simulator.url}/__sim/state`,
      '',
    ].join('\n'),
  );
  const stop = () => {
    simulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`simulator: close failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`hwmeeting-simulator: ${(error as Error).message}\n\n${USAGE}\n`);
  process.exitCode = 2;
});
