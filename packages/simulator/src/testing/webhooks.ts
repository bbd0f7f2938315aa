// Test support: the enterprise webhook configured and enabled the published way (published-behaviour.md §6).
import { expect } from 'vitest';
import type { Simulator } from '../server.js';
import { rawCall } from './rawHttp.js';

/** W1/W2 path: set and show the webhook configuration. */
export const WEBHOOK_LINK_PATH = '/v1/mmc/management/webhook/link-config';
/** W4 path: enable, disable or lock it. */
export const WEBHOOK_STATUS_PATH = '/v1/mmc/management/webhook/change-status';

/** Subscriber credentials of a webhook configuration. */
export interface WebhookSubscriber {
  subscriberId: string;
  subscriberKey: string;
}

/**
 * Configures `url` as the enterprise's webhook and enables it as the administrator `admin` (an access token);
 * enabling verifies the URL, so its receiver must already answer.
 */
export async function enableWebhook(
  sim: Simulator,
  admin: string,
  url: string,
  subscriber: WebhookSubscriber,
): Promise<void> {
  const answer = await rawCall(sim, 'POST', WEBHOOK_LINK_PATH, {
    token: admin,
    body: { ...subscriber, corpId: sim.store.corp.id, url },
  });
  expect(answer.status).toBe(200);
  const { id } = (await rawCall(sim, 'GET', WEBHOOK_LINK_PATH, { token: admin })).json;
  const enabled = await rawCall(sim, 'PUT', `${WEBHOOK_STATUS_PATH}?id=${id}&status=0`, { token: admin });
  expect(enabled.status).toBe(200);
}
