#!/usr/bin/env node
import { DevelopmentKeyError } from './auth/developmentKey.js';
import { ConfigError, type GatewayEnv, gatewayMode, loadConfig } from './config.js';
import { resolveUpstream } from './embedded.js';
import { CONSOLE_PATH, consoleDirectory } from './http/consoleRoute.js';
import { createLogger } from './observability/logger.js';
import { startTracing } from './observability/otelSdk.js';
import { SHUTDOWN_GRACE_MS, startGateway } from './server.js';

async function main(): Promise<void> {
  const env = loadConfig();
  const logger = createLogger(env.LOG_LEVEL);
  // Before the gateway starts: its operation spans (and the client's upstream ones) go to this SDK.
  const tracing = startTracing(env, logger);
  const upstream = await resolveUpstream(env);
  const { endpoint, appId, appKey, simulator } = upstream;
  const gateway = await startGateway({
    env,
    logger,
    endpoint,
    appId,
    appKey,
    embedded: simulator !== undefined,
    devUsers: upstream.devUsers,
  });
  const lines = [
    '',
    `hwmeeting gateway ready`,
    `  GraphQL (HTTP):      ${gateway.url}`,
    `  GraphQL (WebSocket): ${gateway.wsUrl}`,
    `  Upstream:            ${upstream.simulator ? `embedded simulator at ${upstream.endpoint}` : upstream.endpoint}`,
  ];
  if (consoleDirectory(env)) lines.push(`  Console:             ${new URL(`${CONSOLE_PATH}/`, gateway.url)}`);
  const mode = gatewayMode(env);
  lines.push(...corsLines(env, mode));
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
        `  Development tokens (${keyNote(env, gateway.developmentKeyFile)}):`,
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
  // Only now: whoever reads the banner as "ready" (a script, a test) may stop the gateway at once, and cleanly.
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

/** The banner's CORS lines: who may call from a browser, and how to allow another page. */
function corsLines(env: GatewayEnv, mode: 'development' | 'production'): string[] {
  const listed = env.CORS_ORIGINS ?? [];
  const local = 'pages on localhost, 127.0.0.1 and [::1] (any port)';
  if (mode === 'production') {
    return [`  Browser origins:     ${listed.length ? listed.join(', ') : 'none (set CORS_ORIGINS)'}`];
  }
  return [
    `  Browser origins:     ${listed.length ? `${local}, ${listed.join(', ')}` : local} (HTTP and WebSocket)`,
    '                       others: CORS_ORIGINS=https://app.example.com,http://192.168.1.20:5173',
  ];
}

/** What the development tokens are signed with, and so how long they work. */
function keyNote(env: GatewayEnv, keyFile: string | undefined): string {
  if (env.JWT_SECRET) return 'signed with JWT_SECRET';
  if (keyFile) return `signed with the development key in ${keyFile}: they outlive restarts`;
  return 'signed with a key generated at start-up: they end when the gateway stops';
}

main().catch((error: unknown) => {
  const told = error instanceof ConfigError || error instanceof DevelopmentKeyError;
  process.stderr.write(`${told ? error.message : ((error as Error).stack ?? String(error))}\n`);
  process.exitCode = 1;
});
