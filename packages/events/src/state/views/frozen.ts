// Helpers shared by the views: the push envelope they leave out, and deep freezing (views are shared by every
// watcher of a meeting, so none may change them).

/** Envelope fields of every pushed frame; they describe the frame, not the meeting, so views leave them out. */
export const ENVELOPE_KEYS = ['action', 'version', 'createTime', 'msgID', 'msgMode', 'confID'] as const;
/** A field of the envelope. */
export type EnvelopeKey = (typeof ENVELOPE_KEYS)[number];

/**
 * `Omit` that keeps the known fields of a loose object: the built-in one maps over `keyof T`, which an index
 * signature widens to `string`, and so would erase every named field of a `z.looseObject` type.
 */
export type OmitKnown<T, K extends PropertyKey> = { [P in keyof T as P extends K ? never : P]: T[P] };

/** Freezes a value and everything inside it; returns it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/** A private, frozen copy of a parsed wire value (the caller keeps its own object untouched). */
export function frozenCopy<T>(value: T): T {
  return deepFreeze(structuredClone(value));
}

const ENVELOPE = new Set<string>(ENVELOPE_KEYS);

/** A frame's own fields: a copy without the envelope. */
export function withoutEnvelope<T extends object>(message: T): OmitKnown<T, EnvelopeKey> {
  return Object.fromEntries(Object.entries(message).filter(([key]) => !ENVELOPE.has(key))) as OmitKnown<
    T,
    EnvelopeKey
  >;
}
