import { z } from 'zod';

/**
 * A place in one meeting's stream. `seq` counts the stream's events from 1, without gaps, across changes of the
 * replica that holds the upstream socket; `epoch` names one run of the stream's storage (a new one starts when
 * the storage lost the stream, e.g. Redis restarted empty), so positions of an older run are recognised as such.
 */
export type StreamPosition = Readonly<{ epoch: string; seq: number }>;

const EPOCH = /^[A-Za-z0-9_-]{1,40}$/;

/** The text form of a position, handed to clients as an opaque `cursor`: `<epoch>:<seq>`. */
export function formatCursor(position: StreamPosition): string {
  return `${position.epoch}:${position.seq}`;
}

/** A cursor as a client may send it back: `<epoch>:<seq>`, seq a non-negative integer. */
export const cursorSchema = z.string().transform((text, ctx): StreamPosition => {
  const at = text.lastIndexOf(':');
  const epoch = text.slice(0, at);
  const seqText = text.slice(at + 1);
  const seq = Number(seqText);
  if (at < 1 || !EPOCH.test(epoch) || !/^(0|[1-9]\d{0,15})$/.test(seqText) || !Number.isSafeInteger(seq)) {
    ctx.addIssue({ code: 'custom', message: 'not a stream cursor (expected <epoch>:<seq>)' });
    return z.NEVER;
  }
  return { epoch, seq };
});

/** Parses a cursor; undefined when it is not one. */
export function parseCursor(text: string): StreamPosition | undefined {
  const parsed = cursorSchema.safeParse(text);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The position of a cursor this library made (an event's own `cursor`), without validation: for the hot path of
 * comparing positions. Cursors from clients go through {@link parseCursor}.
 */
export function positionOf(cursor: string): StreamPosition {
  const at = cursor.lastIndexOf(':');
  return { epoch: cursor.slice(0, at), seq: Number(cursor.slice(at + 1)) };
}

/** A fresh epoch name: random, URL-safe, 12 characters. */
export function newEpoch(): string {
  return crypto.randomUUID().replaceAll('-', '').slice(0, 12);
}
