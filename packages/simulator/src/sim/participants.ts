import { z } from 'zod';
import { SimErrorCode, SimHttpError } from '../http/errors.js';
import { requireInProgress, requireMeeting, startMeeting } from '../state/lifecycle.js';
import {
  joinParticipant,
  ParticipantEventKind,
  participantUpdated,
  type RunningMeeting,
  removeParticipant,
  requireInMeeting,
} from '../state/participants.js';
import type { Store } from '../state/store.js';
import type { SimRoute } from './testControl.js';

const joinSchema = z.object({
  name: z.string().min(1).max(96).optional(),
  /** Third-party userId or Meeting account of an enterprise user; name and number then come from the user. */
  userId: z.string().min(1).optional(),
  number: z.string().min(1).optional(),
  /** 0 guest (default), 1 host, 2 audience. */
  role: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
  video: z.union([z.literal(0), z.literal(1)]).optional(),
  muted: z.boolean().optional(),
  /** Join into the waiting room (default: the meeting's enableWaitingRoom setting, hosts never wait). */
  waiting: z.boolean().optional(),
  clientType: z.enum(['Desktop', 'Mobile', 'Pad', 'OtherType']).optional(),
});

const PARTICIPANTS = /^\/meetings\/(?<conferenceID>[^/]+)\/participants$/;
const PARTICIPANT = /^\/meetings\/(?<conferenceID>[^/]+)\/participants\/(?<pid>[^/]+)$/;
const PARTICIPANT_ACTION =
  /^\/meetings\/(?<conferenceID>[^/]+)\/participants\/(?<pid>[^/]+)\/(?<action>speak|hand|mute)$/;

function simMeeting(store: Store, params: Record<string, string>): RunningMeeting {
  return requireInProgress(store, params.conferenceID ?? '');
}

/**
 * Test-control routes under `/__sim/meetings/{id}/participants`: participants join, leave, speak, raise hands, (un)mute
 * themselves; list them.
 */
export const participantSimRoutes: SimRoute[] = [
  {
    method: 'GET',
    pattern: PARTICIPANTS,
    handle: ({ store, params }) => {
      const meeting = requireMeeting(store, params.conferenceID ?? '');
      const participants = meeting.live ? [...meeting.live.participants.values()] : [];
      return { conferenceState: meeting.state, participants };
    },
  },
  {
    method: 'POST',
    pattern: PARTICIPANTS,
    body: joinSchema,
    handle: ({ store, params, body }) => {
      const input = body as z.infer<typeof joinSchema>;
      const meeting = requireMeeting(store, params.conferenceID ?? '');
      // The first participant of a scheduled meeting starts it.
      startMeeting(store, meeting);
      const user = input.userId
        ? (store.userByThirdAccount(input.userId) ?? store.userByAccount(input.userId))
        : undefined;
      if (input.userId && !user) {
        throw new SimHttpError(400, SimErrorCode.USG_USER_NOT_FOUND, `user ${input.userId} does not exist`);
      }
      const name = input.name ?? user?.name;
      if (!name)
        throw new SimHttpError(400, SimErrorCode.MMC_BAD_REQUEST, 'body.name: required without userId');
      return joinParticipant(store, meeting as RunningMeeting, {
        name,
        number: input.number ?? user?.sipNum,
        accountId: user?.userAccount,
        userUUID: user?.id,
        thirdAccount: user?.thirdAccount,
        role: input.role,
        video: input.video,
        muted: input.muted,
        clientType: input.clientType,
        waiting: input.waiting,
      });
    },
  },
  {
    method: 'DELETE',
    pattern: PARTICIPANT,
    handle: ({ store, params }) => {
      const meeting = simMeeting(store, params);
      removeParticipant(store, meeting, params.pid ?? '', 'left');
      return { left: params.pid };
    },
  },
  {
    method: 'POST',
    pattern: PARTICIPANT_ACTION,
    body: z
      .object({
        volume: z.number().int().min(0).max(100).optional(),
        up: z.boolean().optional(),
        muted: z.boolean().optional(),
      })
      .optional(),
    handle: ({ store, params, body }) => {
      const meeting = simMeeting(store, params);
      const participant = requireInMeeting(meeting, params.pid ?? '');
      const input = (body ?? {}) as { volume?: number; up?: boolean; muted?: boolean };
      if (params.action === 'speak') {
        store.emit({
          kind: ParticipantEventKind.SPEAKING,
          conferenceID: meeting.conferenceID,
          detail: { pid: participant.pid, volume: input.volume ?? 50 },
        });
        return { speaking: participant.pid };
      }
      if (params.action === 'hand') {
        participant.handUp = input.up ?? true;
      } else {
        const muted = input.muted ?? true;
        // Unmuting oneself needs the host's leave once the meeting was muted (hosts and co-hosts always may).
        if (
          !muted &&
          participant.muted &&
          !meeting.live.allowUnmuteByOneself &&
          participant.role !== 1 &&
          !participant.coHost
        ) {
          throw new SimHttpError(403, SimErrorCode.MMC_FORBIDDEN, 'unmuting oneself is not allowed');
        }
        participant.muted = muted;
      }
      participantUpdated(store, meeting, participant);
      return participant;
    },
  },
];
