/**
 * Enterprise webhook configuration (control-and-push.md C.1): where the meeting server pushes the enterprise's
 * meeting events, with which subscriber ID and key, and whether the push is enabled.
 */
import { z } from 'zod';
import { emptyResponse, queryInt } from './common.js';
import { defineOperation } from './operation.js';
import { tolerantRecord } from './tolerant.js';

/** Status of a push configuration: 0 enabled, 1 not started (disabled), 2 locked. */
export const webhookStatusSchema = z.union([z.literal(0), z.literal(1), z.literal(2)]);
/** Status of a push configuration. */
export type WebhookStatus = z.infer<typeof webhookStatusSchema>;

/**
 * An absolute `http(s)` URL. The real service requires HTTPS; the simulator also accepts `http://` on loopback,
 * so the client leaves that rule to the server and only checks the form.
 */
const callbackUrl = () =>
  z
    .string()
    .max(2048)
    .refine((text) => /^https?:\/\/[^\s/?#]+[^\s]*$/i.test(text) && URL.canParse(text), {
      error: 'must be an absolute http(s) URL',
    });

/** Body of `setWebHookConfig`. */
export const webhookConfigBodySchema = z.object({
  /** Enterprise ID (enterprise registration). */
  corpId: z.string().min(1).optional(),
  /** SP ID (SP / multi-tenant mode). */
  spId: z.string().min(1).optional(),
  /** Subscriber ID: the `appID` of every callback. */
  subscriberId: z.string().min(1).max(128),
  /** Subscriber key: the HMAC key of every callback's signature. */
  subscriberKey: z.string().min(1).max(256),
  url: callbackUrl(),
});
/** A push configuration as set. */
export type WebhookConfigBody = z.infer<typeof webhookConfigBodySchema>;

/** Query of `showWebHookConfig`. */
export const showWebhookConfigQuerySchema = z.object({
  corpId: z.string().min(1).optional(),
  spId: z.string().min(1).optional(),
});
/** Query of `showWebHookConfig`. */
export type ShowWebhookConfigQuery = z.infer<typeof showWebhookConfigQuerySchema>;

/** Answer of `showWebHookConfig`: the configuration record (never its key). */
export const webhookConfigSchema = tolerantRecord(
  'WebHookConfig',
  {
    /** Configuration record ID: the `id` of delete and change-status. */
    id: z.string(),
  },
  {
    returnCode: z.number().int(),
    returnDesc: z.string(),
    subscriberId: z.string(),
    url: z.string(),
    /** 0 enabled, 1 not started, 2 locked (kept open: a new value must not break a reader). */
    status: z.number().int(),
  },
);
/** A push configuration as answered. */
export type WebhookConfig = z.infer<typeof webhookConfigSchema>;

/** Query of `deleteWebHookConfig`. */
export const deleteWebhookConfigQuerySchema = z.object({ id: z.string().min(1) });
/** Query of `deleteWebHookConfig`. */
export type DeleteWebhookConfigQuery = z.infer<typeof deleteWebhookConfigQuerySchema>;

/** Query of `updateWebHookConfigStatus`. */
export const webhookStatusQuerySchema = z.object({
  id: z.string().min(1),
  status: queryInt().pipe(webhookStatusSchema),
});
/** Query of `updateWebHookConfigStatus`. */
export type WebhookStatusQuery = z.infer<typeof webhookStatusQuerySchema>;

/** W1: sets the enterprise's push configuration (administrator). */
export const setWebHookConfig = defineOperation({
  name: 'setWebHookConfig',
  area: 'webhooks',
  method: 'POST',
  path: '/v1/mmc/management/webhook/link-config',
  auth: 'access',
  body: webhookConfigBodySchema,
  response: emptyResponse,
  // Setting the same configuration again leaves the same configuration.
  idempotent: true,
});

/** W2: the enterprise's push configuration (administrator). */
export const showWebHookConfig = defineOperation({
  name: 'showWebHookConfig',
  area: 'webhooks',
  method: 'GET',
  path: '/v1/mmc/management/webhook/link-config',
  auth: 'access',
  query: showWebhookConfigQuerySchema,
  response: webhookConfigSchema,
  idempotent: true,
});

/** W3: deletes a push configuration (administrator). */
export const deleteWebHookConfig = defineOperation({
  name: 'deleteWebHookConfig',
  area: 'webhooks',
  method: 'DELETE',
  path: '/v1/mmc/management/webhook/link-config',
  auth: 'access',
  query: deleteWebhookConfigQuerySchema,
  response: emptyResponse,
  idempotent: true,
});

/** W4: enables (0), disables (1) or locks (2) a push configuration; enabling runs the `meeting.verify` handshake. */
export const updateWebHookConfigStatus = defineOperation({
  name: 'updateWebHookConfigStatus',
  area: 'webhooks',
  method: 'PUT',
  path: '/v1/mmc/management/webhook/change-status',
  auth: 'access',
  query: webhookStatusQuerySchema,
  response: emptyResponse,
  idempotent: true,
});

/** Every webhook-configuration operation. */
export const webhookOperations = {
  setWebHookConfig,
  showWebHookConfig,
  deleteWebHookConfig,
  updateWebHookConfigStatus,
} as const;
