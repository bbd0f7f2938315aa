/** Meeting time strings (`yyyy-MM-dd HH:mm`, UTC), calendar dates and the time zones of recurring series. */

const MINUTE_MS = 60_000;
/** One day in milliseconds. */
export const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * UTC offsets in minutes of the time-zone ids the reference names (section 3.6). UNVERIFIED: the full 73-row
 * table was not retrieved, so any other id is treated as UTC; daylight saving is ignored.
 */
const TIME_ZONE_OFFSET_MINUTES: Record<string, number> = {
  '1': -720,
  '5': -480,
  '13': -300,
  '26': 0,
  '27': 60,
  '29': 60,
  '32': 120,
  '56': 480,
};

/** UTC offset in milliseconds of a `timeZoneID`. */
export function timeZoneOffsetMs(timeZoneID: string): number {
  return (TIME_ZONE_OFFSET_MINUTES[timeZoneID] ?? 0) * MINUTE_MS;
}

/** Epoch ms of a UTC `yyyy-MM-dd HH:mm` string (the wire schema has checked its form). */
export function parseMeetingTime(text: string): number {
  const [date = '', time = ''] = text.split(' ');
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  return Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0);
}

/** Epoch ms as a UTC `yyyy-MM-dd HH:mm` string. */
export function formatMeetingTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

/** Epoch ms at midnight UTC of a `YYYY-MM-DD` date. */
export function parseDate(text: string): number {
  const [year, month, day] = text.split('-').map(Number);
  return Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1);
}

/** The `YYYY-MM-DD` of an epoch ms taken as a UTC calendar day. */
export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The start of the minute holding `ms`: meeting times have minute resolution. */
export function floorToMinute(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

/** Whether a calendar date string names a real day (rejects `2026-02-30`). */
export function isRealDate(text: string): boolean {
  return formatDate(parseDate(text)) === text;
}
