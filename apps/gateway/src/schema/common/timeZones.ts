import { GatewayErrorCode, gatewayError } from '../../errors.js';

/**
 * The meeting server's `timeZoneID` values (a number 1 to 73 as a string, rest-api.md §3.6) and the IANA time
 * zone each stands for. Front ends speak IANA names; only this module knows the numbers.
 *
 * VERIFIED (rest-api.md §3.6, the reference's checked examples): 1, 5, 13, 26, 27, 29, 32, 56.
 * UNVERIFIED: 2-4, 6-12, 14-25, 28, 30, 31, 33-37 are read from the service's published time-zone table
 * (labels such as "(GMT-06:00) Central Time(US&Canada)"), not checked against the service; the IANA zone chosen
 * for each label is ours. 38-55 and 57-73 are not known at all and read as null.
 */
const TIME_ZONES: ReadonlyArray<{ id: string; zone: string; verified: boolean }> = [
  { id: '1', zone: 'Etc/GMT+12', verified: true }, // (GMT-12:00) Eniwetok, Kwajalein
  { id: '2', zone: 'Pacific/Pago_Pago', verified: false }, // (GMT-11:00) Midway Island, Samoa
  { id: '3', zone: 'Pacific/Honolulu', verified: false }, // (GMT-10:00) Hawaii
  { id: '4', zone: 'America/Anchorage', verified: false }, // (GMT-09:00) Alaska
  { id: '5', zone: 'America/Los_Angeles', verified: true }, // (GMT-08:00) Pacific Time
  { id: '6', zone: 'America/Phoenix', verified: false }, // (GMT-07:00) Arizona
  { id: '7', zone: 'America/Denver', verified: false }, // (GMT-07:00) Mountain Time
  { id: '8', zone: 'America/Guatemala', verified: false }, // (GMT-06:00) Central America
  { id: '9', zone: 'America/Chicago', verified: false }, // (GMT-06:00) Central Time
  { id: '10', zone: 'America/Mexico_City', verified: false }, // (GMT-06:00) Mexico City
  { id: '11', zone: 'America/Regina', verified: false }, // (GMT-06:00) Saskatchewan
  { id: '12', zone: 'America/Bogota', verified: false }, // (GMT-05:00) Bogota, Lima, Quito
  { id: '13', zone: 'America/New_York', verified: true }, // (GMT-05:00) Eastern Time
  { id: '14', zone: 'America/Indiana/Indianapolis', verified: false }, // (GMT-05:00) Indiana (East)
  { id: '15', zone: 'America/Halifax', verified: false }, // (GMT-04:00) Atlantic Time (Canada)
  { id: '16', zone: 'America/Caracas', verified: false }, // (GMT-04:00) Caracas, La Paz
  { id: '17', zone: 'America/Santiago', verified: false }, // (GMT-04:00) Santiago
  { id: '18', zone: 'America/St_Johns', verified: false }, // (GMT-03:30) Newfoundland
  { id: '19', zone: 'America/Sao_Paulo', verified: false }, // (GMT-03:00) Brasilia
  { id: '20', zone: 'America/Argentina/Buenos_Aires', verified: false }, // (GMT-03:00) Buenos Aires, Georgetown
  { id: '21', zone: 'America/Nuuk', verified: false }, // (GMT-03:00) Greenland
  { id: '22', zone: 'Atlantic/South_Georgia', verified: false }, // (GMT-02:00) Mid-Atlantic
  { id: '23', zone: 'Atlantic/Azores', verified: false }, // (GMT-01:00) Azores
  { id: '24', zone: 'Atlantic/Cape_Verde', verified: false }, // (GMT-01:00) Cape Verde Is.
  { id: '25', zone: 'Africa/Casablanca', verified: false }, // (GMT) Casablanca, Monrovia
  { id: '26', zone: 'Europe/London', verified: true }, // (GMT) Dublin, Edinburgh, Lisbon, London
  { id: '27', zone: 'Europe/Berlin', verified: true }, // (GMT+01:00) Amsterdam, Berlin, Bern, Rome ...
  { id: '28', zone: 'Europe/Belgrade', verified: false }, // (GMT+01:00) Belgrade, Bratislava, Budapest ...
  { id: '29', zone: 'Europe/Paris', verified: true }, // (GMT+01:00) Brussels, Copenhagen, Madrid, Paris
  { id: '30', zone: 'Europe/Warsaw', verified: false }, // (GMT+01:00) Sarajevo, Skopje, Warsaw, Zagreb ...
  { id: '31', zone: 'Africa/Lagos', verified: false }, // (GMT+01:00) West Central Africa
  { id: '32', zone: 'Europe/Athens', verified: true }, // (GMT+02:00) Athens, Istanbul, Vilnius
  { id: '33', zone: 'Europe/Bucharest', verified: false }, // (GMT+02:00) Bucharest
  { id: '34', zone: 'Africa/Cairo', verified: false }, // (GMT+02:00) Cairo
  { id: '35', zone: 'Africa/Johannesburg', verified: false }, // (GMT+02:00) Harare, Pretoria
  { id: '36', zone: 'Europe/Helsinki', verified: false }, // (GMT+02:00) Helsinki, Riga, Tallinn
  { id: '37', zone: 'Asia/Jerusalem', verified: false }, // (GMT+02:00) Jerusalem
  { id: '56', zone: 'Asia/Shanghai', verified: true }, // (GMT+08:00) Beijing
];

/** Every row of the table, for tests and documentation. */
export const huaweiTimeZones = TIME_ZONES;

const ZONE_OF_ID: ReadonlyMap<string, string> = new Map(TIME_ZONES.map((row) => [row.id, row.zone]));
// Offset matching tries the verified rows first: an unverified id is sent only when no verified one fits.
const BY_PREFERENCE = [...TIME_ZONES].sort((a, b) => Number(b.verified) - Number(a.verified));

/** Formatters by zone name as given: the table's zones and the inputs met (bounded, names are short). */
const formatters = new Map<string, Intl.DateTimeFormat | null>();
const FORMATTERS_KEPT = 1024;

/** The zone's offset formatter, or null when the name is not an IANA time zone this runtime knows. */
function formatterOf(zone: string): Intl.DateTimeFormat | null {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    } catch {
      formatter = null; // RangeError: not a time zone
    }
    if (formatters.size < FORMATTERS_KEPT) formatters.set(zone, formatter);
  }
  return formatter;
}

/** UTC offset in minutes of a known zone at an instant (daylight saving included). */
function offsetMinutes(formatter: Intl.DateTimeFormat, at: Date): number {
  const name = formatter.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
  if (!match) return 0; // "GMT": UTC itself
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** "+01:00" for 60 minutes. */
function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const whole = Math.abs(minutes);
  return `${sign}${String(Math.floor(whole / 60)).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`;
}

/** The IANA name of the meeting server's `timeZoneID`; null for an id outside the table (or none). */
export function ianaTimeZoneOf(timeZoneID: string | undefined): string | null {
  return timeZoneID === undefined ? null : (ZONE_OF_ID.get(timeZoneID) ?? null);
}

/**
 * The meeting server's `timeZoneID` for an IANA time zone, `field` naming the input in errors: the table's row of
 * that zone, else a row whose zone has the same UTC offset at `at` (the meeting's start; verified rows first).
 * BAD_USER_INPUT when the name is not an IANA time zone, or when no row has its offset then.
 */
export function huaweiTimeZoneOf(zone: string, at: Date, field: string): string {
  const formatter = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(zone) ? formatterOf(zone) : null;
  if (!formatter) {
    throw gatewayError(
      GatewayErrorCode.BAD_USER_INPUT,
      `${field}: not an IANA time zone name (e.g. Europe/Berlin, America/New_York)`,
      { field },
    );
  }
  const canonical = formatter.resolvedOptions().timeZone;
  const same = TIME_ZONES.find((row) => formatterOf(row.zone)?.resolvedOptions().timeZone === canonical);
  if (same) return same.id;
  const offset = offsetMinutes(formatter, at);
  const near = BY_PREFERENCE.find((row) => {
    const rowFormatter = formatterOf(row.zone);
    return rowFormatter !== null && offsetMinutes(rowFormatter, at) === offset;
  });
  if (near) return near.id;
  throw gatewayError(
    GatewayErrorCode.BAD_USER_INPUT,
    `${field}: the meeting server knows no time zone with ${zone}'s UTC offset (${formatOffset(offset)}) at the meeting's start`,
    { field },
  );
}
