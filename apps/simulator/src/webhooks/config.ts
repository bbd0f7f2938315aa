/**
 * The webhook configuration APIs (control-and-push.md C.1), administrators only. One configuration per
 * enterprise. UNVERIFIED: whether a configuration set with `setWebHookConfig` starts enabled. The simulator
 * reads "set" as "set and enable": the `meeting.verify` handshake runs at once, and a receiver that fails it
 * fails the call (400) and leaves the previous configuration as it was. `change-status` to 0 on a disabled
 * or locked configuration runs the handshake again.
 */
import { webhookOperations } from '@hwmeeting/client/wire';
import { SimErrorCode, SimHttpError } from '../http/errors.js';
import { type BaseContext, on, type Route } from '../http/router.js';
import { isEnterpriseAdmin } from '../state/meetingAccess.js';
import type { Store } from '../state/store.js';
import { callbackUrlProblem, type WebhookConfigRecord, webhooksOf } from './delivery.js';

const { setWebHookConfig, showWebHookConfig, deleteWebHookConfig, updateWebHookConfigStatus } =
  webhookOperations;

function requireAdmin(caller: BaseContext['caller']): void {
  if (!caller || !isEnterpriseAdmin(caller.user)) {
    throw new SimHttpError(
      403,
      SimErrorCode.MMC_FORBIDDEN,
      'the webhook configuration needs an administrator',
    );
  }
}

/** `corpId`/`spId` name the enterprise; the simulator has one, so another is a bad request. */
function requireOwnEnterprise(
  store: Store,
  part: 'body' | 'query',
  ids: { corpId?: string | undefined; spId?: string | undefined },
): void {
  if (ids.corpId !== undefined && ids.corpId !== store.corp.id) {
    throw new SimHttpError(400, SimErrorCode.MMC_BAD_REQUEST, `${part}.corpId: not this enterprise`);
  }
  if (ids.spId !== undefined && ids.spId !== store.corp.spId) {
    throw new SimHttpError(400, SimErrorCode.MMC_BAD_REQUEST, `${part}.spId: not this enterprise's SP`);
  }
}

function requireConfig(store: Store, id?: string): WebhookConfigRecord {
  const config = webhooksOf(store).config;
  if (!config || (id !== undefined && config.id !== id)) {
    const what =
      id === undefined ? 'the enterprise has no webhook configuration' : 'id: no such configuration';
    throw new SimHttpError(400, SimErrorCode.MMC_WEBHOOK_CONFIG_NOT_FOUND, what);
  }
  return config;
}

/** The webhook configuration routes. */
export const webhookRoutes: Route[] = [
  on(setWebHookConfig, async (ctx) => {
    requireAdmin(ctx.caller);
    requireOwnEnterprise(ctx.store, 'body', ctx.body);
    const problem = callbackUrlProblem(ctx.body.url);
    if (problem) throw new SimHttpError(400, SimErrorCode.MMC_BAD_REQUEST, `body.url: ${problem}`);
    const sender = webhooksOf(ctx.store);
    const candidate: WebhookConfigRecord = {
      // Setting it again keeps the record ID.
      id: sender.config?.id ?? ctx.store.ids.uuid(),
      corpId: ctx.body.corpId,
      spId: ctx.body.spId,
      subscriberId: ctx.body.subscriberId,
      subscriberKey: ctx.body.subscriberKey,
      url: ctx.body.url,
      status: 0,
    };
    await sender.verify(candidate);
    sender.config = candidate;
    return {};
  }),

  on(showWebHookConfig, (ctx) => {
    requireAdmin(ctx.caller);
    requireOwnEnterprise(ctx.store, 'query', ctx.query);
    const config = requireConfig(ctx.store);
    // Never the key.
    return {
      body: { id: config.id, subscriberId: config.subscriberId, url: config.url, status: config.status },
    };
  }),

  on(deleteWebHookConfig, (ctx) => {
    requireAdmin(ctx.caller);
    requireConfig(ctx.store, ctx.query.id);
    webhooksOf(ctx.store).config = undefined;
    return {};
  }),

  on(updateWebHookConfigStatus, async (ctx) => {
    requireAdmin(ctx.caller);
    const config = requireConfig(ctx.store, ctx.query.id);
    const sender = webhooksOf(ctx.store);
    if (ctx.query.status === 0 && config.status !== 0) await sender.verify(config);
    // The configuration may have been replaced or deleted during the handshake.
    if (sender.config === config) config.status = ctx.query.status;
    return {};
  }),
];
