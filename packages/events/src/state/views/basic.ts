import type { ConfBasicInfoNotify } from '../../frames/confBasicInfo.js';
import { type EnvelopeKey, frozenCopy, type OmitKnown } from './frozen.js';

/** Basic meeting info (B.5.1) with its wire names; the plain-text passwords (`pwds`) are left out on purpose. */
export type MeetingBasicView = Readonly<OmitKnown<ConfBasicInfoNotify, EnvelopeKey | 'pwds'>>;

/** The basic-info fields of a frame without the envelope and the passwords: what increments shallow-merge. */
export type BasicInfo = OmitKnown<ConfBasicInfoNotify, EnvelopeKey | 'pwds'>;

/** Basic info as a view: a frozen copy. */
export function meetingBasicView(info: BasicInfo): MeetingBasicView {
  return frozenCopy(info);
}
