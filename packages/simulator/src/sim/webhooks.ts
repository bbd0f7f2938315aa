import { z } from 'zod';
import { SimErrorCode, SimHttpError } from '../http/errors.js';
import { webhooksOf } from '../webhooks/delivery.js';
import type { SimRoute } from './testControl.js';

/** A webhook fault: duplicate the next `count` deliveries, or hold each of them back by `delayMs`. */
export const webhookFaultSchema = z.object({
  kind: z.enum(['duplicate', 'delay']),
  count: z.number().int().positive().max(10_000).default(1),
  /** For `delay`: milliseconds before the first attempt. */
  delayMs: z.number().int().positive().max(600_000).optional(),
});
/** A webhook fault. */
export type WebhookFault = z.infer<typeof webhookFaultSchema>;

/** Test-control routes of the webhook sender: the delivery log and fault injection. */
export const webhookSimRoutes: SimRoute[] = [
  {
    method: 'GET',
    pattern: /^\/webhooks\/deliveries$/,
    handle: ({ store }) => ({ deliveries: webhooksOf(store).deliveries() }),
  },
  {
    method: 'DELETE',
    pattern: /^\/webhooks\/deliveries$/,
    handle: ({ store }) => {
      webhooksOf(store).clearLog();
      return { deliveries: [] };
    },
  },
  {
    method: 'POST',
    pattern: /^\/webhooks\/faults$/,
    body: webhookFaultSchema,
    handle: ({ store, body }) => {
      const fault = body as WebhookFault;
      const sender = webhooksOf(store);
      if (fault.kind === 'duplicate') sender.duplicate(fault.count);
      else {
        if (fault.delayMs === undefined) {
          throw new SimHttpError(400, SimErrorCode.MMC_BAD_REQUEST, 'body.delayMs: required for a delay');
        }
        sender.delay(fault.count, fault.delayMs);
      }
      return { pending: sender.pendingFaults() };
    },
  },
  {
    method: 'DELETE',
    pattern: /^\/webhooks\/faults$/,
    handle: ({ store }) => {
      const sender = webhooksOf(store);
      sender.clearFaults();
      return { pending: sender.pendingFaults() };
    },
  },
];
