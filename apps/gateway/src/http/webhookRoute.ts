import { randomBytes } from 'node:crypto';
import type { CallOptions, MeetingClient } from '@hwmeeting/client';
import {
  createWebhookReceiver,
  type DedupeStore,
  type WebhookAnswer,
  type WebhookReceiver,
} from '@hwmeeting/events';
import express, { type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { LiveEvents } from '../live/live.js';

/** The subscriber credentials the enterprise's webhook deliveries are signed with. */
export interface WebhookSubscriber {
  subscriberId: string;
  subscriberKey: string;
}

/** Largest webhook body accepted (the receiver's own limit is 1 MiB; deliveries are a few hundred bytes). */
const WEBHOOK_BODY_LIMIT = 64 * 1024;

/**
 * The configured subscriber, or on the embedded simulator (where the gateway registers itself) a random one;
 * undefined when none is configured for a real upstream (the webhook route is then not mounted).
 */
export function webhookSubscriber(
  env: { WEBHOOK_SUBSCRIBER_ID?: string | undefined; WEBHOOK_SUBSCRIBER_KEY?: string | undefined },
  embedded: boolean,
): WebhookSubscriber | undefined {
  if (env.WEBHOOK_SUBSCRIBER_ID && env.WEBHOOK_SUBSCRIBER_KEY) {
    return { subscriberId: env.WEBHOOK_SUBSCRIBER_ID, subscriberKey: env.WEBHOOK_SUBSCRIBER_KEY };
  }
  if (!embedded) return undefined;
  return {
    subscriberId: env.WEBHOOK_SUBSCRIBER_ID ?? `gateway-${randomBytes(6).toString('hex')}`,
    subscriberKey: randomBytes(24).toString('base64url'),
  };
}

/** A receiver of the enterprise's webhook deliveries that publishes each verified event to `live`. */
export function createEnterpriseReceiver(
  subscriber: WebhookSubscriber,
  live: LiveEvents,
  logger: Logger,
  dedupe?: DedupeStore | undefined,
): WebhookReceiver<WebhookAnswer | Promise<WebhookAnswer>> {
  return createWebhookReceiver<DedupeStore>({
    subscribers: [{ appID: subscriber.subscriberId, appKey: subscriber.subscriberKey }],
    maxBodyBytes: WEBHOOK_BODY_LIMIT,
    // With Redis, a delivery retried to another replica is recognised there too: each event is published once.
    dedupe,
    onEvent: async (event) => {
      // The handshake only proves the URL; it is no enterprise event.
      if (event.event === 'meeting.verify') return;
      await live.publishEnterpriseEvent(event);
    },
    onRefused: (refusal) =>
      logger.warn({ reason: refusal.reason, status: refusal.status }, `webhook refused: ${refusal.message}`),
    onError: (error) => logger.error({ err: error }, 'webhook handler failed'),
  });
}

/** Express handlers of the webhook route: the raw body (the signature covers its exact bytes), then the receiver. */
export function webhookRoute(
  receiver: WebhookReceiver<WebhookAnswer | Promise<WebhookAnswer>>,
): RequestHandler[] {
  return [
    // Any content type: the body is read as bytes, and the receiver says whether it is JSON.
    express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT }),
    async (req, res) => {
      const rawBody: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const answer = await receiver.handle({ rawBody, headers: req.headers });
      res.status(answer.status).set(answer.headers).send(answer.body);
    },
  ];
}

/** The gateway could not tell which enterprise its webhook configuration is for. */
export class WebhookEnterpriseUnknownError extends Error {
  override readonly name = 'WebhookEnterpriseUnknownError';
  /** Stable code. */
  readonly code = 'WEBHOOK_ENTERPRISE_UNKNOWN';

  constructor() {
    super(
      'no enterprise ID for the webhook configuration: set HWMEETING_CORP_ID, or log in as an enterprise user',
    );
  }
}

/**
 * Points the upstream's enterprise webhook configuration at the gateway's own route (the embedded simulator
 * accepts `http://` on loopback), the published way (published-behaviour.md §6): configure it for the
 * enterprise (`corpId` is mandatory: `corpId` when given, else the administrator's own enterprise), read back its
 * record ID, then enable it (`change-status`, status 0). Configuring alone delivers nothing. Enabling makes the
 * upstream check the URL with a `meeting.verify` delivery during the call, so the route must already listen.
 */
export async function registerWebhook(
  client: MeetingClient,
  subscriber: WebhookSubscriber,
  url: string,
  admin: CallOptions,
  corpId?: string | undefined,
): Promise<void> {
  const enterprise =
    corpId ?? (await client.auth.token(admin.userId, { signal: admin.signal })).user?.companyId;
  if (!enterprise) throw new WebhookEnterpriseUnknownError();
  await client.webhooks.set(
    {
      corpId: enterprise,
      subscriberId: subscriber.subscriberId,
      subscriberKey: subscriber.subscriberKey,
      url,
    },
    admin,
  );
  const config = await client.webhooks.show({ corpId: enterprise }, admin);
  await client.webhooks.setStatus(config.id, 0, admin);
}
