import type { ParticipantRecord, Simulator } from '@hwmeeting/simulator';
import { z } from 'zod';

/** A participant as the gateway's `Participant` type shows it (the fields the soak compares). */
export const participantSchema = z.object({
  participantId: z.string(),
  name: z.string().nullable(),
  muted: z.boolean(),
  handUp: z.boolean(),
  role: z.string(),
  state: z.string(),
  coHost: z.boolean(),
});
/** A participant as compared. */
export type ComparedParticipant = z.infer<typeof participantSchema>;

/** The meeting status fields the soak compares (null: not known yet). */
export const statusSchema = z.object({
  locked: z.boolean().nullable(),
  muteAll: z.boolean().nullable(),
  recording: z.boolean().nullable(),
});
/** A status as compared. */
export type ComparedStatus = z.infer<typeof statusSchema>;

/** What a subscriber holds of one meeting after folding its updates (undefined: nothing received yet). */
export interface FoldedState {
  participants: Map<string, ComparedParticipant> | undefined;
  status: ComparedStatus | undefined;
  subject: string | null | undefined;
}

/** The simulator's truth of one meeting: what every subscriber of it should hold once things settle. */
export interface MeetingTruth {
  running: boolean;
  subject: string;
  participants: Map<string, ComparedParticipant>;
  status: ComparedStatus;
}

const ROLES = { 0: 'GUEST', 1: 'HOST', 2: 'AUDIENCE' } as const;
const STATES = { 0: 'IN_MEETING', 1: 'CALLING', 2: 'JOINING' } as const;

function compared(record: ParticipantRecord): ComparedParticipant {
  return {
    participantId: record.pid,
    name: record.name,
    muted: record.muted,
    handUp: record.handUp,
    role: ROLES[record.role],
    state: STATES[record.state],
    coHost: record.coHost,
  };
}

/** The meeting as the (in-process) simulator holds it now; those in the waiting room are not online. */
export function meetingTruth(sim: Simulator, meetingId: string): MeetingTruth {
  const meeting = sim.store.meetings.get(meetingId);
  const live = meeting?.state === 'Created' ? meeting.live : undefined;
  const participants = new Map<string, ComparedParticipant>();
  for (const record of live?.participants.values() ?? []) {
    if (!record.waiting) participants.set(record.pid, compared(record));
  }
  return {
    running: live !== undefined,
    subject: meeting?.subject ?? '',
    participants,
    status: {
      locked: live?.locked ?? null,
      muteAll: live?.muteAll ?? null,
      recording: live?.recording ?? null,
    },
  };
}

/**
 * Where a subscriber's folded state differs from the truth, one line per value (a participant missing or extra,
 * a field of a participant, a status field, the subject): each is an update the subscriber did not get.
 */
export function differences(state: FoldedState, truth: MeetingTruth): string[] {
  const found: string[] = [];
  if (!state.participants) found.push('participants: nothing received');
  else {
    for (const [pid, expected] of truth.participants) {
      const held = state.participants.get(pid);
      if (!held) {
        found.push(`participant ${pid} (${expected.name}) missing`);
        continue;
      }
      for (const field of Object.keys(expected) as (keyof ComparedParticipant)[]) {
        if (held[field] !== expected[field])
          found.push(
            `participant ${pid} ${field}: ${String(held[field])}, simulator ${String(expected[field])}`,
          );
      }
    }
    for (const pid of state.participants.keys())
      if (!truth.participants.has(pid)) found.push(`participant ${pid} still listed (left)`);
  }
  if (!state.status) found.push('status: nothing received');
  else {
    for (const field of Object.keys(truth.status) as (keyof ComparedStatus)[]) {
      if (state.status[field] !== truth.status[field])
        found.push(
          `status ${field}: ${String(state.status[field])}, simulator ${String(truth.status[field])}`,
        );
    }
  }
  if (state.subject !== truth.subject)
    found.push(`subject: ${String(state.subject)}, simulator ${truth.subject}`);
  return found;
}
