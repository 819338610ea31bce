/** What every scenario hands back to the runner: rows for the results table, and its raw numbers. */
import type { FakeSlack } from '#src/playground/slack/index.js';
import type { BenchConfig, ScenarioName } from './config.js';

export type Verdict = 'pass' | 'fail' | 'skipped' | 'info';

/**
 * How a row's verdict follows from its numbers: the ratio bot / bare, or the bot's own value, against
 * `limit`. Kept with the row so the median of several runs can be judged again.
 */
export interface Check {
  readonly kind: 'ratioAtMost' | 'ratioAtLeast' | 'valueAtMost' | 'valueAtLeast' | 'equals';
  readonly limit: number;
}

/** The lines of the summary table at the top of RESULTS.md (see `summary.ts`). */
export type SummaryLine =
  | 'create.p50.normal'
  | 'create.p99.normal'
  | 'create.p50.slow'
  | 'create.p99.slow'
  | 'create.cpu'
  | 'clicks.rate'
  | 'approvals.p99'
  | 'clicks.rss'
  | 'startup.healthz'
  | 'startup.ready'
  | 'open.p50'
  | 'open.p99';

/** One line of a results table. */
export interface TargetRow {
  readonly measure: string;
  readonly unit: string;
  /** The bot's value; null when not measured. */
  readonly bot: number | null;
  /** Bare Bolt's value, where there is a baseline. */
  readonly bare: number | null;
  /** bot / bare where that is the comparison. */
  readonly ratio: number | null;
  /** The target, in words (`≤ 1.25× bare`, `≤ 300 ms`). */
  readonly target: string;
  readonly verdict: Verdict;
  readonly note?: string;
  /** Present on every row with a target: how `verdict` was reached. */
  readonly check?: Check;
  /** Why the row fails whatever its numbers (e.g. clicks that were not acknowledged). */
  readonly spoiled?: string;
  /** Where the summary table shows this row: its line, and its place there (`10` users, `20/s`). */
  readonly summary?: { readonly line: SummaryLine; readonly level: string };
}

export interface ScenarioOutcome {
  readonly name: ScenarioName;
  /** The issue 13 target this scenario checks, verbatim. */
  readonly title: string;
  readonly rows: TargetRow[];
  /** Why the whole scenario did not run (e.g. the feature is missing); never replaced by numbers. */
  readonly skipped?: string;
  /** How it was measured, for RESULTS.md. */
  readonly method: string;
  readonly raw: Record<string, unknown>;
}

/** What the runner gives every scenario. */
export interface ScenarioContext {
  readonly config: BenchConfig;
  readonly fake: FakeSlack;
  /** The private redis-server every app of this run uses (each with its own key prefix). */
  readonly redisUrl: string;
  progress(message: string): void;
}

/** A skipped scenario: one row saying why, no numbers. */
export function skippedOutcome(
  name: ScenarioName,
  title: string,
  method: string,
  why: string,
  raw: Record<string, unknown> = {},
): ScenarioOutcome {
  return {
    name,
    title,
    method,
    skipped: why,
    raw,
    rows: [
      {
        measure: 'all',
        unit: '',
        bot: null,
        bare: null,
        ratio: null,
        target: '—',
        verdict: 'skipped',
        note: why,
      },
    ],
  };
}

/** pass/fail of `check` for these numbers (a missing or NaN number fails). */
export function judge(check: Check, bot: number | null, ratio: number | null): 'pass' | 'fail' {
  const value = check.kind.startsWith('ratio') ? ratio : bot;
  if (value === null || !Number.isFinite(value)) return 'fail';
  const ok = {
    ratioAtMost: value <= check.limit,
    ratioAtLeast: value >= check.limit,
    valueAtMost: value <= check.limit,
    valueAtLeast: value >= check.limit,
    equals: value === check.limit,
  }[check.kind];
  return ok ? 'pass' : 'fail';
}

/** The target in words: `≤ 1.25× bare`, `≥ 0.9× bare`, `≤ 300 ms`, `0`. */
export function targetText(check: Check, unit: string): string {
  const value = `${check.limit}${unit && unit !== 'count' && unit !== 'calls' ? ` ${unit}` : ''}`;
  switch (check.kind) {
    case 'ratioAtMost':
      return `≤ ${check.limit}× bare`;
    case 'ratioAtLeast':
      return `≥ ${check.limit}× bare`;
    case 'valueAtMost':
      return `≤ ${value}`;
    case 'valueAtLeast':
      return `≥ ${value}`;
    case 'equals':
      return value;
  }
}

/** A row with a target: its verdict from `check` (a `spoiled` row fails), its target text unless given. */
export function checkedRow(
  row: Omit<TargetRow, 'verdict' | 'target' | 'check'> & { readonly check: Check; readonly target?: string },
): TargetRow {
  const verdict = row.spoiled ? 'fail' : judge(row.check, row.bot, row.ratio);
  return { ...row, target: row.target ?? targetText(row.check, row.unit), verdict };
}
