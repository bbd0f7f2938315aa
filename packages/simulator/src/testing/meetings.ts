import { startMeeting } from '../state/lifecycle.js';
import type { MeetingRecord } from '../state/meetings.js';
import { SEED_ACCOUNTS } from '../state/seed.js';
import type { Store } from '../state/store.js';

/** Host password of the meetings {@link addAlicesMeeting} makes. */
export const CHAIR = '246810';
/** Guest password of the meetings {@link addAlicesMeeting} makes. */
export const GUEST = '135790';

/** Options of {@link addAlicesMeeting}. */
export interface AddMeetingOptions {
  /** Leave it scheduled (default: started). */
  scheduled?: boolean;
  schedule?: Record<string, unknown>;
}

/** Puts a meeting of the demo seed's alice into the store, running unless `scheduled`; answers it. */
export function addAlicesMeeting(store: Store, options: AddMeetingOptions = {}): MeetingRecord {
  const owner = store.userByThirdAccount(SEED_ACCOUNTS.alice.thirdAccount);
  if (!owner) throw new Error('seed user alice missing');
  const now = store.clock.now();
  const meeting: MeetingRecord = {
    conferenceID: store.ids.digits(9),
    confUUID: store.ids.uuid(),
    subject: 'Control test',
    mediaTypes: 'HDVideo',
    startTimeMs: now,
    lengthMinutes: 60,
    timeZoneID: '56',
    language: 'en-US',
    ownerId: owner.id,
    state: 'Schedule',
    confType: 'FUTURE',
    conferenceType: 0,
    chairPassword: CHAIR,
    guestPassword: GUEST,
    accessNumber: '+991117',
    schedule: options.schedule ?? {},
    subConfs: [],
    createdAtMs: now,
    endedAtMs: undefined,
    live: undefined,
    hasRecordFile: false,
  };
  store.meetings.set(meeting.conferenceID, meeting);
  if (!options.scheduled) startMeeting(store, meeting);
  return meeting;
}
