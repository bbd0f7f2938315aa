#!/usr/bin/env node
import { ConfigError, gatewayMode, loadConfig } from './config.js';
import { CONSOLE_PATH, consoleDirectory } from './consoleRoute.js';
import { resolveUpstream } from './embedded.js';
import { createLogger } from './observability/logger.js';
import { startTracing } from './observability/otelSdk.js';
import { SHUTDOWN_GRACE_MS, startGateway } from './server.js';

async function main(): Promise<void> {
  const env = loadConfig();
  const logger = createLogger(env.LOG_LEVEL);
  // Before the gateway starts: its operation spans (and the client's upstream ones) go to this SDK.
  const tracing = startTracing(env, logger);
  const upstream = await resolveUpstream(env);
  const gateway = await startGateway({ env, logger, ...upstream });
  const lines = [
    '',
    `hwmeeting gateway ready`,
    `  GraphQL (HTTP):      ${gateway.url}`,
    `  GraphQL (WebSocket): ${gateway.wsUrl}`,
    `  Upstream:            ${upstream.simulator ? `embedded simulator at ${upstream.endpoint}` : upstream.endpoint}`,
  ];
  if (consoleDirectory(env)) lines.push(`  Console:             ${new URL(`${CONSOLE_PATH}/`, gateway.url)}`);
  const mode = gatewayMode(env);
  lines.push(
    `  Mode:                ${mode}${mode === 'development' ? ' (NODE_ENV=production to change)' : ''}`,
  );
  // Printed tokens are a development convenience: a gateway on real credentials never prints one.
  if (mode === 'development') {
    try {
      const user = await gateway.authenticator.issue('alice', [], env.DEV_TOKEN_TTL_SECONDS);
      const admin = await gateway.authenticator.issue('admin', ['admin'], env.DEV_TOKEN_TTL_SECONDS);
      lines.push(
        '',
        '  Development tokens (signed with a key generated at start-up unless JWT_SECRET is set):',
        `    user  alice: ${user}`,
        `    admin:       ${admin}`,
        '',
        '  Try it:',
        `    curl -s ${gateway.url} -H 'Content-Type: application/json' -H 'Authorization: Bearer ${user}' \\`,
        `      -d '{"query":"{ meetings(first: 5) { totalCount edges { node { id subject state startTime } } } }"}'`,
      );
    } catch (error) {
      logger.warn({ err: error }, 'no development tokens: the JWT key is not local');
    }
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    // close() drains for SHUTDOWN_TIMEOUT_MS, then aborts and answers what is left; this is only a backstop.
    const timer = setTimeout(() => {
      logger.error('shutdown timed out');
      process.exit(1);
    }, env.SHUTDOWN_TIMEOUT_MS + SHUTDOWN_GRACE_MS);
    timer.unref();
    gateway
      .close()
      .then(() => upstream.simulator?.close())
      .then(() => tracing?.shutdown())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : ((error as Error).stack ?? String(error))}\n`,
  );
  process.exitCode = 1;
});
