import { describe, expect, it } from 'vitest';
import { ClientErrorCode, type DroppedValueEvent } from './index.js';
import { failure, useUpstream } from './testing/upstreamClients.js';

// What a caller sees when the meeting server answers records the published schema only partly describes
// (published-behaviour.md section 2): odd records leave a page, odd fields leave a record, unknown values stay.

const { upstream, client } = useUpstream();
const MEETINGS = 'GET /v1/mmc/management/conferences';
const DETAIL = 'GET /v1/mmc/management/conferences/confDetail';
const USERS = 'GET /v1/usg/dcs/corp/member';
const DEPTS_BY_NAME = 'GET /v1/usg/dcs/member/dept';

/** A meeting record as the real service may send it: the identifying `conferenceID` and little else. */
const meeting = (conferenceID: string, extra: Record<string, unknown> = {}) => ({ conferenceID, ...extra });

describe('tolerant answers', () => {
  it('keeps the good records of a page, counts the odd ones and reports each through onDropped', async () => {
    const dropped: DroppedValueEvent[] = [];
    const c = client({ onDropped: (event) => dropped.push(event) });
    upstream().on(MEETINGS, () => ({
      status: 200,
      body: {
        offset: 0,
        limit: 20,
        count: 5,
        data: [
          meeting('900001', { subject: 'Kept', conferenceState: 'Schedule' }),
          { subject: 'No id', chairJoinUri: 'https://secret.example/join?pwd=123456' },
          'not a record',
          meeting('900004'),
          meeting('900005', { conferenceState: 'Created', mediaTypes: 'Voice,Data' }),
        ],
      },
    }));
    const page = await c.meetings.list({}, { requestId: 'req-odd' });
    expect(page.data.map((m) => m.conferenceID)).toEqual(['900001', '900004', '900005']);
    expect(page).toMatchObject({ offset: 0, limit: 20, count: 5, skipped: 2 });
    expect(page.data[1]).toEqual({ conferenceID: '900004' });
    expect(dropped).toEqual([
      {
        operation: 'searchMeetings',
        requestId: 'req-odd',
        dropped: 'record',
        record: 'ConferenceInfo',
        index: 1,
        field: 'conferenceID',
        reason: expect.any(String),
      },
      {
        operation: 'searchMeetings',
        requestId: 'req-odd',
        dropped: 'record',
        record: 'ConferenceInfo',
        index: 2,
        field: '',
        reason: expect.any(String),
      },
    ]);
    // The event names what was wrong, never what the record held.
    expect(JSON.stringify(dropped)).not.toContain('123456');
  });

  it('hands unknown enum values to the caller as they came, and keeps fields it does not know', async () => {
    const c = client();
    upstream().on(MEETINGS, () => ({
      status: 200,
      body: {
        offset: 0,
        limit: 20,
        count: 1,
        data: [
          meeting('900010', {
            conferenceState: 'Archived',
            confType: 'WEBINAR_SERIES',
            role: 'interpreter',
            passwordEntry: [{ conferenceRole: 'audience', password: '654321' }],
            brandNewField: { nested: true },
          }),
        ],
      },
    }));
    const [only] = (await c.meetings.list({})).data;
    expect(only).toMatchObject({
      conferenceState: 'Archived',
      confType: 'WEBINAR_SERIES',
      role: 'interpreter',
      passwordEntry: [{ conferenceRole: 'audience', password: '654321' }],
      brandNewField: { nested: true },
    });
  });

  it('reads a meeting whose every optional field is missing, and drops (and reports) a field it cannot read', async () => {
    const dropped: DroppedValueEvent[] = [];
    const c = client({ onDropped: (event) => dropped.push(event) });
    upstream().on(DETAIL, () => ({
      status: 200,
      body: {
        conferenceData: meeting('900020', { size: 'three', subject: 'Odd size' }),
        data: { offset: 0, limit: 20, count: 1, data: [{ participantID: '+991100' }] },
      },
    }));
    const detail = await c.meetings.get({ conferenceID: '900020' });
    expect(detail.conferenceData.conferenceID).toBe('900020');
    expect(detail.conferenceData.subject).toBe('Odd size');
    expect(detail.conferenceData.size).toBeUndefined();
    expect(detail.data?.data.map((p) => p.participantID)).toEqual(['+991100']);
    expect(dropped).toEqual([
      expect.objectContaining({ dropped: 'field', record: 'ConferenceInfo', field: 'size' }),
    ]);
  });

  it('refuses an answer whose single record lacks its identifying field, naming it', async () => {
    const c = client();
    upstream().on(DETAIL, () => ({ status: 200, body: { conferenceData: { subject: 'who am I' } } }));
    const error = await failure(c.meetings.get({ conferenceID: '900030' }));
    expect(error.code).toBe(ClientErrorCode.INVALID_RESPONSE);
    expect(error.field).toBe('response.conferenceData.conferenceID');
  });

  it('keeps the good users and departments of an answer', async () => {
    const c = client();
    upstream().on(USERS, () => ({
      status: 200,
      body: {
        offset: 0,
        limit: 20,
        count: 3,
        data: [
          { id: 'u-1', userAccount: 'alice@corp' },
          { userAccount: 'no-id@corp', name: 'No id' },
          { id: 'u-3', userAccount: 'carol@corp', status: 7, adminType: 9 },
        ],
      },
    }));
    const users = await c.users.list();
    expect(users.data.map((u) => u.userAccount)).toEqual(['alice@corp', 'carol@corp']);
    expect(users.skipped).toBe(1);
    expect(users.data[1]).toMatchObject({ status: 7, adminType: 9 });

    upstream().on(DEPTS_BY_NAME, () => ({
      status: 200,
      body: [{ deptCode: 'eng' }, { deptName: 'No code' }, null, { deptCode: 'ops', deptName: 'Ops' }],
    }));
    const departments = await c.departments.searchByName('e');
    expect(departments.map((d) => d.deptCode)).toEqual(['eng', 'ops']);
  });
});
