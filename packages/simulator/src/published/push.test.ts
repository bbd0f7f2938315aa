// published-behaviour.md §5 "Push", through the published push socket.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../server.js';
import { controlCall, createRunningMeeting, join, subscribedClient } from '../testing/pushClient.js';

let sim: Simulator;

beforeEach(async () => {
  sim = await startSimulator({ seed: 'demo', answerDelayMs: 5 });
});
afterEach(async () => {
  await sim.close();
});

describe('ConfBasicInfoNotify.displayID', () => {
  async function displayIDOf(extra: Record<string, unknown>): Promise<{ displayID: unknown; id: string }> {
    const meeting = await createRunningMeeting(sim, extra);
    const { client } = await subscribedClient(sim, meeting, ['ConfBasicInfoNotify']);
    try {
      const basic = await client.takeAction('ConfBasicInfoNotify', 0);
      return { displayID: basic.displayID, id: meeting.conferenceID };
    } finally {
      client.close();
    }
  }

  it('is the fixed ID for a meeting held on a fixed ID', async () => {
    const owner = sim.store.defaultAdmin();
    const fixed = await displayIDOf({ vmrFlag: 1 });
    expect(fixed.displayID).toBe(owner.vmrId);
    expect(fixed.displayID).not.toBe(fixed.id);
  });

  it('is the meeting ID otherwise', async () => {
    const plain = await displayIDOf({});
    expect(plain.displayID).toBe(plain.id);
    const randomId = await displayIDOf({ vmrFlag: 1, confConfigInfo: { vmrIDType: 1 } });
    expect(randomId.displayID).toBe(randomId.id);
  });
});

describe('InviteResultNotify', () => {
  it('carries errorCode and resultCode, as a msgMode 0 frame with a timestamp version', async () => {
    const meeting = await createRunningMeeting(sim);
    const { client, access } = await subscribedClient(sim, meeting, ['InviteResultNotify']);
    try {
      await join(sim, meeting.conferenceID, { name: 'Host', role: 1 });
      const before = sim.clock.now();
      const invited = await controlCall(
        sim,
        'POST',
        '/participants',
        access.token,
        { conferenceID: meeting.conferenceID },
        { attendees: [{ name: 'Erin', phone: '+8613900000005', type: 'mobile' }] },
      );
      expect(invited.status).toBe(200);
      const frame = await client.takeAction('InviteResultNotify');
      expect(frame.msgMode).toBe(0);
      expect(frame.version).toBe(frame.createTime);
      expect(frame.version).toBeGreaterThanOrEqual(before);
      expect(frame.data).toEqual([{ callNumber: '+8613900000005', errorCode: '0', resultCode: '0' }]);
    } finally {
      client.close();
    }
  });
});

describe('ParticipantsNotify identity keys', () => {
  it("an invitee named by third-party ID is pushed with the user's account, user UUID and third-party ID", async () => {
    const meeting = await createRunningMeeting(sim);
    const { client, access } = await subscribedClient(sim, meeting, ['ParticipantsNotify']);
    try {
      await join(sim, meeting.conferenceID, { name: 'Host', role: 1 });
      const dave = sim.store.userByThirdAccount('dave');
      if (!dave) throw new Error('the demo seed has dave');
      const invited = await controlCall(
        sim,
        'POST',
        '/participants',
        access.token,
        { conferenceID: meeting.conferenceID },
        { attendees: [{ name: 'Dave', accountId: 'dave', phone: dave.sipNum, type: 'normal' }] },
      );
      expect(invited.status).toBe(200);
      for (;;) {
        const frame = await client.takeAction('ParticipantsNotify');
        const called = frame.data.find((p: { pinfoMap: { NAME?: string } }) => p.pinfoMap.NAME === 'Dave');
        if (!called) continue;
        expect(called.pinfoMap).toMatchObject({
          ACCOUNT: dave.userAccount,
          ACCOUNT_ID: dave.id,
          THIRDACCOUNT: 'dave',
        });
        break;
      }
    } finally {
      client.close();
    }
  });
});
