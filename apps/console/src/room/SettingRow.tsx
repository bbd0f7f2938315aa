import { type MeetingSetting, settingLabel } from './meetingSettings';

/**
 * One in-meeting setting as the feed last sent it; for hosts a choice that asks for a change (the choice follows
 * the feed, not the answer). A value the meeting server does not send reads "unknown".
 */
export function SettingRow({
  setting,
  value,
  onChange,
  busy,
}: {
  setting: MeetingSetting;
  value: string | null;
  onChange: ((value: string) => void) | undefined;
  busy: boolean;
}) {
  const label = settingLabel(setting, value);
  return (
    <div className="setting-row" data-setting={setting.field} data-value={value ?? 'unknown'}>
      <dt>{setting.label}</dt>
      <dd>
        {onChange ? (
          <select
            aria-label={setting.label}
            value={value ?? ''}
            disabled={busy}
            onChange={(e) => onChange(e.target.value)}
          >
            {value === null && (
              <option value="" disabled>
                unknown
              </option>
            )}
            {setting.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        ) : (
          <span className={value === null ? 'setting-unknown' : undefined}>{label}</span>
        )}
      </dd>
    </div>
  );
}
