import { z } from 'zod';
import { devUsersUrl } from '../config';

const devUsersSchema = z.object({
  users: z.array(
    z.object({ userId: z.string(), name: z.string(), roles: z.array(z.string()), token: z.string() }),
  ),
});

/** A seeded user a development gateway offers to sign in as. */
export type DevUser = z.infer<typeof devUsersSchema>['users'][number];

/** The development users, or an empty list when the gateway offers none (production, real upstream). */
export async function fetchDevUsers(signal: AbortSignal): Promise<DevUser[]> {
  const response = await fetch(devUsersUrl, { signal });
  if (response.status === 404) return [];
  if (!response.ok) throw new Error(`the gateway answered ${response.status} for the development users`);
  return devUsersSchema.parse(await response.json()).users;
}
