import { z } from 'zod';

/** An integer that may arrive as a number or as its decimal string (the push samples use both). */
export const looseInt = () =>
  z.union([
    z.number().int(),
    z
      .string()
      .regex(/^-?\d+$/)
      .transform(Number),
  ]);

/** An integer 0/1 flag, as a number or a string. */
export const looseFlag = () => looseInt().pipe(z.union([z.literal(0), z.literal(1)]));

/** `msgMode`: 0 full message, 1 incremental. */
export const msgModeSchema = looseFlag();

/** Fields every pushed frame carries (control-and-push.md B.4); tolerant of absence except `action`. */
export const envelopeShape = {
  /** Full frames: generation time (epoch ms); incremental frames: an increasing sequence number. */
  version: looseInt().optional(),
  /** Generation time, epoch ms. */
  createTime: looseInt().optional(),
  /** Unique message ID (32 hex). */
  msgID: z.string().optional(),
  /** 0 full, 1 incremental (absent: full). */
  msgMode: msgModeSchema.optional(),
  /** The subscribed meeting. */
  confID: z.string().optional(),
};

/** A `pid` + `mode` + `pinfoMap` entry of ParticipantsNotify and WaitingListNotify. */
export const pidEntrySchema = z.looseObject({
  pid: z.string().min(1),
  /** 0 refresh (upsert the keys present), 1 remove. */
  mode: looseFlag().default(0),
  /** Changed keys; every value is a string on the wire. */
  pinfoMap: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).optional(),
  delType: looseInt().optional(),
});
/** One participant entry of a list frame. */
export type PidEntry = z.infer<typeof pidEntrySchema>;

/**
 * Returns the value with every object key trimmed of surrounding spaces (the published samples carry keys such
 * as `"msgs "`). The same object comes back untouched when no key needs it, so the common case allocates nothing.
 */
export function trimKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      const trimmed = trimKeys(item);
      if (trimmed !== item) {
        copy ??= value.slice();
        copy[i] = trimmed;
      }
    }
    return copy ?? value;
  }
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    const item = record[key];
    const trimmed = trimKeys(item);
    const name = key.trim();
    if (name !== key || trimmed !== item) {
      if (!copy) {
        copy = {};
        for (const k of Object.keys(record)) copy[k.trim()] = record[k];
      }
      copy[name] = trimmed;
    }
  }
  return copy ?? value;
}
