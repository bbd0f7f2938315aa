// Time zones in and out as IANA names; the meeting server's numeric IDs stay inside the gateway.
import { describe, expect, it } from 'vitest';
import { data, expectError, useGateway } from '../../testing/harness.js';
import { huaweiTimeZoneOf, huaweiTimeZones, ianaTimeZoneOf } from './timeZones.js';

const { gql, tokenFor, sim } = useGateway();

const CREATE = `mutation($input: CreateMeetingInput!) {
  createMeeting(input: $input) { id timeZone timeZoneId }
}`;
const READ = 'query($id: ID!) { meeting(meetingId: $id) { id subject timeZone timeZoneId } }';
const tomorrow = () => new Date(Date.now() + 24 * 3_600_000).toISOString();
/** The `timeZoneID` the simulator received for a meeting. */
const upstreamZone = (id: string) => sim().store.meetings.get(id)?.timeZoneID;

describe('the time-zone table', () => {
  it('labels each verified ID with the offset rest-api.md §3.6 gives it (in January: no daylight saving)', () => {
    const january = new Date('2027-01-15T12:00:00Z');
    const offsets: Record<string, string> = {
      '1': '-12:00',
      '5': '-08:00',
      '13': '-05:00',
      '26': '+00:00',
      '27': '+01:00',
      '29': '+01:00',
      '32': '+02:00',
      '56': '+08:00',
    };
    const verified = huaweiTimeZones.filter((row) => row.verified);
    expect(verified.map((row) => row.id)).toEqual(Object.keys(offsets));
    for (const row of verified) {
      const name = new Intl.DateTimeFormat('en-US', { timeZone: row.zone, timeZoneName: 'longOffset' })
        .formatToParts(january)
        .find((part) => part.type === 'timeZoneName')?.value;
      expect(name === 'GMT' ? '+00:00' : name?.slice(3), row.id).toBe(offsets[row.id]);
    }
  });

  it('names every row by a zone this runtime knows, each ID and zone once, IDs within 1 to 73', () => {
    for (const row of huaweiTimeZones) {
      expect(() => new Intl.DateTimeFormat('en-US', { timeZone: row.zone }), row.zone).not.toThrow();
      expect(Number(row.id)).toBeGreaterThanOrEqual(1);
      expect(Number(row.id)).toBeLessThanOrEqual(73);
    }
    expect(new Set(huaweiTimeZones.map((row) => row.id)).size).toBe(huaweiTimeZones.length);
    expect(new Set(huaweiTimeZones.map((row) => row.zone)).size).toBe(huaweiTimeZones.length);
  });

  it('maps a zone outside the table to a verified row with its offset at the given instant', () => {
    // Amsterdam keeps Berlin's offset all year; Lisbon has London's; Kyiv has Athens' offset in summer and winter.
    expect(huaweiTimeZoneOf('Europe/Amsterdam', new Date('2027-07-01T10:00:00Z'), 'f')).toBe('27');
    expect(huaweiTimeZoneOf('Europe/Lisbon', new Date('2027-01-15T10:00:00Z'), 'f')).toBe('26');
    expect(huaweiTimeZoneOf('Europe/Kyiv', new Date('2027-07-01T10:00:00Z'), 'f')).toBe('32');
    // Case does not matter to IANA names.
    expect(huaweiTimeZoneOf('europe/berlin', new Date(), 'f')).toBe('27');
    expect(ianaTimeZoneOf('56')).toBe('Asia/Shanghai');
    expect(ianaTimeZoneOf('70')).toBeNull();
    expect(ianaTimeZoneOf(undefined)).toBeNull();
  });
});

describe('time zones through the API', () => {
  it('schedules with Europe/Berlin: the meeting server gets its ID (27), the meeting reads back Europe/Berlin', async () => {
    const alice = await tokenFor('alice');
    const created = data(
      await gql(alice, CREATE, {
        input: { subject: 'Berlin sync', startTime: tomorrow(), timeZone: 'Europe/Berlin' },
      }),
    ).createMeeting;
    expect(upstreamZone(created.id)).toBe('27');
    expect(created).toMatchObject({ timeZone: 'Europe/Berlin', timeZoneId: '27' });
    const read = data(await gql(alice, READ, { id: created.id })).meeting;
    expect(read).toMatchObject({ timeZone: 'Europe/Berlin', timeZoneId: '27' });
  });

  it('sends a zone outside the table as the row with its offset at the start, and reads back that row', async () => {
    const alice = await tokenFor('alice');
    const created = data(
      await gql(alice, CREATE, {
        input: { subject: 'Vienna sync', startTime: tomorrow(), timeZone: 'Europe/Vienna' },
      }),
    ).createMeeting;
    expect(upstreamZone(created.id)).toBe('27');
    expect(created.timeZone).toBe('Europe/Berlin');
  });

  it('schedules a recurring meeting in an IANA zone', async () => {
    const alice = await tokenFor('alice');
    const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const created = data(
      await gql(
        alice,
        'mutation($input: CreateRecurringMeetingInput!) { createRecurringMeeting(input: $input) { id timeZone } }',
        {
          input: {
            subject: 'New York daily',
            startTime: `${day(2)}T15:00:00.000Z`,
            timeZone: 'America/New_York',
            recurrence: { frequency: 'DAILY', startDate: day(2), endDate: day(5) },
          },
        },
      ),
    ).createRecurringMeeting;
    expect(upstreamZone(created.id)).toBe('13');
    expect(created.timeZone).toBe('America/New_York');
  });

  it('refuses a name that is not an IANA time zone with BAD_USER_INPUT naming the field, before any upstream call', async () => {
    const alice = await tokenFor('alice');
    const before = sim().store.meetings.size;
    for (const timeZone of ['Mars/Olympus_Mons', '56', 'GMT+8 Beijing', '']) {
      const refusal = expectError(
        await gql(alice, CREATE, { input: { subject: 'Nowhere', startTime: tomorrow(), timeZone } }),
        'BAD_USER_INPUT',
        'input.timeZone',
      );
      expect(refusal.message).toContain('IANA');
    }
    expect(sim().store.meetings.size).toBe(before);
  });

  it('refuses a zone whose offset no row of the table has at the start, saying so', async () => {
    const refusal = expectError(
      await gql(await tokenFor('alice'), CREATE, {
        input: { subject: 'Tokyo', startTime: tomorrow(), timeZone: 'Asia/Tokyo' },
      }),
      'BAD_USER_INPUT',
      'input.timeZone',
    );
    expect(refusal.message).toContain('+09:00');
  });

  it('refuses timeZone and the deprecated timeZoneId together', async () => {
    expectError(
      await gql(await tokenFor('alice'), CREATE, {
        input: { subject: 'Both', startTime: tomorrow(), timeZone: 'Europe/Berlin', timeZoneId: '27' },
      }),
      'BAD_USER_INPUT',
      'input.timeZone',
    );
  });

  it('reads an upstream ID outside the table as a null timeZone with its raw ID, without failing the answer', async () => {
    const alice = await tokenFor('alice');
    // The deprecated numeric input still goes upstream as given: 70 is a valid ID the table does not name.
    const created = data(
      await gql(alice, CREATE, {
        input: { subject: 'Unnamed zone', startTime: tomorrow(), timeZoneId: '70' },
      }),
    ).createMeeting;
    expect(upstreamZone(created.id)).toBe('70');
    const answer = await gql(alice, READ, { id: created.id });
    expect(data(answer).meeting).toEqual({
      id: created.id,
      subject: 'Unnamed zone',
      timeZone: null,
      timeZoneId: '70',
    });
  });
});
