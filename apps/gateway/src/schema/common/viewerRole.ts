import type { ConferenceInfo } from '@hwmeeting/client';
import type { GatewayContext } from '../../context.js';
import { wireEnum } from './enums.js';

/** `MeetingRole`: the viewer's role as the upstream names it (`role` of details, `conferenceRole` of passwords). */
export const meetingRole = wireEnum({ HOST: 'chair', GUEST: 'general', AUDIENCE: 'audience' });

/** A meeting role of the viewer. */
export type ViewerRole = (typeof meetingRole.values)[keyof typeof meetingRole.values];

/** `value`, or what `use` makes of it: at once when it is at hand, after it resolves when it is a promise. */
export function andThen<T, U>(value: T | Promise<T>, use: (value: T) => U | Promise<U>): U | Promise<U> {
  return value instanceof Promise ? value.then(use) : use(value);
}

/**
 * What `use` makes of the upstream user ID of the viewer's identity: at once when the request has resolved it
 * already (a list resolves it once for its page, see {@link knowViewer}), so that a page's items need no
 * promise each; else after resolving it.
 */
export function withUpstreamUser<T>(
  context: GatewayContext,
  use: (me: string | undefined) => T,
): T | Promise<T> {
  const known = context.knownUpstreamUserId?.();
  return known ? use(known.id) : context.upstreamUserId().then(use);
}

/**
 * Resolves the viewer's upstream user ID alongside a list's upstream call (the token is the call's own, so
 * this is a cache hit): its items' viewer fields then read it without a promise each. A failure is not this
 * list's: the fields that need the ID ask again, get the same failure and report it as before.
 */
export function knowViewer(context: GatewayContext): Promise<void> {
  return context.upstreamUserId().then(
    () => undefined,
    () => undefined,
  );
}

/** Whether `me` scheduled the meeting; undefined when the record names no owner. */
export function ownedBy(info: ConferenceInfo, me: string | undefined): boolean | undefined {
  if (!info.userUUID) return undefined;
  return me !== undefined && info.userUUID === me;
}

/**
 * The viewer's role as the record itself tells it: its `role` (details carry it), else the passwords it gives
 * the viewer (published-behaviour.md §2: the scheduler gets both, a host the host password, a guest the guest
 * password); undefined when it tells nothing (then ownership decides).
 */
export function statedRole(info: ConferenceInfo): ViewerRole | null | undefined {
  if (info.role !== undefined) return meetingRole.read(info.role);
  const entries = info.passwordEntry;
  if (!entries || entries.length === 0) return undefined;
  const given = (role: string) => entries.some((entry) => entry.conferenceRole === role);
  if (given('chair')) return meetingRole.of('HOST');
  if (given('general')) return meetingRole.of('GUEST');
  if (given('audience')) return meetingRole.of('AUDIENCE');
  return undefined;
}

/**
 * The record the viewer fields read: `info` itself when it tells what `tells` asks, else the meeting's details
 * as the viewer's identity reads them (one cached call per meeting and request). Every field of a list record is
 * optional (published-behaviour.md §2): one without passwords or owner would otherwise answer null in a list
 * where the details (which carry `role`) answer HOST. A details record (it has `role`) is read as it is. When
 * the details cannot be read either (gone meanwhile, refused), the list record alone decides, as before.
 */
function recordTelling(
  info: ConferenceInfo,
  context: GatewayContext,
  tells: (info: ConferenceInfo) => boolean,
): ConferenceInfo | Promise<ConferenceInfo> {
  if (info.role !== undefined || tells(info)) return info;
  return context.loaders.meeting.load(info.conferenceID).then(
    (details) => details,
    (error: unknown) => {
      context.logger.debug(
        { meetingId: info.conferenceID, code: (error as { code?: unknown }).code },
        'viewer fields: details unreadable, the list record decides',
      );
      return info;
    },
  );
}

const tellsRole = (info: ConferenceInfo) => statedRole(info) !== undefined;
const tellsOwner = (info: ConferenceInfo) => Boolean(info.userUUID);

/** The viewer's role from one record: what it tells, else ownership (the scheduler hosts). */
function roleIn(
  info: ConferenceInfo,
  context: GatewayContext,
): ViewerRole | null | Promise<ViewerRole | null> {
  const stated = statedRole(info);
  if (stated !== undefined) return stated;
  if (!info.userUUID) return null;
  return withUpstreamUser(context, (me) => (ownedBy(info, me) ? meetingRole.of('HOST') : null));
}

/**
 * The viewer's role in a meeting, read the same way from a list record and from details: what the record
 * tells ({@link statedRole}), else ownership (the scheduler hosts); a list record that tells neither is
 * completed from the details ({@link recordTelling}).
 */
export function viewerRoleOf(
  info: ConferenceInfo,
  context: GatewayContext,
): ViewerRole | null | Promise<ViewerRole | null> {
  const stated = statedRole(info);
  if (stated !== undefined) return stated;
  return andThen(
    andThen(recordTelling(info, context, tellsOwner), (record) =>
      andThen(roleIn(record, context), (role) => ({ record, role })),
    ),
    ({ record, role }) =>
      role !== null || record.role !== undefined
        ? role
        : andThen(recordTelling(record, context, tellsRole), (full) => roleIn(full, context)),
  );
}

/** Whether the viewer's upstream identity scheduled the meeting; undefined when no record names the owner. */
export function viewerIsOwner(
  info: ConferenceInfo,
  context: GatewayContext,
): boolean | undefined | Promise<boolean | undefined> {
  return andThen(recordTelling(info, context, tellsOwner), (record) =>
    record.userUUID ? withUpstreamUser(context, (me) => ownedBy(record, me)) : undefined,
  );
}

/** True when the viewer owns or hosts the meeting (at once when the record tells and the viewer is known). */
export function hostsOrOwns(info: ConferenceInfo, context: GatewayContext): boolean | Promise<boolean> {
  if (statedRole(info) === meetingRole.of('HOST')) return true;
  return andThen(viewerRoleOf(info, context), (role) =>
    role === meetingRole.of('HOST') ? true : andThen(viewerIsOwner(info, context), (owner) => owner === true),
  );
}

/** True when the viewer owns or hosts the meeting: only then are passwords and host links shown. */
export async function mayHost(info: ConferenceInfo, context: GatewayContext): Promise<boolean> {
  return hostsOrOwns(info, context);
}
