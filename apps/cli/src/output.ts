/** How a command prints: `table` for people (kubectl-like columns), `json` for scripts (the API's own shapes). */
export type OutputFormat = 'table' | 'json';

export interface Output {
  format: OutputFormat;
  /** stdout: the command's result. */
  out(text: string): void;
  /** stderr: progress and messages, which never mix with a result a script parses. */
  err(text: string): void;
}

/** Columns aligned with two spaces between them, headers in capitals, as `kubectl get` prints. */
export function table(headers: string[], rows: (string | number | null | undefined)[][]): string {
  const cells = [
    headers.map((h) => h.toUpperCase()),
    ...rows.map((row) => row.map((c) => (c ?? '-').toString())),
  ];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  return cells
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Prints `value` as JSON, or as the table `render` makes of it. */
export function print<T>(output: Output, value: T, render: (value: T) => string): void {
  output.out(output.format === 'json' ? JSON.stringify(value, null, 2) : render(value));
}

/** "3m ago", "2h ago", "5d ago": how long ago an ISO time was. */
export function age(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '-';
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)}h`;
  return `${Math.round(seconds / 86_400)}d`;
}
