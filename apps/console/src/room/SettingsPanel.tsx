import { useMutation } from '@apollo/client/react';
import { UpdateMeetingSettingsDocument } from '../operations/controls';
import { meetingSettings, settingInput, settingValue } from './meetingSettings';
import type { RoomState } from './roomState';
import { SettingRow } from './SettingRow';
import { useControl } from './useControl';

/** The meeting's in-meeting settings, readable by everyone and changed by its hosts through updateMeetingSettings. */
export function SettingsPanel({
  meetingId,
  room,
  controls,
}: {
  meetingId: string;
  room: RoomState;
  controls: boolean;
}) {
  const [update] = useMutation(UpdateMeetingSettingsDocument);
  const { run, busy, error } = useControl();
  return (
    <section className="settings" data-testid="settings">
      <h3>Settings</h3>
      <dl>
        {meetingSettings.map((setting) => (
          <SettingRow
            key={setting.field}
            setting={setting}
            value={settingValue(room.status, setting)}
            busy={busy}
            onChange={
              controls
                ? (value) =>
                    run(() => update({ variables: { meetingId, input: settingInput(setting, value) } }))
                : undefined
            }
          />
        ))}
      </dl>
      {error && <span className="error">{error}</span>}
    </section>
  );
}
