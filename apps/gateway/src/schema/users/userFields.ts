import type { GatewayContext } from '../../context.js';

/**
 * Whether the viewer may see a phone number. Administrators see them (they set them, and U2/U3 answer them to
 * administrators anyway); members see only their own when the owner hides it.
 */
export async function phoneVisible(
  hidePhone: boolean | undefined,
  owner: { id?: string | undefined; thirdAccount?: unknown },
  context: GatewayContext,
): Promise<boolean> {
  if (!hidePhone || context.viewer.isAdmin) return true;
  if (owner.thirdAccount === context.viewer.userId) return true;
  return owner.id !== undefined && owner.id === (await context.upstreamUserId());
}

/** A text field of a user record, or null when the record leaves it out or gives it empty. */
export function optionalString(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
