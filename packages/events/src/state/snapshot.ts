import { z } from 'zod';
import {
  LIST_TYPES,
  type ListViews,
  type SnapshotValues,
  type StateMessageType,
  VALUE_TYPES,
} from '../frames/registry.js';

export {
  type ListViews,
  type MeetingEvent,
  STATE_MESSAGE_TYPES,
  type StateMessageType,
  type ValueViews,
} from '../frames/registry.js';

/**
 * Where one message type stands: `awaiting-full-frame` before its first full frame (or after `reset()`),
 * `synced` while its increments follow on, `resync-needed` after a gap until the next full frame.
 */
export type SyncState = 'awaiting-full-frame' | 'synced' | 'resync-needed';

/** Versioning of one message type: its state, the last full frame's version and the last increment applied. */
export type TypeSync = Readonly<{
  state: SyncState;
  /** `version` of the last full frame (epoch ms on the wire). */
  fullVersion: number | undefined;
  /** Number of the last increment applied since that full frame (0 = none yet). */
  lastSeq: number;
}>;

/**
 * One meeting as the push frames describe it: immutable (deeply frozen), JSON-serialisable and
 * structuredClone-safe. One field per view of the registry (frames/registry.ts): each list type's entries in
 * order (participants in join order), each value type's view (basic info undefined until its first frame,
 * speakers loudest first).
 */
export type MeetingSnapshot = Readonly<
  { conferenceID: string } & { readonly [V in keyof ListViews]: readonly ListViews[V][] } & {
    readonly [V in keyof SnapshotValues]: SnapshotValues[V];
  } & {
    /** Versioning of each state type. */
    sync: Readonly<Record<StateMessageType, TypeSync>>;
    /** Some type needs a fresh full frame (the consumer should reconnect). */
    resyncNeeded: boolean;
  }
>;

/**
 * How a stored snapshot is checked when read back (a checkpoint or a logged snapshot in Redis): its top level
 * and the shape of each view; the views themselves are the reducer's output, not re-validated one by one.
 */
export const storedSnapshotSchema = z.looseObject({
  conferenceID: z.string(),
  ...Object.fromEntries(LIST_TYPES.map((type) => [type.view, z.array(z.unknown())])),
  ...Object.fromEntries(VALUE_TYPES.map((type) => [type.view, type.stored])),
  sync: z.record(z.string(), z.unknown()),
  resyncNeeded: z.boolean(),
});
