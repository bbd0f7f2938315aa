/**
 * The activity driver: keeps the meetings in progress alive for demos. People join and leave, speak (with a
 * sentence, which the push side turns into captions when subtitles are on), raise and lower hands, mute and
 * unmute, at a configurable pace. Off unless started (`activity` option, `--activity`, or `/__sim/activity`);
 * every choice comes from a seeded generator, so the same seed on the same state makes the same steps.
 */

import { z } from 'zod';
import { SimHttpError } from './http/errors.js';
import { SeededRandom } from './seededRandom.js';
import type { MeetingRecord, ParticipantRecord } from './state/meetings.js';
import {
  hostOf,
  joinParticipant,
  ParticipantEventKind,
  participantUpdated,
  type RunningMeeting,
  removeParticipant,
} from './state/participants.js';
import type { Store, UserRecord } from './state/store.js';

const activityFields = {
  /** Milliseconds between steps while running. */
  intervalMs: z.number().int().min(10).max(3_600_000),
  /** Seed of the choices. */
  seed: z.string().min(1).max(200),
  /** The driver brings people in until a meeting has this many. */
  minParticipants: z.number().int().min(0).max(100),
  /** And lets no more than this many in. */
  maxParticipants: z.number().int().min(1).max(500),
};

/** Options of the activity driver, with their defaults. */
export const activityOptionsSchema = z.object({
  intervalMs: activityFields.intervalMs.default(1500),
  seed: activityFields.seed.default('activity'),
  minParticipants: activityFields.minParticipants.default(2),
  maxParticipants: activityFields.maxParticipants.default(8),
});
/** Changes to the driver's options (no defaults: what is not given stays). */
export const activityOverridesSchema = z.object(activityFields).partial();
/** Options of the activity driver, as given. */
export type ActivityOptions = z.input<typeof activityOptionsSchema>;
type ActivitySettings = z.output<typeof activityOptionsSchema>;

/** What one step did. */
export interface ActivityAction {
  kind: 'join' | 'leave' | 'speak' | 'hand' | 'mute' | 'idle';
  conferenceID?: string | undefined;
  pid?: string | undefined;
  name?: string | undefined;
  /** What was said (speak). */
  text?: string | undefined;
  /** Why a join did not happen (e.g. the meeting is locked). */
  refused?: string | undefined;
}

/** Where the driver is. */
export interface ActivityStatus {
  running: boolean;
  steps: number;
  intervalMs: number;
  seed: string;
}

const SENTENCES = [
  'Good morning everyone, can you hear me?',
  'Let us start with the status of the release.',
  'The build is green and the tests pass.',
  'I will share my screen in a moment.',
  'Any questions before we move on?',
  'We should follow up on that after the meeting.',
  'The customer demo is scheduled for Thursday.',
  'Thanks, that is all from my side.',
];

const CLIENT_TYPES: ParticipantRecord['clientType'][] = ['Desktop', 'Desktop', 'Mobile', 'Pad'];

const running = (meeting: MeetingRecord): meeting is RunningMeeting =>
  meeting.state === 'Created' && meeting.live !== undefined;

/** Drives the meetings of one store. */
export class ActivityDriver {
  private settings: ActivitySettings;
  private random: SeededRandom;
  private generation = 0;
  private active = false;
  private steps = 0;
  private guests = 0;

  constructor(
    private readonly store: Store,
    options: ActivityOptions = {},
  ) {
    this.settings = activityOptionsSchema.parse(options);
    this.random = new SeededRandom(this.settings.seed);
  }

  /** Where the driver is. */
  status(): ActivityStatus {
    return {
      running: this.active,
      steps: this.steps,
      intervalMs: this.settings.intervalMs,
      seed: this.settings.seed,
    };
  }

  /** Changes settings; a new seed restarts the sequence of choices. */
  configure(options: ActivityOptions): void {
    const next = activityOptionsSchema.parse({ ...this.settings, ...options });
    if (options.seed !== undefined) {
      this.random = new SeededRandom(next.seed);
      this.guests = 0;
    }
    this.settings = next;
  }

  /** Steps every `intervalMs` until stopped. */
  start(options: ActivityOptions = {}): void {
    this.configure(options);
    this.active = true;
    const generation = ++this.generation;
    const tick = () => {
      if (!this.active || generation !== this.generation) return;
      this.step(1);
      this.store.timers.after(this.settings.intervalMs, tick);
    };
    this.store.timers.after(this.settings.intervalMs, tick);
  }

  /** Stops stepping (what happened stays). */
  stop(): void {
    this.active = false;
    this.generation++;
  }

  /** Takes `count` steps now; answers what each did. */
  step(count = 1): ActivityAction[] {
    const actions: ActivityAction[] = [];
    for (let i = 0; i < count; i++) {
      actions.push(this.stepOnce());
      this.steps++;
    }
    return actions;
  }

  private stepOnce(): ActivityAction {
    const meetings = [...this.store.meetings.values()]
      .filter(running)
      .sort((a, b) => a.conferenceID.localeCompare(b.conferenceID));
    if (meetings.length === 0) return { kind: 'idle' };
    const meeting = this.random.pick(meetings);
    const present = [...meeting.live.participants.values()]
      .filter((p) => p.state === 0 && !p.waiting)
      .sort((a, b) => a.pid.localeCompare(b.pid));
    const { minParticipants, maxParticipants } = this.settings;
    if (present.length < Math.min(minParticipants, maxParticipants)) return this.join(meeting);
    const weights: Array<[ActivityAction['kind'], number]> = [
      ['join', present.length < maxParticipants ? 2 : 0],
      ['leave', present.length > minParticipants ? 1 : 0],
      ['speak', present.length > 0 ? 5 : 0],
      ['hand', present.length > 0 ? 1 : 0],
      ['mute', present.length > 0 ? 1 : 0],
    ];
    const total = weights.reduce((sum, [, w]) => sum + w, 0);
    if (total === 0) return { kind: 'idle', conferenceID: meeting.conferenceID };
    let roll = this.random.next() * total;
    let kind: ActivityAction['kind'] = 'speak';
    for (const [name, weight] of weights) {
      if (roll < weight) {
        kind = name;
        break;
      }
      roll -= weight;
    }
    if (kind === 'join') return this.join(meeting);
    if (kind === 'leave') {
      // The host stays while anyone else can leave.
      const guests = present.filter((p) => p.role !== 1);
      const who = this.random.pick(guests.length > 0 ? guests : present);
      removeParticipant(this.store, meeting, who.pid, 'left');
      return { kind, conferenceID: meeting.conferenceID, pid: who.pid, name: who.name };
    }
    const who = this.random.pick(present);
    if (kind === 'speak') {
      const text = this.random.pick(SENTENCES);
      this.store.emit({
        kind: ParticipantEventKind.SPEAKING,
        conferenceID: meeting.conferenceID,
        detail: { pid: who.pid, volume: 20 + this.random.below(81), text },
      });
      return { kind, conferenceID: meeting.conferenceID, pid: who.pid, name: who.name, text };
    }
    if (kind === 'hand') who.handUp = !who.handUp;
    else who.muted = !who.muted;
    participantUpdated(this.store, meeting, who);
    return { kind, conferenceID: meeting.conferenceID, pid: who.pid, name: who.name };
  }

  private join(meeting: RunningMeeting): ActivityAction {
    const inMeeting = new Set<string>();
    for (const p of meeting.live.participants.values()) if (p.userUUID) inMeeting.add(p.userUUID);
    const users = [...this.store.users.values()]
      .filter((u) => u.status === 0 && !inMeeting.has(u.id))
      .sort((a, b) => a.userAccount.localeCompare(b.userAccount));
    const user: UserRecord | undefined = users.length > 0 ? this.random.pick(users) : undefined;
    const name = user?.name ?? `Guest ${++this.guests}`;
    const role = hostOf(meeting.live) ? 0 : 1;
    try {
      const participant = joinParticipant(this.store, meeting, {
        name,
        number: user?.sipNum,
        accountId: user?.userAccount,
        userUUID: user?.id,
        thirdAccount: user?.thirdAccount,
        role,
        clientType: this.random.pick(CLIENT_TYPES),
      });
      return { kind: 'join', conferenceID: meeting.conferenceID, pid: participant.pid, name };
    } catch (error) {
      if (!(error instanceof SimHttpError)) throw error;
      return { kind: 'join', conferenceID: meeting.conferenceID, name, refused: error.message };
    }
  }
}

const drivers = new WeakMap<Store, ActivityDriver>();

/** The store's activity driver (made stopped, with the defaults, on first use). */
export function activityOf(store: Store): ActivityDriver {
  let driver = drivers.get(store);
  if (!driver) {
    driver = new ActivityDriver(store);
    drivers.set(store, driver);
  }
  return driver;
}

/** Starts the store's activity driver with these options; answers it. */
export function startActivity(store: Store, options: ActivityOptions = {}): ActivityDriver {
  const driver = activityOf(store);
  driver.start(options);
  return driver;
}
