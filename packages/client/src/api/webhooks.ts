import type { CallOptions, ClientCore } from '../core.js';
import {
  deleteWebHookConfig,
  type ShowWebhookConfigQuery,
  setWebHookConfig,
  showWebHookConfig,
  updateWebHookConfigStatus,
  type WebhookConfig,
  type WebhookConfigBody,
  type WebhookStatus,
} from '../wire/webhooks.js';

/**
 * The enterprise's meeting-event push configuration (control-and-push.md C.1), administrator only. The events
 * themselves arrive at the configured URL; `@hwmeeting/events` has the receiver.
 */
export class WebhooksApi {
  constructor(private readonly core: ClientCore) {}

  /** W1: sets the push URL, subscriber ID and key; the server may verify the URL with `meeting.verify`. */
  async set(config: WebhookConfigBody, options?: CallOptions): Promise<void> {
    await this.core.call(setWebHookConfig, { body: config }, options);
  }

  /** W2: the push configuration (its key is never answered). */
  show(query: ShowWebhookConfigQuery = {}, options?: CallOptions): Promise<WebhookConfig> {
    return this.core.call(showWebHookConfig, { query }, options);
  }

  /** W3: deletes the push configuration with this record ID. */
  async delete(id: string, options?: CallOptions): Promise<void> {
    await this.core.call(deleteWebHookConfig, { query: { id } }, options);
  }

  /** W4: enables (0), disables (1) or locks (2) the configuration; enabling runs the verify handshake. */
  async setStatus(id: string, status: WebhookStatus, options?: CallOptions): Promise<void> {
    await this.core.call(updateWebHookConfigStatus, { query: { id, status } }, options);
  }
}
