/**
 * Who may see and change a meeting. Enterprise administrators act on every meeting of the enterprise; a normal
 * user manages only the meetings they scheduled and views those plus the ones they are invited to.
 *
 * Refusals (our reading of the published codes): changing someone else's meeting answers 400 `MMC.111070005`
 * (the server scopes management calls to the caller's meetings, so it "does not exist" for them); viewing the
 * details of a meeting one neither owns nor is invited to answers 400 `MMC.111070010` (no permission to view).
 */
import { SimErrorCode, SimHttpError } from '../http/errors.js';
import type { MeetingRecord } from './meetings.js';
import { scheduleOf } from './schedule.js';
import type { UserRecord } from './store.js';

/** Whether the user is an enterprise administrator (default admin 0 or admin 1). */
export function isEnterpriseAdmin(user: UserRecord): boolean {
  return user.adminType === 0 || user.adminType === 1;
}

/** Whether the user scheduled the meeting or administers the enterprise. */
export function canManage(user: UserRecord, meeting: MeetingRecord): boolean {
  return meeting.ownerId === user.id || isEnterpriseAdmin(user);
}

/** The user's invitation to the meeting, if any (matched by user UUID or account). */
export function invitationOf(user: UserRecord, meeting: MeetingRecord) {
  return scheduleOf(meeting).attendees?.find(
    (a) =>
      a.userUUID === user.id ||
      (a.accountId !== undefined && (a.accountId === user.thirdAccount || a.accountId === user.userAccount)),
  );
}

/** The meeting if the user may change it, else the published "meeting does not exist" answer. */
export function requireManageable(user: UserRecord, meeting: MeetingRecord): MeetingRecord {
  if (!canManage(user, meeting)) {
    throw new SimHttpError(400, SimErrorCode.MMC_MEETING_NOT_FOUND, 'meeting does not exist');
  }
  return meeting;
}

/** The meeting if the user may view it (manager or invitee), else "no permission to view the meeting". */
export function requireViewable(user: UserRecord, meeting: MeetingRecord): MeetingRecord {
  if (!canManage(user, meeting) && !invitationOf(user, meeting)) {
    throw new SimHttpError(400, SimErrorCode.MMC_NO_VIEW_PERMISSION, 'no permission to view the meeting');
  }
  return meeting;
}

/** The user's role in the meeting: managers and invited hosts are `chair`, everyone else `general`. */
export function roleOf(user: UserRecord, meeting: MeetingRecord): 'chair' | 'general' {
  return canManage(user, meeting) || invitationOf(user, meeting)?.role === 1 ? 'chair' : 'general';
}

/**
 * Which passwords the user gets in `passwordEntry` (published-behaviour.md §2): the scheduler both, a host the
 * host (`chair`) password, a guest the guest (`general`) one. UNVERIFIED (published-behaviour.md §2): an
 * administrator, who may edit and cancel any meeting of the enterprise, gets both as the scheduler does.
 */
export function passwordRolesOf(user: UserRecord, meeting: MeetingRecord): ('chair' | 'general')[] {
  if (canManage(user, meeting)) return ['chair', 'general'];
  return roleOf(user, meeting) === 'chair' ? ['chair'] : ['general'];
}

/**
 * Whether a list shows the meeting as the user's own: they scheduled it or are invited to it ("Common users can
 * query only meetings created by themselves or meetings which they are invited to", published-behaviour.md §1).
 */
export function isOwnOrInvited(user: UserRecord, meeting: MeetingRecord): boolean {
  return meeting.ownerId === user.id || invitationOf(user, meeting) !== undefined;
}
