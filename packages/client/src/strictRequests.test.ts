import { describe, expect, it } from 'vitest';
import { ClientErrorCode } from './index.js';
import { controlTokenAnswer } from './testing/fakeUpstream.js';
import { failure, useUpstream } from './testing/upstreamClients.js';
import { allowWaitingParticipantBodySchema } from './wire/control.js';
import { batchShowUserDetails } from './wire/users.js';

// What the client sends follows published-behaviour.md (sections 2 and 3) strictly: a refused input names its
// field and is never sent.

const { upstream, client } = useUpstream();
const CONTROL_TOKEN = 'GET /v1/mmc/control/conferences/token';
const INVITE = 'POST /v1/mmc/control/conferences/participants';
const LOOKUP = 'POST /v1/usg/abs/users/list';
const MEETINGS = 'GET /v1/mmc/management/conferences';
const HOST = { hostPassword: '112233' };

describe('strict requests', () => {
  it('refuses an invitee without name, phone or type, naming the field, and sends nothing', async () => {
    const c = client();
    upstream().on(CONTROL_TOKEN, () => ({ status: 200, body: controlTokenAnswer() }));
    upstream().on(INVITE, () => ({ status: 200 }));
    const cases = [
      [{ phone: '+99111000000002', type: 'normal' }, 'body.attendees.0.name'],
      [{ name: 'Bob', type: 'normal' }, 'body.attendees.0.phone'],
      [{ name: 'Bob', phone: '+99111000000002' }, 'body.attendees.0.type'],
    ] as const;
    for (const [attendee, field] of cases) {
      // biome-ignore lint/suspicious/noExplicitAny: the point is an input the types forbid
      const error = await failure(c.control.invite('900100', [attendee as any], HOST));
      expect(error.code).toBe(ClientErrorCode.INVALID_INPUT);
      expect(error.field).toBe(field);
    }
    expect(upstream().received(INVITE)).toHaveLength(0);
    await c.control.invite('900100', [{ name: 'Bob', phone: '+99111000000002', type: 'normal' }], HOST);
    expect(JSON.parse(upstream().received(INVITE)[0]?.body ?? '{}')).toEqual({
      attendees: [{ name: 'Bob', phone: '+99111000000002', type: 'normal' }],
    });
  });

  it('admits from the waiting room with participantID or allowAll, each optional as published', () => {
    expect(allowWaitingParticipantBodySchema.parse({ participantID: 'p-1' })).toEqual({
      participantID: 'p-1',
    });
    expect(allowWaitingParticipantBodySchema.parse({ allowAll: true })).toEqual({ allowAll: true });
    expect(allowWaitingParticipantBodySchema.safeParse({ allowAll: 'yes' }).success).toBe(false);
  });

  it('looks up at most 200 users at once, always saying how the ids are read', async () => {
    const c = client();
    upstream().on(LOOKUP, () => ({ status: 200, body: [] }));
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `u-${i}`);
    const tooMany = await failure(c.users.lookup(ids(201)));
    expect(tooMany.code).toBe(ClientErrorCode.INVALID_INPUT);
    expect(tooMany.field).toBe('body');
    const noIdType = await failure(
      // biome-ignore lint/suspicious/noExplicitAny: the point is an input the types forbid
      c.core.call(batchShowUserDetails, { query: {} as any, body: [{ id: 'u-1' }] }),
    );
    expect(noIdType.field).toBe('query.idType');
    expect(upstream().received(LOOKUP)).toHaveLength(0);
    await c.users.lookup(ids(200), { by: 'thirdAccount' });
    const [sent] = upstream().received(LOOKUP);
    expect(sent?.query.get('idType')).toBe('THIRD_ACCOUNT');
    expect(JSON.parse(sent?.body ?? '[]')).toHaveLength(200);
  });

  it('clamps a page size above 500 to 500, as the server would, instead of refusing it', async () => {
    const c = client();
    await c.meetings.list({ limit: 1000 });
    await c.meetings.list({ limit: 500 });
    await c.meetings.list({ limit: 20 });
    expect(
      upstream()
        .received(MEETINGS)
        .map((r) => r.query.get('limit')),
    ).toEqual(['500', '500', '20']);
    const zero = await failure(c.meetings.list({ limit: 0 }));
    expect(zero.field).toBe('query.limit');
  });
});
