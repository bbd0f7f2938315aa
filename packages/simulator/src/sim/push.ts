/**
 * Test control of the push side (fault injection and scripting), under `/__sim/`:
 *
 *   GET  /push/connections[?conferenceID=...]            the open push connections (no tokens)
 *   POST /meetings/{id}/push/drop                        drop the meeting's sockets without a closing frame
 *   POST /meetings/{id}/push/skip       {type}           each open socket's next `type` increment skips a number
 *   POST /meetings/{id}/push/malformed  {kind?}          send a malformed frame (not-json, no-action, schema, binary)
 *   PUT  /meetings/{id}/push/heartbeats {answer, silent?}  stop (or resume) echoing HeartBeat; `silent` also
 *                                                        withholds every push, so the socket looks dead
 *   POST /meetings/{id}/push/speak      {pid, text?, volume?}  a participant speaks; `text` becomes the caption
 *   PUT  /meetings/{id}/push/interpreterGroups {interpreterGroups}  replace the interpreter groups (REST spelling)
 */
import { SUBSCRIBE_TYPES, type SubscribeType } from '@hwmeeting/events/wire';
import { z } from 'zod';
import { SimErrorCode, SimHttpError } from '../http/errors.js';
import { MALFORMED_KINDS, type MalformedKind } from '../push/connection.js';
import { type PushServer, pushServerOf } from '../push/socketServer.js';
import { requireInProgress, requireMeeting } from '../state/lifecycle.js';
import { meetingUpdated, ParticipantEventKind, requireInMeeting } from '../state/participants.js';
import type { Store } from '../state/store.js';
import type { SimRoute } from './testControl.js';

const PUSH = (action: string) => new RegExp(`^/meetings/(?<conferenceID>[^/]+)/push/${action}$`);

const skipSchema = z.object({ type: z.enum(SUBSCRIBE_TYPES) });
const malformedSchema = z.object({ kind: z.enum(MALFORMED_KINDS).optional() }).optional();
const heartbeatSchema = z.object({ answer: z.boolean(), silent: z.boolean().optional() });
const speakSchema = z.object({
  pid: z.string().min(1),
  text: z.string().min(1).max(1000).optional(),
  volume: z.number().int().min(0).max(100).optional(),
});
const interpreterGroupsSchema = z.object({ interpreterGroups: z.array(z.looseObject({})).max(50) });

function pushOf(store: Store): PushServer {
  const push = pushServerOf(store);
  if (!push) throw new SimHttpError(404, SimErrorCode.API_NOT_FOUND, 'the push server is not running');
  return push;
}

/** The meeting named in the path (it must exist); answers its ID. */
function meetingID(store: Store, params: Record<string, string>): string {
  return requireMeeting(store, params.conferenceID ?? '').conferenceID;
}

/** Test-control routes of the push side (see the module comment). */
export const pushSimRoutes: SimRoute[] = [
  {
    method: 'GET',
    pattern: /^\/push\/connections$/,
    handle: ({ store, query }) => ({
      connections: pushOf(store)
        .connections(query.get('conferenceID') ?? undefined)
        .map((c) => c.summary()),
    }),
  },
  {
    method: 'POST',
    pattern: PUSH('drop'),
    handle: ({ store, params }) => {
      const open = pushOf(store).connections(meetingID(store, params));
      for (const connection of open) connection.terminate();
      return { dropped: open.length };
    },
  },
  {
    method: 'POST',
    pattern: PUSH('skip'),
    body: skipSchema,
    handle: ({ store, params, body }) => {
      const { type } = body as { type: SubscribeType };
      const open = pushOf(store).connections(meetingID(store, params));
      for (const connection of open) connection.skipNext(type);
      return { affected: open.length };
    },
  },
  {
    method: 'POST',
    pattern: PUSH('malformed'),
    body: malformedSchema,
    handle: ({ store, params, body }) => {
      const kind: MalformedKind = (body as { kind?: MalformedKind } | undefined)?.kind ?? 'not-json';
      const open = pushOf(store).connections(meetingID(store, params));
      for (const connection of open) connection.sendMalformed(kind);
      return { sent: open.length, kind };
    },
  },
  {
    method: 'PUT',
    pattern: PUSH('heartbeats'),
    body: heartbeatSchema,
    handle: ({ store, params, body }) => {
      const { answer, silent } = body as z.infer<typeof heartbeatSchema>;
      const affected = pushOf(store).setHeartbeat(meetingID(store, params), {
        answer,
        silent: silent ?? false,
      });
      return { affected, answer, silent: silent ?? false };
    },
  },
  {
    method: 'POST',
    pattern: PUSH('speak'),
    body: speakSchema,
    handle: ({ store, params, body }) => {
      const input = body as z.infer<typeof speakSchema>;
      const meeting = requireInProgress(store, params.conferenceID ?? '');
      const participant = requireInMeeting(meeting, input.pid);
      store.emit({
        kind: ParticipantEventKind.SPEAKING,
        conferenceID: meeting.conferenceID,
        detail: {
          pid: participant.pid,
          volume: input.volume ?? 50,
          ...(input.text !== undefined ? { text: input.text } : {}),
        },
      });
      return { speaking: participant.pid };
    },
  },
  {
    method: 'PUT',
    pattern: PUSH('interpreterGroups'),
    body: interpreterGroupsSchema,
    handle: ({ store, params, body }) => {
      const { interpreterGroups } = body as z.infer<typeof interpreterGroupsSchema>;
      const meeting = requireInProgress(store, params.conferenceID ?? '');
      meeting.live.interpreterGroups = interpreterGroups;
      meetingUpdated(store, meeting, { interpreterGroups: interpreterGroups.length });
      return { interpreterGroups: interpreterGroups.length };
    },
  },
];
