/**
 * Push bookkeeping of one running meeting that the meeting state itself does not keep: who is being called (so an
 * answer becomes an invite result), the numbers of those who left, the current speakers, whether the meeting was
 * ever recorded, and the captions to send. It reads store changes and answers the event-like output they cause.
 */
import type { LiveState } from '../state/meetings.js';
import { ParticipantEventKind } from '../state/participants.js';
import type { Store, StoreChange } from '../state/store.js';

/** How long (sim-clock ms) a speaker stays in SpeakerChangeNotify after their last speaking event. */
export const SPEAKER_HOLD_MS = 2000;
/** At most this many speakers are listed, the loudest first (B.5.5: "the three loudest"). */
const MAX_SPEAKERS = 3;

/** Invite result of a call that was answered (B.5.7). */
const CALL_ANSWERED = '0';
/** The participant hung up or left (B.5.7). */
const LEAVE_LEFT = '11076010';
/** Leave-reason codes of B.5.7 (keys of `LEAVE_REASONS`) by the reason the state gives. */
const LEAVE_CODE: Record<string, string> = {
  left: LEAVE_LEFT,
  hungUp: '11076002',
  // Removed from the invitee list by the host: the host hung them up.
  removed: '11076002',
};

/** Sentences captions use when a speaking event carries no text of its own. */
const GENERATED_SENTENCES = [
  'Good morning, everyone, let us get started.',
  'Can everybody hear me clearly?',
  'The first item on the agenda is the release plan.',
  'I will share my screen in a moment.',
  'Let us take the remaining questions at the end.',
  'Thanks, that is all from my side.',
];

/** One speaker as SpeakerChangeNotify lists them. */
export interface Speaker {
  pid: string;
  name: string;
  speakingVolume: number;
}

/** One invite result or leave reason (B.5.7): `0` answered, else a failure or leave-reason code. */
export interface InviteResult {
  callNumber: string;
  code: string;
}

/** A caption to push: who spoke and what. */
export interface Caption {
  pid: string;
  text: string;
  sentence: number;
}

/** Event-like output of one store change. */
export interface PushEvents {
  inviteResults: InviteResult[];
  caption: Caption | undefined;
}

/** What the tracker keeps for one running instance of a meeting. */
interface TrackerState {
  numbers: Map<string, string>;
  calling: Set<string>;
  speakers: Map<string, { name: string; volume: number; atMs: number }>;
  recorded: boolean;
  sentences: number;
}

// Keyed by the live state, so a meeting that runs again starts clean.
const trackers = new WeakMap<LiveState, TrackerState>();

function trackerOf(live: LiveState): TrackerState {
  let state = trackers.get(live);
  if (!state) {
    state = { numbers: new Map(), calling: new Set(), speakers: new Map(), recorded: false, sentences: 0 };
    trackers.set(live, state);
  }
  return state;
}

function detailOf(change: StoreChange): Record<string, unknown> {
  return change.detail !== null && typeof change.detail === 'object'
    ? (change.detail as Record<string, unknown>)
    : {};
}

/** Reads one change of a running meeting into the tracker and answers the event-like frames it causes. */
export function observe(store: Store, live: LiveState, change: StoreChange): PushEvents {
  const state = trackerOf(live);
  const events: PushEvents = { inviteResults: [], caption: undefined };
  // Numbers are remembered for as long as the participant is known: a leave event only carries the pid.
  for (const participant of live.participants.values())
    state.numbers.set(participant.pid, participant.number);
  if (live.recording) state.recorded = true;
  const detail = detailOf(change);
  const pid = typeof detail.pid === 'string' ? detail.pid : undefined;
  switch (change.kind) {
    case ParticipantEventKind.INVITED:
      if (pid) state.calling.add(pid);
      break;
    case ParticipantEventKind.JOINED:
      if (pid && state.calling.delete(pid)) {
        events.inviteResults.push({ callNumber: state.numbers.get(pid) ?? '', code: CALL_ANSWERED });
      }
      break;
    case ParticipantEventKind.LEFT:
      if (pid) {
        state.calling.delete(pid);
        state.speakers.delete(pid);
        const reason = typeof detail.reason === 'string' ? detail.reason : 'left';
        events.inviteResults.push({
          callNumber: state.numbers.get(pid) ?? '',
          code: LEAVE_CODE[reason] ?? LEAVE_LEFT,
        });
        state.numbers.delete(pid);
      }
      break;
    case ParticipantEventKind.SPEAKING: {
      const participant = pid ? live.participants.get(pid) : undefined;
      if (!participant) break;
      const volume = typeof detail.volume === 'number' ? detail.volume : 50;
      if (volume > 0) {
        state.speakers.set(participant.pid, {
          name: participant.name,
          volume,
          atMs: store.clock.now(),
        });
      } else {
        state.speakers.delete(participant.pid);
      }
      if (live.subtitlesOn && volume > 0) {
        const sentence = state.sentences++;
        const text =
          typeof detail.text === 'string' && detail.text.trim() !== ''
            ? detail.text
            : (GENERATED_SENTENCES[sentence % GENERATED_SENTENCES.length] ?? '');
        events.caption = { pid: participant.pid, text, sentence };
      }
      break;
    }
    default:
      break;
  }
  return events;
}

/** The speakers of a running meeting now: those heard within {@link SPEAKER_HOLD_MS}, the loudest first. */
export function speakersOf(store: Store, live: LiveState): Speaker[] {
  const state = trackerOf(live);
  const now = store.clock.now();
  const out: Speaker[] = [];
  for (const [pid, speaker] of state.speakers) {
    if (now - speaker.atMs >= SPEAKER_HOLD_MS || !live.participants.has(pid)) {
      state.speakers.delete(pid);
      continue;
    }
    out.push({ pid, name: speaker.name, speakingVolume: speaker.volume });
  }
  return out.sort((a, b) => b.speakingVolume - a.speakingVolume).slice(0, MAX_SPEAKERS);
}

/** Whether the running meeting has been recorded at some point (`recOccurred`). */
export function wasRecorded(live: LiveState): boolean {
  return trackerOf(live).recorded || live.recording;
}
