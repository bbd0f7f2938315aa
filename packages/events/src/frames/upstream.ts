import { z } from 'zod';
import { looseInt } from './common.js';

/** Path of the meeting-level push WebSocket (B.1), under the `wsURL` of the control token answer. */
export const PUSH_SOCKET_PATH = '/cms/open/websocket/confctl/increment/conn';

/** The `data` of a Subscribe frame, before it is JSON-encoded into a string. */
export const subscribeDataSchema = z.looseObject({
  conferenceID: z.string().optional(),
  subscribeType: z.array(z.string().min(1)).min(1),
  /** The control token, as `Basic base64(token)` (the server also accepts it raw). */
  confToken: z.string().min(1),
});
/** What a Subscribe asks for. */
export type SubscribeData = z.infer<typeof subscribeDataSchema>;

/** Parses a JSON string field, failing the schema (not throwing) when it is not JSON. */
const jsonString = z.string().transform((text, context) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    context.issues.push({ code: 'custom', message: 'must be a JSON-encoded object', input: text });
    return z.NEVER;
  }
});

/** `Subscribe` (client to server): `data` is sent as a JSON string; an object is accepted too. */
export const subscribeFrameSchema = z.looseObject({
  action: z.literal('Subscribe'),
  sequence: z.string().min(1),
  data: z.union([jsonString.pipe(subscribeDataSchema), subscribeDataSchema]),
});
/** A Subscribe frame. */
export type SubscribeFrame = z.infer<typeof subscribeFrameSchema>;

/** `HeartBeat`, both ways: the server echoes the client's frame with the same sequence. */
export const heartBeatFrameSchema = z.looseObject({
  action: z.literal('HeartBeat'),
  sequence: z.string().min(1),
});
/** A heartbeat. */
export type HeartBeatFrame = z.infer<typeof heartBeatFrameSchema>;

/** The `data` of a `ConfControl` REALTIMESUBTITLE frame (B.5.8). */
export const subtitleControlDataSchema = z.looseObject({
  conferenceID: z.string().min(1),
  confToken: z.string().min(1),
  /** 0 stop, 1 start. */
  isSubtitle: looseInt(),
  subtitleType: looseInt().optional(),
  sisProperty: z.string().optional(),
  id: z.array(z.string()).max(4).optional(),
});

/** `ConfControl` (client to server), e.g. switching live captions on; `data` is a JSON string. */
export const confControlFrameSchema = z.looseObject({
  action: z.literal('ConfControl'),
  sequence: z.string().min(1),
  type: z.string().min(1),
  data: z.union([jsonString, z.looseObject({})]),
});
/** A ConfControl frame. */
export type ConfControlFrame = z.infer<typeof confControlFrameSchema>;

/** Any frame a client sends. */
export const clientFrameSchema = z.discriminatedUnion('action', [
  subscribeFrameSchema,
  heartBeatFrameSchema,
  confControlFrameSchema,
]);
/** A frame a client sends. */
export type ClientFrame = z.infer<typeof clientFrameSchema>;

/** The answer to Subscribe; `returnCode` 0 is success (tolerates the sample's `"returnDesc "` key). */
export const subscribeAnswerSchema = z.looseObject({
  action: z.literal('Subscribe'),
  sequence: z.string().optional(),
  data: z.looseObject({ returnCode: looseInt(), returnDesc: z.string().optional() }),
});
/** The answer to Subscribe. */
export type SubscribeAnswer = z.infer<typeof subscribeAnswerSchema>;

/** A 30-digit zero-padded sequence, as in the published samples (epoch ms plus a counter). */
export function newSequence(counter: number, now = Date.now()): string {
  return `${now}${String(counter % 1000).padStart(3, '0')}`.padStart(30, '0');
}
