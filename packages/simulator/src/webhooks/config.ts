/**
 * The webhook configuration APIs (control-and-push.md C.1), administrators only. One configuration per
 * enterprise. Configuring is not enabling (published-behaviour.md §6): `setWebHookConfig` stores the
 * configuration disabled (status 1) and sends nothing; `change-status` to 0 runs the `meeting.verify` handshake
 * and enables it, or fails (400) and leaves it as it was. Statuses: 0 enabled, 1 disabled, 2 locked.
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

/**
 * An enterprise configuration names its enterprise: `corpId` is mandatory for the enterprise registration
 * callback (published-behaviour.md §6). UNVERIFIED (published-behaviour.md §6): a single-enterprise caller
 * sends its own enterprise ID too (the token's `user.companyId`); only an SP configuration, which names its
 * `spId`, may leave `corpId` out. The client's wire schema still has `corpId` optional, so the route checks it.
 */
function requireEnterpriseNamed(ids: { corpId?: string | undefined; spId?: string | undefined }): void {
  if (ids.corpId === undefined && ids.spId === undefined) {
    throw new SimHttpError(
      400,
      SimErrorCode.MMC_BAD_REQUEST,
      'body.corpId: required (the enterprise ID) unless spId names an SP configuration',
    );
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
    requireEnterpriseNamed(ctx.body);
    requireOwnEnterprise(ctx.store, 'body', ctx.body);
    const problem = callbackUrlProblem(ctx.body.url);
    if (problem) throw new SimHttpError(400, SimErrorCode.MMC_BAD_REQUEST, `body.url: ${problem}`);
    const sender = webhooksOf(ctx.store);
    sender.config = {
      // Setting it again keeps the record ID.
      id: sender.config?.id ?? ctx.store.ids.uuid(),
      corpId: ctx.body.corpId,
      spId: ctx.body.spId,
      subscriberId: ctx.body.subscriberId,
      subscriberKey: ctx.body.subscriberKey,
      url: ctx.body.url,
      // A new configuration starts disabled. UNVERIFIED (published-behaviour.md §6): setting it again (a new URL
      // or key, never verified) disables it too, until the enabling call verifies it.
      status: 1,
    };
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
