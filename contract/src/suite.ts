// The contract suite: the published behaviours (published-behaviour.md) a customer can safely try against a
// meeting server, each a row of the report. It creates one scheduled meeting (no notifications sent) and, when
// the enterprise has none, one webhook configuration that it never enables; it removes both again.
import { randomBytes } from 'node:crypto';
import {
  type CachedToken,
  type ConferenceInfo,
  MeetingApiError,
  type MeetingClient,
  type RestScheduleConf,
  type UserDetail,
} from '@hwmeeting/client';
import {
  authOperations,
  departmentOperations,
  meetingOperations,
  type Operation,
  userOperations,
  webhookOperations,
} from '@hwmeeting/client/wire';
import type { ContractOptions } from './options.js';
import type { CheckRow } from './table.js';
import { describeRefusal, isRefusal, type RawAnswer, rawCall } from './wire.js';

/** The root department's code (rest-api.md 4.12). */
const ROOT_DEPARTMENT = '1';
/** A meeting ID nobody has: the suite reads it to see an error body. */
const UNKNOWN_MEETING_ID = '100000001';
/** How far ahead the test meeting is scheduled: far enough that nobody joins it by chance. */
const SCHEDULE_AHEAD_MS = 2 * 24 * 3_600_000;

/** What a check found: what came back, and whether it is what is published. */
interface Finding {
  received: string;
  ok: boolean;
}

/** The rows of the report, and the checks that write them. */
class Report {
  readonly rows: CheckRow[] = [];

  /** Runs one check; an error thrown is its FAIL, described without secrets. Answers whether it passed. */
  async check(check: string, sent: string, run: () => Promise<Finding>): Promise<boolean> {
    try {
      const { received, ok } = await run();
      this.rows.push({ check, sent, received, outcome: ok ? 'PASS' : 'FAIL' });
      return ok;
    } catch (error) {
      this.rows.push({ check, sent, received: describeError(error), outcome: 'FAIL' });
      return false;
    }
  }

  /** A check not tried, and why. */
  skip(check: string, sent: string, why: string): void {
    this.rows.push({ check, sent, received: why, outcome: 'SKIP' });
  }
}

/** An error as the table shows it: the status and code the server answered, never a key or token. */
export function describeError(error: unknown): string {
  // The client's message names the operation, the status, the code and the field; never a secret.
  if (error instanceof MeetingApiError) return error.message;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** A UTC meeting time (`yyyy-MM-dd HH:mm`) on a five-minute boundary. */
function meetingTime(epochMs: number): string {
  const rounded = Math.ceil(epochMs / 300_000) * 300_000;
  return new Date(rounded).toISOString().slice(0, 16).replace('T', ' ');
}

/** The password roles a record gives its viewer, sorted (published-behaviour.md §2). */
const passwordRoles = (info: ConferenceInfo | undefined) =>
  [...new Set(info?.passwordEntry?.map((entry) => entry.conferenceRole) ?? [])].sort().join(', ') || 'none';

/** Whether an answer is a page of the published shape: offset, limit, count and a data array. */
function isPage(body: unknown): body is { offset: number; limit: number; count: number; data: unknown[] } {
  if (typeof body !== 'object' || body === null) return false;
  const page = body as Record<string, unknown>;
  return (
    typeof page.offset === 'number' &&
    typeof page.limit === 'number' &&
    typeof page.count === 'number' &&
    Array.isArray(page.data)
  );
}

/** The record of a meeting in a raw page, if there. */
function recordOf(body: unknown, conferenceID: string): ConferenceInfo | undefined {
  if (!isPage(body)) return undefined;
  return body.data.find(
    (item): item is ConferenceInfo =>
      typeof item === 'object' &&
      item !== null &&
      (item as { conferenceID?: unknown }).conferenceID === conferenceID,
  );
}

/** A user's role as the token says: 0 default administrator, 1 administrator, 2 member. */
const adminTypeText = (token: CachedToken) => {
  const type = token.user?.adminType;
  return type === undefined ? 'adminType not told' : `adminType ${type}`;
};

/** Runs the suite with `client` (built on the options' endpoint and App ID) and answers its rows. */
export async function runContract(options: ContractOptions, client: MeetingClient): Promise<CheckRow[]> {
  const report = new Report();
  const { member, invitee } = options;
  const asMember = { userId: member };
  const asInvitee = { userId: invitee };
  const login = `${authOperations.createAppIdToken.method} ${authOperations.createAppIdToken.path}`;

  // ---------------------------------------------------------------------------------------------- log in
  let memberToken: CachedToken | undefined;
  let inviteeToken: CachedToken | undefined;
  let adminToken: CachedToken | undefined;
  await report.check(`log in (App ID) as the member ${member}`, `${login} userId=${member}`, async () => {
    memberToken = await client.auth.token(member);
    const type = memberToken.user?.adminType;
    const admin = type === 0 || type === 1;
    return {
      received: `access token, ${adminTypeText(memberToken)}${admin ? ': an administrator, give an ordinary member (--member)' : ''}`,
      ok: !admin,
    };
  });
  await report.check(`log in (App ID) as the invitee ${invitee}`, `${login} userId=${invitee}`, async () => {
    inviteeToken = await client.auth.token(invitee);
    return { received: `access token, ${adminTypeText(inviteeToken)}`, ok: true };
  });
  await report.check('log in (App ID) as the administrator', `${login} (no userId)`, async () => {
    adminToken = await client.auth.token(undefined);
    const type = adminToken.user?.adminType;
    return { received: `access token, ${adminTypeText(adminToken)}`, ok: type === undefined || type <= 1 };
  });

  // --------------------------------------------------------------------------- who the invitee is (U10)
  let inviteeInfo: UserDetail | undefined;
  const myInfo = `${userOperations.showMyInfo.method} ${userOperations.showMyInfo.path}`;
  if (inviteeToken) {
    await report.check('U10 my info, open to every member (invitee)', `${myInfo} as ${invitee}`, async () => {
      inviteeInfo = await client.users.me(asInvitee);
      return { received: `HTTP 200, account ${inviteeInfo.userAccount}, name ${inviteeInfo.name}`, ok: true };
    });
  } else {
    report.skip(
      'U10 my info, open to every member (invitee)',
      `${myInfo} as ${invitee}`,
      'the invitee could not log in',
    );
  }

  // ------------------------------------------------------------------------------ a scheduled meeting
  let meeting: ConferenceInfo | undefined;
  let cancelled = false;
  const subject = `hwmeeting contract ${new Date().toISOString().slice(0, 19)}Z ${randomBytes(3).toString('hex')}`;
  const startTime = meetingTime(Date.now() + SCHEDULE_AHEAD_MS);
  const create = `${meetingOperations.createMeeting.method} ${meetingOperations.createMeeting.path}`;
  try {
    if (memberToken && inviteeInfo) {
      const body: RestScheduleConf = {
        subject,
        mediaTypes: 'Voice',
        startTime,
        length: 30,
        attendees: [{ name: inviteeInfo.name, accountId: invitee, appId: options.appId, role: 0 }],
        // Nobody is notified of a test meeting.
        confConfigInfo: { isSendNotify: false, isSendSms: false, isSendCalendar: false },
      };
      await report.check(
        'M1 schedules a meeting as the member, inviting the invitee',
        `${create} startTime ${startTime} UTC, 30 min, attendee ${invitee}, notifications off`,
        async () => {
          meeting = await client.meetings.create(body, asMember);
          return {
            received: `conferenceID ${meeting.conferenceID}, conferenceState ${meeting.conferenceState}`,
            ok: meeting.conferenceState === 'Schedule',
          };
        },
      );
    } else {
      report.skip('M1 schedules a meeting as the member, inviting the invitee', create, 'a login failed');
    }
    await meetingChecks(report, client, options, meeting, { subject, startTime }, inviteeToken);
    await directoryAndPermissionChecks(report, client, options, memberToken, inviteeInfo);
    await webhookChecks(report, client, options, adminToken);
    if (meeting) {
      const { conferenceID } = meeting;
      const cancel = `${meetingOperations.cancelMeeting.method} ${meetingOperations.cancelMeeting.path}`;
      await report.check(
        'M3 cancels it as the member; M4 no longer lists it',
        `${cancel}?conferenceID=${conferenceID}`,
        async () => {
          await client.meetings.cancel({ conferenceID }, asMember);
          cancelled = true;
          const page = await client.meetings.list({ searchKey: subject, limit: 100 }, asMember);
          const listed = page.data.some((m) => m.conferenceID === conferenceID);
          return { received: `HTTP 200; ${listed ? 'still listed' : 'no longer listed'}`, ok: !listed };
        },
      );
    }
  } finally {
    // Whatever failed above, the test meeting does not stay behind.
    if (meeting && !cancelled) {
      const { conferenceID } = meeting;
      await report.check(
        'clean-up: cancel the test meeting (M3)',
        `conferenceID=${conferenceID}`,
        async () => {
          await client.meetings.cancel({ conferenceID }, asMember);
          return { received: 'HTTP 200', ok: true };
        },
      );
    }
  }
  return report.rows;
}

/** M6 read-back, M4 lists as owner and invitee, the passwords each gets. */
async function meetingChecks(
  report: Report,
  client: MeetingClient,
  options: ContractOptions,
  meeting: ConferenceInfo | undefined,
  sent: { subject: string; startTime: string },
  inviteeToken: CachedToken | undefined,
): Promise<void> {
  const detail = `${meetingOperations.showMeetingDetail.method} ${meetingOperations.showMeetingDetail.path}`;
  const list = `${meetingOperations.searchMeetings.method} ${meetingOperations.searchMeetings.path}`;
  if (!meeting) {
    for (const check of [
      'M6 reads it back as the member',
      'M4 lists it for its owner',
      'M4 lists it for the invitee (raw page)',
      'passwords by role: owner both, guest the guest one',
    ]) {
      report.skip(check, check.startsWith('M6') ? detail : list, 'no meeting was scheduled');
    }
    return;
  }
  const { conferenceID } = meeting;
  await report.check('M6 reads it back as the member', `${detail}?conferenceID=${conferenceID}`, async () => {
    const { conferenceData: read } = await client.meetings.get({ conferenceID }, undefined, {
      userId: options.member,
    });
    const same = read.subject === sent.subject && read.startTime === sent.startTime;
    return {
      received: `subject ${read.subject === sent.subject ? 'as sent' : `"${read.subject}"`}, startTime ${read.startTime}, conferenceState ${read.conferenceState}`,
      ok: same && read.conferenceState === 'Schedule',
    };
  });

  let ownerRecord: ConferenceInfo | undefined;
  await report.check(
    'M4 lists it for its owner',
    `${list}?searchKey=<subject> as ${options.member}`,
    async () => {
      const page = await client.meetings.list(
        { searchKey: sent.subject, limit: 100 },
        { userId: options.member },
      );
      ownerRecord = page.data.find((m) => m.conferenceID === conferenceID);
      return {
        received: `count ${page.count}; ${ownerRecord ? 'listed' : 'not listed'}`,
        ok: ownerRecord !== undefined,
      };
    },
  );

  // Published (published-behaviour.md §1): a member's lists hold the meetings they are invited to.
  let inviteeRecord: ConferenceInfo | undefined;
  if (inviteeToken) {
    const token = inviteeToken.accessToken;
    await report.check(
      'M4 lists it for the invitee (raw page)',
      `${list}?searchKey=<subject> as ${options.invitee}`,
      async () => {
        const answer = await rawCall(options.endpoint, meetingOperations.searchMeetings, {
          token,
          query: { searchKey: sent.subject, offset: '0', limit: '100' },
        });
        inviteeRecord = recordOf(answer.body, conferenceID);
        const shape = isPage(answer.body) ? 'page {offset, limit, count, data}' : 'not a page';
        return {
          received: `HTTP ${answer.status}, ${shape}; ${inviteeRecord ? 'listed' : 'not listed'}`,
          ok: answer.status === 200 && inviteeRecord !== undefined,
        };
      },
    );
  } else {
    report.skip('M4 lists it for the invitee (raw page)', list, 'the invitee could not log in');
  }

  // Published (published-behaviour.md §2): the scheduler gets the host and guest passwords, a guest the guest one.
  if (ownerRecord && inviteeRecord) {
    const owner = ownerRecord;
    const guest = inviteeRecord;
    await report.check(
      'passwords by role: owner both, guest the guest one',
      'passwordEntry of the two list records',
      async () => {
        const ownerRoles = passwordRoles(owner);
        const guestRoles = passwordRoles(guest);
        return {
          received: `owner: ${ownerRoles}; invitee: ${guestRoles}`,
          ok: ownerRoles === 'chair, general' && guestRoles === 'general',
        };
      },
    );
  } else {
    report.skip(
      'passwords by role: owner both, guest the guest one',
      'passwordEntry',
      'a list did not hold the meeting',
    );
  }
}

/** U8 for a member, D4 open to them, U2/U3/D5 refused, and the published error bodies. */
async function directoryAndPermissionChecks(
  report: Report,
  client: MeetingClient,
  options: ContractOptions,
  memberToken: CachedToken | undefined,
  inviteeInfo: UserDetail | undefined,
): Promise<void> {
  const directory = `${userOperations.searchCorpDir.method} ${userOperations.searchCorpDir.path}`;
  const refusals: Array<{
    check: string;
    operation: Pick<Operation, 'method' | 'path'>;
    params?: Record<string, string>;
    query?: Record<string, string>;
  }> = [
    {
      check: 'U2 query users as the member: refused (403)',
      operation: userOperations.searchUsers,
      query: { offset: '0', limit: '1' },
    },
    {
      check: 'U3 user details as the member: refused (403)',
      operation: userOperations.showUserDetail,
      params: { account: inviteeInfo?.userAccount ?? options.invitee },
    },
    {
      check: 'D5 department and children as the member: refused (403)',
      operation: departmentOperations.showDeptAndChildDept,
      params: { dept_code: ROOT_DEPARTMENT },
    },
  ];
  const d4 = `${departmentOperations.showDepartment.method} ${departmentOperations.showDepartment.path.replace('{dept_code}', ROOT_DEPARTMENT)}`;
  const m6 = `${meetingOperations.showMeetingDetail.method} ${meetingOperations.showMeetingDetail.path}?conferenceID=${UNKNOWN_MEETING_ID}`;
  const u10 = `${userOperations.showMyInfo.method} ${userOperations.showMyInfo.path}`;
  if (!memberToken) {
    report.skip('U8 reads the corporate directory as the member', directory, 'the member could not log in');
    report.skip('D4 department by code as the member: open', d4, 'the member could not log in');
    for (const refusal of refusals) {
      report.skip(
        refusal.check,
        `${refusal.operation.method} ${refusal.operation.path}`,
        'the member could not log in',
      );
    }
    report.skip('error body of an unknown meeting (M6)', m6, 'the member could not log in');
  } else {
    const token = memberToken.accessToken;
    await report.check(
      'U8 reads the corporate directory as the member',
      `${directory}?offset=0&limit=5`,
      async () => {
        const page = await client.users.searchDirectory({ offset: 0, limit: 5 }, { userId: options.member });
        return {
          received: `HTTP 200, count ${page.count}, ${page.data.length} entries`,
          ok: page.count >= 1,
        };
      },
    );
    await report.check('D4 department by code as the member: open', d4, async () => {
      const answer = await rawCall(options.endpoint, departmentOperations.showDepartment, {
        token,
        params: { dept_code: ROOT_DEPARTMENT },
      });
      const code = (answer.body as { deptCode?: unknown } | undefined)?.deptCode;
      return {
        received: `HTTP ${answer.status}, deptCode ${String(code)}`,
        ok: answer.status === 200 && code === ROOT_DEPARTMENT,
      };
    });
    // Published (published-behaviour.md §1): administrator calls; a member gets HTTP 403 and an error body.
    for (const refusal of refusals) {
      const path = refusal.operation.path.replace(
        /\{(\w+)\}/g,
        (_, name: string) => refusal.params?.[name] ?? '',
      );
      await report.check(
        refusal.check,
        `${refusal.operation.method} ${path} as ${options.member}`,
        async () => {
          const answer = await rawCall(options.endpoint, refusal.operation, {
            token,
            ...(refusal.params ? { params: refusal.params } : {}),
            ...(refusal.query ? { query: refusal.query } : {}),
          });
          return { received: describeRefusal(answer), ok: isRefusal(answer, (status) => status === 403) };
        },
      );
    }
    await report.check('error body of an unknown meeting (M6)', m6, async () => {
      const answer = await rawCall(options.endpoint, meetingOperations.showMeetingDetail, {
        token,
        query: { conferenceID: UNKNOWN_MEETING_ID },
      });
      return {
        received: describeRefusal(answer),
        ok: isRefusal(answer, (status) => status >= 400 && status < 500),
      };
    });
  }
  await report.check(
    'error body of a refused access token (U10)',
    `${u10} X-Access-Token: <not a token>`,
    async () => {
      const answer: RawAnswer = await rawCall(options.endpoint, userOperations.showMyInfo, {
        token: 'not-a-token',
      });
      return { received: describeRefusal(answer), ok: isRefusal(answer, (status) => status === 401) };
    },
  );
}

/**
 * W1-W3 (published-behaviour.md §6): configuring is not enabling. Only on an enterprise without a webhook
 * configuration: one it already has is never touched.
 */
async function webhookChecks(
  report: Report,
  client: MeetingClient,
  options: ContractOptions,
  adminToken: CachedToken | undefined,
): Promise<void> {
  const show = `${webhookOperations.showWebHookConfig.method} ${webhookOperations.showWebHookConfig.path}`;
  const set = `${webhookOperations.setWebHookConfig.method} ${webhookOperations.setWebHookConfig.path}`;
  const remove = `${webhookOperations.deleteWebHookConfig.method} ${webhookOperations.deleteWebHookConfig.path}`;
  const checks = {
    existing: 'W2 the enterprise has no webhook configuration yet',
    set: 'W1 configures a webhook, not enabling it',
    readBack: 'W2 reads it back: disabled (status 1), no key',
    remove: 'W3 deletes it; W2 finds none',
  };
  const sentOf: Record<keyof typeof checks, string> = { existing: show, set, readBack: show, remove };
  const skipFrom = (first: keyof typeof checks, why: string) => {
    const names = Object.keys(checks) as (keyof typeof checks)[];
    for (const name of names.slice(names.indexOf(first))) report.skip(checks[name], sentOf[name], why);
  };
  const corpId = options.corpId ?? adminToken?.user?.companyId;
  if (!adminToken || !corpId) {
    skipFrom(
      'existing',
      adminToken ? 'no enterprise ID (give --corp-id)' : 'the administrator could not log in',
    );
    return;
  }
  // No userId: the client acts as the enterprise administrator.
  const admin = {};
  const token = adminToken.accessToken;
  const readConfig = () =>
    rawCall(options.endpoint, webhookOperations.showWebHookConfig, { token, query: { corpId } });
  const idOf = (answer: RawAnswer) =>
    answer.status === 200 ? (answer.body as { id?: unknown } | undefined)?.id : undefined;

  let free = false;
  await report.check(checks.existing, `${show}?corpId=${corpId}`, async () => {
    const answer = await readConfig();
    const id = idOf(answer);
    free = typeof id !== 'string' || id === '';
    return {
      received: free
        ? `${describeRefusal(answer)}: none`
        : `HTTP 200, configuration ${String(id)}: left alone`,
      ok: true,
    };
  });
  if (!free) {
    skipFrom('set', 'the enterprise has a webhook configuration of its own; the suite never touches it');
    return;
  }

  const subscriber = {
    subscriberId: 'hwmeeting-contract',
    subscriberKey: randomBytes(24).toString('base64url'),
  };
  let configured = false;
  try {
    configured = await report.check(
      checks.set,
      `${set} corpId ${corpId}, subscriberId ${subscriber.subscriberId}, url ${options.webhookUrl}`,
      async () => {
        await client.webhooks.set({ corpId, ...subscriber, url: options.webhookUrl }, admin);
        return { received: 'HTTP 200', ok: true };
      },
    );
    if (!configured) {
      // A configuration may exist even though the answer was lost: the clean-up below looks.
      configured = typeof idOf(await readConfig()) === 'string';
    }
    if (configured) {
      await report.check(checks.readBack, `${show}?corpId=${corpId}`, async () => {
        const answer = await readConfig();
        const body = answer.body as { status?: unknown; url?: unknown; subscriberId?: unknown } | undefined;
        const leaksKey = JSON.stringify(answer.body ?? '').includes(subscriber.subscriberKey);
        return {
          received: `HTTP ${answer.status}, status ${String(body?.status)}, url ${body?.url === options.webhookUrl ? 'as sent' : String(body?.url)}, ${leaksKey ? 'the key answered' : 'no key'}`,
          ok:
            answer.status === 200 &&
            body?.status === 1 &&
            body?.url === options.webhookUrl &&
            body?.subscriberId === subscriber.subscriberId &&
            !leaksKey,
        };
      });
    } else {
      report.skip(checks.readBack, sentOf.readBack, 'nothing was configured');
    }
  } finally {
    if (configured) {
      await report.check(checks.remove, `${remove}?id=<its id>`, async () => {
        const id = idOf(await readConfig());
        if (typeof id !== 'string') return { received: 'no configuration to delete', ok: false };
        await client.webhooks.delete(id, admin);
        const after = await readConfig();
        return {
          received: `HTTP 200; then W2: ${describeRefusal(after)}`,
          ok: typeof idOf(after) !== 'string',
        };
      });
    } else {
      report.skip(checks.remove, sentOf.remove, 'nothing was configured');
    }
  }
}
