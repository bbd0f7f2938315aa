import { endMeeting } from './lifecycle.js';
import { DAY_MS, formatDate, formatMeetingTime, timeZoneOffsetMs } from './meetingTime.js';
import { createSeries, createSingleMeeting, DEFAULT_TIME_ZONE_ID } from './schedule.js';
import { SEED_ACCOUNTS } from './seed.js';
import type { Store, UserRecord } from './store.js';

const HOUR_MS = 3_600_000;

function seededUser(store: Store, account: keyof typeof SEED_ACCOUNTS): UserRecord {
  const user = store.userByThirdAccount(SEED_ACCOUNTS[account].thirdAccount);
  if (!user) throw new Error(`the demo seed has no user ${account}`);
  return user;
}

/**
 * Meetings of the `demo` seed: a scheduled review owned by alice, an all-hands in progress owned by the admin
 * (no participants yet), an ended retrospective with a recording (in history), and a weekly series owned by bob.
 * Times are relative to the store's clock, so the seed is always current.
 */
export function seedMeetings(store: Store): void {
  const alice = seededUser(store, 'alice');
  const bob = seededUser(store, 'bob');
  const admin = store.defaultAdmin();
  const nextHour = Math.ceil(store.clock.now() / HOUR_MS) * HOUR_MS;

  createSingleMeeting(store, alice, {
    subject: 'Design review',
    mediaTypes: 'HDVideo',
    startTime: formatMeetingTime(nextHour + DAY_MS),
    length: 60,
    attendees: [
      { accountId: SEED_ACCOUNTS.bob.thirdAccount, name: bob.name, role: 1, type: 'normal' },
      { accountId: SEED_ACCOUNTS.carol.thirdAccount, name: SEED_ACCOUNTS.carol.name, type: 'normal' },
      { name: 'Room 301', phone: '+99111000000301', type: 'terminal' },
    ],
    confConfigInfo: { isSendNotify: false, isSendSms: false, isSendCalendar: false },
  });

  createSingleMeeting(store, admin, { subject: 'All hands', mediaTypes: 'HDVideo', length: 120 });

  const retro = createSingleMeeting(store, alice, {
    subject: 'Sprint retrospective',
    mediaTypes: 'HDVideo',
    length: 45,
    attendees: [{ accountId: SEED_ACCOUNTS.bob.thirdAccount, name: bob.name, type: 'normal' }],
    recordType: 2,
  });
  const run = endMeeting(store, retro, { hasRecordFile: true });
  // Backdate it (and its history entry) to two days ago: it was scheduled, ran its full length and was recorded.
  for (const record of run ? [retro, run] : [retro]) {
    record.confType = 'FUTURE';
    record.startTimeMs = nextHour - 2 * DAY_MS;
    record.createdAtMs = record.startTimeMs - DAY_MS;
    record.endedAtMs = record.startTimeMs + record.lengthMinutes * 60_000;
  }

  const firstWeekly = nextHour + DAY_MS;
  const localDay = (ms: number) => formatDate(ms + timeZoneOffsetMs(DEFAULT_TIME_ZONE_ID));
  createSeries(store, bob, {
    subject: 'Weekly sync',
    mediaTypes: 'HDVideo',
    startTime: formatMeetingTime(firstWeekly),
    length: 30,
    timeZoneID: DEFAULT_TIME_ZONE_ID,
    attendees: [
      { accountId: SEED_ACCOUNTS.alice.thirdAccount, name: alice.name, type: 'normal' },
      { accountId: SEED_ACCOUNTS.dave.thirdAccount, name: SEED_ACCOUNTS.dave.name, type: 'normal' },
    ],
    cycleParams: {
      startDate: localDay(firstWeekly),
      endDate: localDay(firstWeekly + 8 * 7 * DAY_MS),
      cycle: 'Week',
      interval: 1,
      point: [new Date(firstWeekly + timeZoneOffsetMs(DEFAULT_TIME_ZONE_ID)).getUTCDay()],
      preRemindDays: 1,
    },
  });
}
