/** Tables for RESULTS.md and the console: numbers rounded for reading, columns padded as Biome formats. */
import type { TargetRow, Verdict } from './outcome.js';

/** A number for a table: 0 decimals from 100 (and for counts), 1 from 10, else 2; `—` for none. */
export function num(value: number | null, unit = ''): string {
  if (value === null) return '—';
  if (!Number.isFinite(value)) return 'n/a';
  const digits =
    Math.abs(value) >= 100 || unit === 'count' || unit === 'calls' ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toFixed(digits);
}

export const VERDICT: Record<Verdict, string> = {
  pass: 'PASS',
  fail: 'FAIL',
  skipped: 'SKIPPED',
  info: 'info',
};

/** The cells of one detailed row. */
export function rowCells(row: TargetRow): string[] {
  const unit = row.unit ? ` ${row.unit}` : '';
  return [
    row.measure,
    row.bot === null ? '—' : `${num(row.bot, row.unit)}${unit}`,
    row.bare === null ? '—' : `${num(row.bare, row.unit)}${unit}`,
    row.ratio === null ? '—' : `${num(row.ratio)}×`,
    row.target,
    VERDICT[row.verdict],
    [row.spoiled, row.note].filter(Boolean).join('; '),
  ];
}

export const ROW_HEADER = ['measure', 'bot', 'bare Bolt', 'ratio', 'target', 'result', 'note'];

const width = (text: string) => [...text].length;

/** Columns padded to one width, as Biome formats markdown tables (RESULTS.md is linted with the repo). */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const body = [header, ...rows].map((line) => line.map((cell) => cell.replaceAll('|', '\\|')));
  const widths = header.map((_, i) => Math.max(3, ...body.map((line) => width(line[i] ?? ''))));
  const pad = (cell: string, i: number) => cell + ' '.repeat((widths[i] ?? 0) - width(cell));
  const [head = [], ...rest] = body;
  const lines = [head.map(pad), widths.map((w) => '-'.repeat(w)), ...rest.map((line) => line.map(pad))];
  return lines.map((line) => `| ${line.join(' | ')} |`).join('\n');
}

/** Columns padded with spaces, for the terminal. */
export function consoleTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const table = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...table.map((line) => width(line[i] ?? ''))));
  return table.map((line) =>
    line
      .map((cell, i) => cell + ' '.repeat(Math.max(0, (widths[i] ?? 0) - width(cell))))
      .join('  ')
      .trimEnd(),
  );
}
