// The client is strict in what it sends: free text with control characters or lone surrogates is refused as
// INVALID_INPUT naming the field, before any request leaves the process.
import type { IncomingMessage } from 'node:http';
import { ClientErrorCode, DepartmentsApi, MeetingsApi, UsersApi } from '@hwmeeting/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure, useClient, useSimulator } from './support.js';

const sim = useSimulator({ seed: 'demo' });
const core = useClient(sim);

let requests: string[] = [];
const record = (request: IncomingMessage) => requests.push(`${request.method} ${request.url}`);
beforeEach(() => {
  requests = [];
  sim().server.on('request', record);
});
afterEach(() => {
  sim().server.off('request', record);
});

describe('free text the client sends', () => {
  it('refuses NUL, control characters and lone surrogates in subjects, names and remarks, sending nothing', async () => {
    // A token first, so that the refusals below are the only calls.
    await new DepartmentsApi(core()).getWithChildren('1');
    requests = [];
    const meetings = new MeetingsApi(core());
    const users = new UsersApi(core());
    const departments = new DepartmentsApi(core());
    const cases: Array<[Promise<unknown>, string]> = [
      [meetings.create({ subject: 'Plan\u0000ning', mediaTypes: 'HDVideo' }), 'body.subject'],
      [
        meetings.create({ subject: 'Planning', mediaTypes: 'HDVideo', attendees: [{ name: 'Bob\ud800' }] }),
        'body.attendees.0.name',
      ],
      [users.add({ name: 'Eve\u001b[31m', email: 'eve@demo.example' }), 'body.name'],
      [users.add({ name: 'Eve', email: 'eve@demo.example', desc: 'one\u0085two' }), 'body.desc'],
      [departments.add({ deptName: 'Ops\u007f' }), 'body.deptName'],
      [departments.add({ deptName: 'Ops', note: 'a\u0000' }), 'body.note'],
      [departments.searchByName('\udc00Eng'), 'query.deptName'],
    ];
    for (const [call, field] of cases) {
      expect(await failure(call), field).toMatchObject({ code: ClientErrorCode.INVALID_INPUT, field });
    }
    expect(requests).toEqual([]);
  });

  it('sends line breaks where the field is multi-line, and emoji anywhere', async () => {
    const departments = new DepartmentsApi(core());
    const code = await departments.add({ deptName: 'Launch 🚀', note: 'first line\nsecond line' });
    expect(await departments.getWithChildren(code)).toMatchObject({
      deptName: 'Launch 🚀',
      note: 'first line\nsecond line',
    });
    const refused = await failure(departments.add({ deptName: 'Two\nlines' }));
    expect(refused).toMatchObject({ code: ClientErrorCode.INVALID_INPUT, field: 'body.deptName' });
  });
});
