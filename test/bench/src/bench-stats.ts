/** The bench's arithmetic and its text tables: percentiles, summaries, and tables as the terminal prints them. */

/** The p-th percentile (0-100) by linear interpolation between closest ranks; NaN for no values. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

export interface Summary {
  n: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(values: number[]): Summary {
  return {
    n: values.length,
    min: Math.min(...values),
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    max: Math.max(...values),
    mean: values.reduce((a, b) => a + b, 0) / values.length,
  };
}

/** Milliseconds as seconds with two decimals (the tables' unit for durations over a second). */
export const seconds = (ms: number) => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : '-');
/** Milliseconds with one decimal. */
export const millis = (ms: number) => (Number.isFinite(ms) ? ms.toFixed(1) : '-');
export const mib = (bytes: number) => (Number.isFinite(bytes) ? (bytes / 2 ** 20).toFixed(0) : '-');

/** One table of the report: printed on the terminal and as Markdown in docs/benchmarks.md. */
export interface Table {
  title: string;
  headers: string[];
  rows: (string | number)[][];
  /** What was run when it differs from the issue's numbers, or how to read the table. */
  note?: string;
}

export function textTable(table: Table): string {
  const cells = [table.headers, ...table.rows.map((row) => row.map(String))];
  const widths = table.headers.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const body = [line(cells[0]!), rule, ...cells.slice(1).map(line)].join('\n');
  return `${table.title}\n${body}${table.note ? `\n${table.note}` : ''}\n`;
}

export function markdownTable(table: Table): string {
  const escape = (cell: string | number) => String(cell).replace(/\|/g, '\\|');
  const rows = [
    `| ${table.headers.map(escape).join(' | ')} |`,
    `| ${table.headers.map(() => '---').join(' | ')} |`,
    ...table.rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ];
  return `#### ${table.title}\n\n${rows.join('\n')}\n${table.note ? `\n${table.note}\n` : ''}`;
}
