/**
 * Several runs of the same scenarios as one: per row the median of the runs' values (bot, bare, and
 * the ratio as the median of the per-run ratios), judged again against the row's check; the per-run
 * values go into the note, and each run's rows and raw numbers into the raw record.
 */
import { checkedRow, type ScenarioOutcome, type TargetRow } from './outcome.js';
import { median, round } from './stats.js';

/** The median of the numbers present; null when none is (NaN when only NaN is). */
function medianOf(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return null;
  const finite = present.filter(Number.isFinite);
  return finite.length === 0 ? Number.NaN : round(median(finite));
}

function perRunNote(rows: readonly TargetRow[], runs: number): string {
  const list = (values: (number | null)[]) =>
    values.map((v) => (v === null ? '—' : String(round(v)))).join(' / ');
  const parts = [`per run: ${list(rows.map((r) => r.bot))}${rows[0]?.unit ? ` ${rows[0].unit}` : ''}`];
  if (rows.some((r) => r.ratio !== null)) parts.push(`ratios ${list(rows.map((r) => r.ratio))}×`);
  if (rows.length < runs) parts.push(`in ${rows.length} of ${runs} runs`);
  // A note every run agrees on stays; notes that differ per run are in the JSON.
  const notes = new Set(rows.map((r) => r.note));
  const [note] = notes;
  return notes.size === 1 && note ? `${parts.join(', ')}; ${note}` : parts.join(', ');
}

function mergeRow(rows: readonly [TargetRow, ...TargetRow[]], runs: number): TargetRow {
  const [first] = rows;
  const spoiled = [...new Set(rows.flatMap((r) => (r.spoiled ? [r.spoiled] : [])))].join('; ');
  const merged = {
    ...first,
    bot: medianOf(rows.map((r) => r.bot)),
    bare: medianOf(rows.map((r) => r.bare)),
    ratio: medianOf(rows.map((r) => r.ratio)),
    note: perRunNote(rows, runs),
    ...(spoiled ? { spoiled } : {}),
  };
  if (first.check) return checkedRow({ ...merged, check: first.check, target: first.target });
  if (first.verdict === 'info') return merged;
  // A pass/fail row without a check (a count judged by its own rule): it passes only if every run did.
  return { ...merged, verdict: rows.every((r) => r.verdict === 'pass') ? 'pass' : 'fail' };
}

function mergeScenario(
  outcomes: readonly [ScenarioOutcome, ...ScenarioOutcome[]],
  runs: number,
): ScenarioOutcome {
  const measured = outcomes.filter((o) => !o.skipped);
  const [first, ...rest] = measured;
  if (!first) return outcomes[0];
  const measures = [...new Set(measured.flatMap((o) => o.rows.map((r) => r.measure)))];
  const rows = measures.map((measure) => {
    const [head, ...tail] = measured.flatMap((o) => o.rows.filter((r) => r.measure === measure));
    return head ? mergeRow([head, ...tail], runs) : undefined;
  });
  return {
    ...first,
    rows: rows.filter((r): r is TargetRow => r !== undefined),
    raw: { runs: [first, ...rest].map((o) => ({ rows: o.rows, raw: o.raw })) },
  };
}

/**
 * The outcomes of every pass, merged by scenario name in the order first seen; `runs` is how many
 * times the timing scenarios ran (a scenario that ran once, like the poller, is kept as it is).
 */
export function medianOfRuns(
  passes: readonly (readonly ScenarioOutcome[])[],
  runs: number,
): ScenarioOutcome[] {
  const byName = new Map<string, ScenarioOutcome[]>();
  for (const outcome of passes.flat())
    byName.set(outcome.name, [...(byName.get(outcome.name) ?? []), outcome]);
  return [...byName.values()].flatMap(([head, ...tail]) => {
    if (!head) return [];
    return [tail.length > 0 ? mergeScenario([head, ...tail], runs) : head];
  });
}
