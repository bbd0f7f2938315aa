import type { InterpreterGroup } from '../../frames/interpreterGroup.js';
import { frozenCopy } from './frozen.js';

/** One interpreter group (B.5.10), as pushed. */
export type InterpreterGroupView = Readonly<InterpreterGroup>;

/** The interpreter groups of an InterpreterGroupNotify, as pushed (a frozen copy). */
export function interpreterGroupViews(data: readonly InterpreterGroup[]): readonly InterpreterGroupView[] {
  return frozenCopy(data);
}
