// The suite's report: one row per check, as a plain-text table a customer can paste into a message.

/** How a check came out: as published, different, or not tried (with why). */
export type Outcome = 'PASS' | 'FAIL' | 'SKIP';

/** One row of the report. */
export interface CheckRow {
  /** What is checked, with the operation (e.g. "M4 lists it for the invitee"). */
  check: string;
  /** What was sent: method, path and what matters of the request (never a key or token). */
  sent: string;
  /** What came back (status, codes, the fields that matter), or why it was skipped. */
  received: string;
  outcome: Outcome;
}

const HEADERS = ['#', 'check', 'sent', 'received', 'result'] as const;

/** Widest a column of text gets; longer cells wrap onto more lines. */
const MAX_WIDTH = { check: 44, sent: 66, received: 60 } as const;

/** Splits a cell into lines of at most `width` characters, at spaces where it can. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let rest = text.replace(/\s+/g, ' ').trim();
  while (rest.length > width) {
    const cut = rest.lastIndexOf(' ', width);
    const at = cut > width / 2 ? cut : width;
    lines.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  lines.push(rest);
  return lines;
}

/** The report as text: the table, then a summary line. */
export function renderTable(rows: readonly CheckRow[]): string {
  const cells = rows.map((row, index) => [
    [String(index + 1)],
    wrap(row.check, MAX_WIDTH.check),
    wrap(row.sent, MAX_WIDTH.sent),
    wrap(row.received, MAX_WIDTH.received),
    [row.outcome],
  ]);
  const widths = HEADERS.map((header, column) =>
    Math.max(header.length, ...cells.flatMap((row) => (row[column] ?? []).map((line) => line.length))),
  );
  const line = (parts: readonly string[]) =>
    `| ${parts.map((part, column) => part.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const out = [line(HEADERS), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`];
  for (const row of cells) {
    const height = Math.max(...row.map((cell) => cell.length));
    for (let i = 0; i < height; i++) out.push(line(row.map((cell) => cell[i] ?? '')));
  }
  const count = (outcome: Outcome) => rows.filter((row) => row.outcome === outcome).length;
  out.push('', `${count('PASS')} passed, ${count('FAIL')} failed, ${count('SKIP')} skipped`);
  return out.join('\n');
}
