import type {
  ChatPermission,
  JoinRestriction,
  LocalRecordingMode,
  MeetingSettingsInput,
} from '../gql/graphql';
import type { RoomStatus } from './roomState';

/** One choice of a setting: the value as the schema spells it (booleans as 'true'/'false') and how it reads. */
export interface SettingOption {
  value: string;
  label: string;
}

/** An in-meeting setting: where the feed's status carries it, and which input of updateMeetingSettings sets it. */
export interface MeetingSetting {
  /** The field of the room's status (LiveMeetingStatus). */
  field: keyof RoomStatus;
  /** The field of MeetingSettingsInput that changes it (canUnmute is set as allowSelfUnmute). */
  input: keyof MeetingSettingsInput;
  label: string;
  kind: 'boolean' | 'choice';
  options: readonly SettingOption[];
}

const onOff: readonly SettingOption[] = [
  { value: 'true', label: 'on' },
  { value: 'false', label: 'off' },
];

const choices = <T extends string>(labels: Record<T, string>): SettingOption[] =>
  Object.entries<string>(labels).map(([value, label]) => ({ value, label }));

// Record<Enum, …> makes the compiler ask for a label when the schema gains a value.
const whoCanJoin: Record<JoinRestriction, string> = {
  EVERYONE: 'everyone',
  ENTERPRISE_USERS: 'enterprise users',
  INVITED_USERS: 'invited users',
};
const chat: Record<ChatPermission, string> = {
  FREE: 'free',
  PUBLIC_ONLY: 'public only',
  PRIVATE_ONLY: 'private only',
  DISABLED: 'disabled',
};
const localRecording: Record<LocalRecordingMode, string> = {
  ALL_USERS: 'host only (mode 0)',
  EVERYONE: 'everyone',
  SELECTED_USERS: 'selected users',
};

/** The settings the room shows, in order. */
export const meetingSettings: readonly MeetingSetting[] = [
  {
    field: 'whoCanJoin',
    input: 'whoCanJoin',
    label: 'Who can join',
    kind: 'choice',
    options: choices(whoCanJoin),
  },
  { field: 'chat', input: 'chat', label: 'Chat', kind: 'choice', options: choices(chat) },
  { field: 'allowCamera', input: 'allowCamera', label: 'Cameras allowed', kind: 'boolean', options: onOff },
  { field: 'allowRename', input: 'allowRename', label: 'Self rename', kind: 'boolean', options: onOff },
  { field: 'canUnmute', input: 'allowSelfUnmute', label: 'Self unmute', kind: 'boolean', options: onOff },
  { field: 'lockSharing', input: 'lockSharing', label: 'Sharing locked', kind: 'boolean', options: onOff },
  {
    field: 'anyoneMayTakeOverSharing',
    input: 'anyoneMayTakeOverSharing',
    label: 'Anyone may take over sharing',
    kind: 'boolean',
    options: onOff,
  },
  {
    field: 'localRecording',
    input: 'localRecording',
    label: 'Local recording',
    kind: 'choice',
    options: choices(localRecording),
  },
];

/** The setting's value in the status as an option value, or null when the meeting server has not sent it. */
export function settingValue(status: RoomStatus | null, setting: MeetingSetting): string | null {
  const value = status?.[setting.field];
  return value === null || value === undefined ? null : String(value);
}

/** How a value reads: its option's label, and "unknown" for a value not sent (not the same as off). */
export function settingLabel(setting: MeetingSetting, value: string | null): string {
  if (value === null) return 'unknown';
  return setting.options.find((o) => o.value === value)?.label ?? value;
}

/** The updateMeetingSettings input that sets one setting to an option's value. */
export function settingInput(setting: MeetingSetting, value: string): MeetingSettingsInput {
  if (!setting.options.some((o) => o.value === value))
    throw new Error(`${setting.label}: no such choice ${value}`);
  // The option values are the schema's own (checked above), so the enum cast holds.
  return { [setting.input]: setting.kind === 'boolean' ? value === 'true' : value } as MeetingSettingsInput;
}
