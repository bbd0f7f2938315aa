/** One flag of the meeting's status, shown when it is on. */
export function StatusFlag({
  on,
  name,
  label,
}: {
  on: boolean | null | undefined;
  name: string;
  label: string;
}) {
  if (!on) return null;
  return (
    <span className={`flag flag-${name}`} data-flag={name}>
      {label}
    </span>
  );
}
