import type { AttendeeNotify } from '../../frames/attendees.js';
import { deepFreeze, type OmitKnown } from './frozen.js';

/** One invitee (B.5.4) with its wire names; `key` is its merge key and `orgID` is folded into `orgId`. */
export type AttendeeView = Readonly<OmitKnown<AttendeeNotify, 'mode' | 'orgID'> & { key: string }>;
/** An invitee's view under its merge key (B.5.4); `orgID` (sample spelling) is folded into `orgId`. */
export function attendeeView(key: string, attendee: Partial<AttendeeNotify>): AttendeeView {
  const { orgID, mode: _mode, ...fields } = structuredClone(attendee);
  const orgId = fields.orgId ?? orgID;
  return deepFreeze({ ...fields, ...(orgId === undefined ? {} : { orgId }), key });
}
