/** What every scenario hands back to the runner: rows for the results table, and its raw numbers. */
import type { FakeSlack } from '#src/playground/slack/index.js';
import type { BenchConfig, ScenarioName } from './config.js';

export type Verdict = 'pass' | 'fail' | 'skipped' | 'info';

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
}

export interface ScenarioOutcome {
  readonly name: ScenarioName;
  /** The DESIGN §6 target this scenario checks, verbatim. */
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

/** pass/fail for `value ≤ limit` (NaN fails). */
export function atMost(value: number | null, limit: number): Verdict {
  return value !== null && Number.isFinite(value) && value <= limit ? 'pass' : 'fail';
}

/** pass/fail for `value ≥ limit` (NaN fails). */
export function atLeast(value: number | null, limit: number): Verdict {
  return value !== null && Number.isFinite(value) && value >= limit ? 'pass' : 'fail';
}
