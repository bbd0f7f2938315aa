// A page's meetings read the viewer's part in each without a promise or a token-cache trip per meeting: once the
// request knows the viewer's upstream user ID (a list resolves it with its page), the viewer fields answer at
// once; before that, they ask for it (and answer the same).
import type { ConferenceInfo } from '@hwmeeting/client';
import type { GraphQLEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { GatewayContext } from '../../context.js';
import { buildSchema } from '../index.js';
import { meetingResolvers } from './meeting.js';

const { Meeting } = meetingResolvers(undefined);

const owned: ConferenceInfo = {
  conferenceID: '900001',
  userUUID: 'me',
  chairJoinUri: 'https://join/host',
  passwordEntry: [],
} as unknown as ConferenceInfo;
const invited: ConferenceInfo = {
  conferenceID: '900002',
  userUUID: 'someone-else',
  chairJoinUri: 'https://join/host',
  passwordEntry: [{ conferenceRole: 'general', password: '111111' }],
} as unknown as ConferenceInfo;

// viewerRole answers MeetingRole's internal value (the upstream's role name); front ends read the GraphQL name.
const roles = buildSchema({ appId: undefined }).getType('MeetingRole') as GraphQLEnumType;
const roleAsServed = (role: unknown) =>
  role instanceof Promise ? role.then((r) => roles.serialize(r)) : roles.serialize(role);

/** The viewer fields of a meeting as `context` resolves them. */
function viewerFields(info: ConferenceInfo, context: GatewayContext) {
  const m = { info };
  return [
    roleAsServed(Meeting.viewerRole(m, undefined, context)),
    Meeting.viewerIsOwner(m, undefined, context),
    Meeting.passwords(m, undefined, context),
    Meeting.hostJoinUrl(m, undefined, context),
  ];
}

describe('the viewer fields of a meeting', () => {
  it('answer at once, with no token-cache trip, when the request knows the viewer', () => {
    const context = {
      knownUpstreamUserId: () => ({ id: 'me' }),
      upstreamUserId: () => {
        throw new Error('asked for the viewer again');
      },
    } as unknown as GatewayContext;
    expect(viewerFields(owned, context)).toEqual([
      'HOST',
      true,
      { host: null, guest: null },
      'https://join/host',
    ]);
    expect(viewerFields(invited, context)).toEqual(['GUEST', false, null, null]);
  });

  it('ask for the viewer, and answer the same, when the request does not know it yet', async () => {
    let asked = 0;
    const context = {
      knownUpstreamUserId: () => undefined,
      upstreamUserId: async () => {
        asked++;
        return 'me';
      },
    } as unknown as GatewayContext;
    const answers = viewerFields(owned, context);
    expect(answers.some((answer) => answer instanceof Promise)).toBe(true);
    expect(await Promise.all(answers)).toEqual([
      'HOST',
      true,
      { host: null, guest: null },
      'https://join/host',
    ]);
    expect(asked).toBeGreaterThan(0);
  });
});
