import { type GraphQLResolveInfo, type OperationDefinitionNode, visit } from 'graphql';
import type { ViewerSelf } from '../common/participant.js';

// A subscription's results are executed once and shared by every viewer asking the same document (see
// live/sharedResults.ts): a field that depends on the viewer, as Participant.isSelf does, must find the viewer in
// the payload. Only viewers whose document asks for such a field get a payload of their own, shared by the
// viewers of the same upstream identity.

const asksSelf = new WeakMap<OperationDefinitionNode, boolean>();

/** Whether the subscription's document selects `Participant.isSelf` (anywhere, fragments included). */
export function selectsIsSelf(info: GraphQLResolveInfo): boolean {
  let known = asksSelf.get(info.operation);
  if (known === undefined) {
    known = false;
    const look = {
      Field(node: { name: { value: string } }) {
        if (node.name.value === 'isSelf') known = true;
      },
    };
    visit(info.operation, look);
    for (const fragment of Object.values(info.fragments)) visit(fragment, look);
    asksSelf.set(info.operation, known);
  }
  return known;
}

const perSelf = new WeakMap<object, Map<string, object>>();

/**
 * The update as the viewer `self` receives it: the same object for every viewer of that identity (so their
 * results are still executed and serialised once), carrying `self` for the participants' `isSelf`.
 */
export function withSelf<U extends object>(update: U, self: ViewerSelf): U & { self: ViewerSelf } {
  const key = `${self.userUUID ?? ''}\u0000${self.thirdPartyId ?? ''}`;
  let bySelf = perSelf.get(update);
  if (!bySelf) {
    bySelf = new Map();
    perSelf.set(update, bySelf);
  }
  let payload = bySelf.get(key) as (U & { self: ViewerSelf }) | undefined;
  if (!payload) {
    payload = { ...update, self };
    bySelf.set(key, payload);
  }
  return payload;
}
