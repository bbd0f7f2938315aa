import type { z } from 'zod';
import { trimKeys } from './common.js';
import { type PushMessage, pushTypeOf } from './registry.js';
import { heartBeatFrameSchema, subscribeAnswerSchema } from './upstream.js';

/** A frame of a type the library does not model (undocumented types pass through raw). */
export interface UnknownFrame {
  kind: 'unknown';
  action: string;
  raw: Record<string, unknown>;
}

/** What a server-to-client frame turned out to be. */
export type ServerFrame =
  | { kind: 'message'; message: PushMessage }
  | { kind: 'heartbeat'; sequence: string }
  | { kind: 'subscribed'; returnCode: number; returnDesc: string | undefined }
  | UnknownFrame;

/** Why a frame was refused: the text is not JSON, has no `action`, or does not match its schema. */
export interface FrameError {
  reason: 'not-json' | 'no-action' | 'schema';
  message: string;
  action?: string | undefined;
}

/** Result of {@link parseServerFrame}. */
export type ParsedFrame = { ok: true; frame: ServerFrame } | { ok: false; error: FrameError };

/**
 * Parses one frame the server sent. Never throws: malformed frames come back as an error naming the problem,
 * and frames of unknown type pass through raw.
 */
export function parseServerFrame(text: string): ParsedFrame {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: { reason: 'not-json', message: 'frame is not JSON' } };
  }
  const value = trimKeys(json);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, error: { reason: 'no-action', message: 'frame is not a JSON object' } };
  }
  const action = (value as { action?: unknown }).action;
  if (typeof action !== 'string' || action.length === 0) {
    return { ok: false, error: { reason: 'no-action', message: 'frame has no action' } };
  }
  if (action === 'HeartBeat') {
    const beat = heartBeatFrameSchema.safeParse(value);
    return beat.success
      ? { ok: true, frame: { kind: 'heartbeat', sequence: beat.data.sequence } }
      : { ok: false, error: schemaError(action, beat.error) };
  }
  if (action === 'Subscribe') {
    const answer = subscribeAnswerSchema.safeParse(value);
    return answer.success
      ? {
          ok: true,
          frame: {
            kind: 'subscribed',
            returnCode: answer.data.data.returnCode,
            returnDesc: answer.data.data.returnDesc,
          },
        }
      : { ok: false, error: schemaError(action, answer.error) };
  }
  const type = pushTypeOf(action);
  if (!type) {
    return { ok: true, frame: { kind: 'unknown', action, raw: value as Record<string, unknown> } };
  }
  // The type's own schema: what the discriminated union (pushMessageSchema) would pick, without the lookup.
  const message = type.schema.safeParse(value);
  return message.success
    ? { ok: true, frame: { kind: 'message', message: message.data as PushMessage } }
    : { ok: false, error: schemaError(action, message.error) };
}

function schemaError(action: string, error: z.ZodError): FrameError {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') || 'frame';
  return { reason: 'schema', action, message: `${action}: ${field}: ${issue?.message ?? 'invalid'}` };
}
