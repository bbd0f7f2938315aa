import { z } from 'zod';
import { type ActivityOptions, activityOf, activityOverridesSchema, startActivity } from '../activity.js';
import type { SimRoute } from './testControl.js';

const stepSchema = z.object({
  count: z.number().int().min(1).max(10_000).default(1),
  /** Restart the choices from this seed first. */
  seed: z.string().min(1).max(200).optional(),
});

/** Test-control routes: `/__sim/activity` status, start, stop and step. */
export const activitySimRoutes: SimRoute[] = [
  {
    method: 'GET',
    pattern: /^\/activity$/,
    handle: ({ store }) => activityOf(store).status(),
  },
  {
    method: 'POST',
    pattern: /^\/activity\/start$/,
    body: activityOverridesSchema.optional(),
    handle: ({ store, body }) => startActivity(store, (body ?? {}) as ActivityOptions).status(),
  },
  {
    method: 'POST',
    pattern: /^\/activity\/stop$/,
    handle: ({ store }) => {
      const driver = activityOf(store);
      driver.stop();
      return driver.status();
    },
  },
  {
    method: 'POST',
    pattern: /^\/activity\/step$/,
    body: stepSchema.optional(),
    handle: ({ store, body }) => {
      const input = stepSchema.parse(body ?? {});
      const driver = activityOf(store);
      if (input.seed !== undefined) driver.configure({ seed: input.seed });
      const actions = driver.step(input.count);
      return { actions, ...driver.status() };
    },
  },
];
