import { describe, expect, it } from 'vitest';
import { meetingSettings, settingInput, settingLabel, settingValue } from './meetingSettings';
import type { RoomStatus } from './roomState';

const setting = (field: string) => {
  const found = meetingSettings.find((s) => s.field === field);
  if (!found) throw new Error(`no setting ${field}`);
  return found;
};

const status: RoomStatus = {
  state: 'IN_PROGRESS',
  locked: false,
  muteAll: false,
  recording: false,
  subtitles: false,
  canUnmute: true,
  whoCanJoin: 'EVERYONE',
  chat: 'PRIVATE_ONLY',
  allowCamera: false,
  allowRename: null,
  lockSharing: null,
  localRecording: null,
  anyoneMayTakeOverSharing: null,
};

describe('meeting settings', () => {
  it('reads a field the meeting server did not send as unknown, and false as off', () => {
    expect(settingLabel(setting('allowRename'), settingValue(status, setting('allowRename')))).toBe(
      'unknown',
    );
    expect(settingLabel(setting('allowCamera'), settingValue(status, setting('allowCamera')))).toBe('off');
    expect(settingLabel(setting('canUnmute'), settingValue(status, setting('canUnmute')))).toBe('on');
    expect(settingLabel(setting('chat'), settingValue(status, setting('chat')))).toBe('private only');
    expect(settingValue(null, setting('chat'))).toBeNull();
  });

  it('builds the input that changes one setting (canUnmute is set as allowSelfUnmute)', () => {
    expect(settingInput(setting('canUnmute'), 'false')).toEqual({ allowSelfUnmute: false });
    expect(settingInput(setting('allowCamera'), 'true')).toEqual({ allowCamera: true });
    expect(settingInput(setting('chat'), 'DISABLED')).toEqual({ chat: 'DISABLED' });
  });

  it('refuses a value that is not one of the setting’s choices', () => {
    expect(() => settingInput(setting('chat'), 'SOMETIMES')).toThrow(/Chat: no such choice SOMETIMES/);
  });
});
