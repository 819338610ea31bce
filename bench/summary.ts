/**
 * The summary table at the top of RESULTS.md, in issue 13's shape: one line per measure, the levels
 * of a line (users, rates) side by side as `4.0 / 31 / 176 ms`. Its rows are the scenarios' own rows
 * that name a summary line; the result of a line is PASS only when every level on it passes.
 */
import { num, VERDICT } from './markdown.js';
import type { ScenarioOutcome, SummaryLine, TargetRow } from './outcome.js';

interface LineSpec {
  readonly line: SummaryLine;
  /** The measure, given its levels (`1 / 10 / 50`). */
  readonly label: (levels: string) => string;
}

const CREATE = '`views.open` after `/vpcep create`';

/** The lines, in the issue's order; the slow cloud is FULL's and QUICK's 1.5 s. */
const LINES: readonly LineSpec[] = [
  { line: 'create.p50.normal', label: (l) => `${CREATE}, p50, ${l} users` },
  { line: 'create.p99.normal', label: (l) => `${CREATE}, p99, ${l} users` },
  { line: 'create.p50.slow', label: (l) => `${CREATE}, p50, ${l} users, cloud +1.5 s` },
  { line: 'create.p99.slow', label: (l) => `${CREATE}, p99, ${l} users, cloud +1.5 s` },
  { line: 'create.cpu', label: (l) => `app CPU per \`/vpcep create\`, form fill included (${l})` },
  { line: 'clicks.rate', label: (l) => `clicks acknowledged per second, ${l} concurrent` },
  {
    line: 'approvals.p99',
    label: (l) => `approval click → cloud action → every copy updated, p99 at ${l} concurrent`,
  },
  { line: 'clicks.rss', label: (l) => `idle RSS (${l}), after the creates and the clicks` },
  { line: 'startup.healthz', label: (l) => `start → \`/healthz\` (${l} mode)` },
  { line: 'startup.ready', label: (l) => `start → ready (\`/readyz\`, ${l} mode)` },
  { line: 'open.p50', label: (l) => `open loop, ${CREATE}, p50 at ${l}` },
  { line: 'open.p99', label: (l) => `open loop, ${CREATE}, p99 at ${l}` },
];

export const SUMMARY_HEADER = ['measure', 'vpcep-bot', 'bare Bolt', 'ratio', 'target', 'result'];

function joined(rows: readonly TargetRow[], value: (row: TargetRow) => number | null, unit: string): string {
  const values = rows.map(value);
  if (values.every((v) => v === null)) return '—';
  return `${values.map((v) => num(v, unit)).join(' / ')}${unit ? ` ${unit}` : ''}`;
}

function result(rows: readonly TargetRow[]): string {
  const verdicts = new Set(rows.map((r) => r.verdict));
  if (verdicts.has('fail')) return VERDICT.fail;
  if (verdicts.has('skipped')) return VERDICT.skipped;
  if (verdicts.has('pass')) return VERDICT.pass;
  return VERDICT.info;
}

function cells(spec: LineSpec, rows: readonly TargetRow[]): string[] {
  if (rows.length === 0) return [spec.label('…'), '—', '—', '—', '—', 'not run'];
  const unit = rows[0]?.unit ?? '';
  return [
    spec.label(rows.map((r) => r.summary?.level ?? '').join(' / ')),
    joined(rows, (r) => r.bot, unit),
    joined(rows, (r) => r.bare, unit),
    rows.every((r) => r.ratio === null) ? '—' : rows.map((r) => `${num(r.ratio)}×`).join(' / '),
    [...new Set(rows.map((r) => r.target))].join(', '),
    result(rows),
  ];
}

/** The summary lines' cells, from every row of the run that names a line. */
export function summaryCells(scenarios: readonly ScenarioOutcome[]): string[][] {
  const rows = scenarios.flatMap((s) => s.rows);
  return LINES.map((spec) =>
    cells(
      spec,
      rows.filter((r) => r.summary?.line === spec.line),
    ),
  );
}
