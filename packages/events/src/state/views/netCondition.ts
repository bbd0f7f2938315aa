import type { NetConditionNotify } from '../../frames/netCondition.js';
import { frozenCopy, type OmitKnown } from './frozen.js';

/** Media quality of one participant (B.5.6), with its wire names; units UNVERIFIED. */
export type NetConditionView = Readonly<OmitKnown<NetConditionNotify['data'][number], 'mode'>>;

/** A participant's media quality as pushed (a frozen copy of its merged fields). */
export function netConditionView(_key: string, raw: NetConditionView): NetConditionView {
  return frozenCopy(raw);
}
