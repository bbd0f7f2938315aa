import { wireEnum } from './enums.js';

/**
 * The enums of in-meeting settings (A.4.11): control/ sets them (updateMeetingSettings), live/ reads them back
 * from the pushed status (LiveMeetingStatus), so both take them from here.
 */
export const meetingSettingsTypeDefs = /* GraphQL */ `
  "Who of a webinar's audience may join."
  enum AudienceJoinRestriction {
    "Everyone with the link."
    EVERYONE
    "Users of the enterprise and invited users."
    ENTERPRISE_AND_INVITED
  }

  "What participants may chat."
  enum ChatPermission {
    "No chat."
    DISABLED
    "Private messages only."
    PRIVATE_ONLY
    "Public messages only."
    PUBLIC_ONLY
    "Private and public messages."
    FREE
  }

  "Who may record locally (on their own device); the published meanings are terse, see each value."
  enum LocalRecordingMode {
    "Mode 0, a meeting's default: the later published reading is 'only the host may record locally'."
    ALL_USERS
    "Published as 'everyone may record' (mode 1)."
    EVERYONE
    "Published as 'some may record' (mode 2): those the host allows."
    SELECTED_USERS
  }
`;

/** `AudienceJoinRestriction`: the upstream `audienceCallInRestriction`. */
export const audienceJoinRestriction = wireEnum({ EVERYONE: 0, ENTERPRISE_AND_INVITED: 2 });
/** `ChatPermission`: the upstream `chatPermission`. */
export const chatPermission = wireEnum({ DISABLED: 1, PRIVATE_ONLY: 2, PUBLIC_ONLY: 3, FREE: 4 });
// UNVERIFIED: the published meanings of clientRecMode are terse (published-behaviour.md §3 reads 0 as host only).
/** `LocalRecordingMode`: the upstream `clientRecMode`. */
export const localRecordingMode = wireEnum({ ALL_USERS: 0, EVERYONE: 1, SELECTED_USERS: 2 });

/** The enum maps of the in-meeting settings. */
export const meetingSettingsResolvers = {
  AudienceJoinRestriction: audienceJoinRestriction.values,
  ChatPermission: chatPermission.values,
  LocalRecordingMode: localRecordingMode.values,
};
