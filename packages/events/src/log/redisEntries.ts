// How a meeting log's events and checkpoints are stored in Redis, and their validation when read back: the
// data may have been written by another version of the gateway, or by anything else with access to Redis.
import { z } from 'zod';
import { CorruptLogDataError } from '../errors.js';
import { EVENT_KINDS } from '../frames/registry.js';
import { type MeetingSnapshot, storedSnapshotSchema } from '../state/snapshot.js';
import {
  type LoggedEvent,
  type MeetingStreamEvent,
  meetingStreamStatusSchema,
} from '../streams/streamEvent.js';
import type { Checkpoint } from './meetingLog.js';

const streamStatus = meetingStreamStatusSchema;

const snapshotSchema = storedSnapshotSchema;

/** A MeetingStreamEvent: its `type` and the fields that type carries. */
const streamEventSchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('snapshot'),
    conferenceID: z.string(),
    snapshot: snapshotSchema,
    reason: z.enum(['initial', 'resync', 'lagged', 'expired']).optional(),
  }),
  z.looseObject({
    type: z.literal('changes'),
    conferenceID: z.string(),
    changes: z.array(
      z.looseObject({ kind: z.enum(['reset', 'upsert', 'remove', 'replace']), view: z.string() }),
    ),
  }),
  z.looseObject({
    type: z.literal('event'),
    conferenceID: z.string(),
    event: z.looseObject({ kind: z.enum(EVENT_KINDS) }),
  }),
  z.looseObject({
    type: z.literal('status'),
    conferenceID: z.string(),
    status: streamStatus,
    detail: z.string().optional(),
  }),
]);

/** The fields of one stream entry: the event's number, when it was appended (Redis time, ms), the event. */
const entrySchema = z.object({
  seq: z.coerce.number().int().positive(),
  at: z.coerce.number().int().nonnegative(),
  event: z.string().transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not JSON' });
      return z.NEVER;
    }
  }),
});

/** A stored checkpoint: a hash of the position and the state as JSON. */
const checkpointSchema = z.object({
  epoch: z.string().min(1),
  seq: z.coerce.number().int().nonnegative(),
  data: z.string().transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not JSON' });
      return z.NEVER;
    }
  }),
});

const checkpointDataSchema = z.object({ status: streamStatus, snapshot: snapshotSchema });

/** One entry as XRANGE returns it: `[id, [field, value, ...]]`. */
export type RawStreamEntry = [id: string, fields: string[]];

/** A stream entry read back: its number, its append time, and the logged event. */
export type StoredEntry = Readonly<{ at: number; logged: LoggedEvent }>;

/** The stored form of one event (the `event` field of its entry). */
export function encodeEvent(event: MeetingStreamEvent): string {
  return JSON.stringify(event);
}

function fieldsOf(values: readonly string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < values.length; i += 2) fields[values[i] as string] = values[i + 1] as string;
  return fields;
}

/** The seq an entry id `<seq>-0` names (undefined for any other id). */
export function seqOfId(id: string): number | undefined {
  const match = /^(\d{1,15})-0$/.exec(id);
  return match ? Number(match[1]) : undefined;
}

/** Validates one stream entry of the current epoch. */
export function decodeEntry(
  conferenceID: string,
  epoch: string,
  raw: unknown,
): StoredEntry | CorruptLogDataError {
  const shape = z.tuple([z.string(), z.array(z.string())]).safeParse(raw);
  if (!shape.success) return new CorruptLogDataError(conferenceID, 'a log entry', 'not a stream entry');
  const [id, values] = shape.data;
  const what = `log entry ${id}`;
  const fields = entrySchema.safeParse(fieldsOf(values));
  if (!fields.success) return new CorruptLogDataError(conferenceID, what, z.prettifyError(fields.error));
  if (seqOfId(id) !== fields.data.seq)
    return new CorruptLogDataError(conferenceID, what, 'its seq is not its id');
  const event = streamEventSchema.safeParse(fields.data.event);
  if (!event.success) return new CorruptLogDataError(conferenceID, what, z.prettifyError(event.error));
  return {
    at: fields.data.at,
    logged: { epoch, seq: fields.data.seq, event: event.data as unknown as MeetingStreamEvent },
  };
}

/** The stored form of a checkpoint's state (the `data` field of its hash, beside `epoch` and `seq`). */
export function encodeCheckpointData(checkpoint: Checkpoint): string {
  return JSON.stringify({ status: checkpoint.status, snapshot: checkpoint.snapshot });
}

/** Validates a stored checkpoint (HGETALL's reply; undefined when there is none). */
export function decodeCheckpoint(
  conferenceID: string,
  raw: Record<string, string>,
): Checkpoint | CorruptLogDataError | undefined {
  if (Object.keys(raw).length === 0) return undefined;
  const stored = checkpointSchema.safeParse(raw);
  if (!stored.success)
    return new CorruptLogDataError(conferenceID, 'the checkpoint', z.prettifyError(stored.error));
  const data = checkpointDataSchema.safeParse(stored.data.data);
  if (!data.success)
    return new CorruptLogDataError(conferenceID, 'the checkpoint', z.prettifyError(data.error));
  return {
    epoch: stored.data.epoch,
    seq: stored.data.seq,
    status: data.data.status,
    snapshot: data.data.snapshot as unknown as MeetingSnapshot,
  };
}
