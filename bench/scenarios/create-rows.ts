/** The result rows of the create → views.open scenario. */
import { type CpuTally, perRequest } from '../cpu-meter.js';
import { checkedRow, type TargetRow } from '../outcome.js';
import { type LatencySummary, ratio } from '../stats.js';
import { TARGETS } from '../targets.js';

export type CloudPhase = 'normal' | 'slow';

/** The ratio each percentile must stay within, against bare Bolt (closed and open loop alike). */
export const RATIO_LIMIT = { p50: TARGETS.p50Ratio, p99: TARGETS.p99Ratio } as const;

/** One concurrency level of one cloud phase, both apps. */
export interface LevelResult {
  readonly phase: CloudPhase;
  readonly users: number;
  readonly bot: LatencySummary;
  readonly bare: LatencySummary;
  readonly botMissed: string[];
  readonly bareMissed: string[];
  readonly botAckErrors: number;
  readonly bareAckErrors: number;
}

/** p50 and p99 of one level against bare Bolt. */
export function latencyRows(level: LevelResult, slowCloudMs: number): TargetRow[] {
  const users = `${level.users} user${level.users === 1 ? '' : 's'}`;
  const where = level.phase === 'slow' ? `${users}, cloud +${slowCloudMs / 1000} s` : users;
  return (['p50', 'p99'] as const).map((stat) =>
    checkedRow({
      measure: `${stat} @ ${where}`,
      unit: 'ms',
      bot: level.bot[stat],
      bare: level.bare[stat],
      ratio: ratio(level.bot[stat], level.bare[stat]),
      check: { kind: 'ratioAtMost', limit: RATIO_LIMIT[stat] },
      summary: { line: `create.${stat}.${level.phase}`, level: String(level.users) },
    }),
  );
}

/** The bot with a slow cloud against itself with a normal one (the "unchanged" part). */
export function unchangedRows(levels: readonly LevelResult[]): TargetRow[] {
  return levels
    .filter((l) => l.phase === 'slow')
    .flatMap((slow) => {
      const normal = levels.find((l) => l.phase === 'normal' && l.users === slow.users);
      if (!normal) return [];
      return (['p50', 'p99'] as const).map((stat) => ({
        measure: `${stat} @ ${slow.users} user${slow.users === 1 ? '' : 's'}: slow cloud vs normal cloud (bot)`,
        unit: 'ms',
        bot: slow.bot[stat],
        bare: null,
        ratio: ratio(slow.bot[stat], normal.bot[stat]),
        target: 'informational (pass/fail: the rows against bare)',
        verdict: 'info' as const,
        note: `normal cloud: ${normal.bot[stat]} ms`,
      }));
    });
}

/** CPU per command of each app (a target) and of the benchmark side (context), per cloud phase. */
export function cpuRows(
  bot: Record<CloudPhase, CpuTally>,
  bare: Record<CloudPhase, CpuTally>,
  cloudMs: Record<CloudPhase, number>,
): TargetRow[] {
  return (['normal', 'slow'] as const)
    .filter((phase) => bot[phase].requests > 0)
    .flatMap((phase) => {
      const b = perRequest(bot[phase]);
      const base = perRequest(bare[phase]);
      const where = `cloud ${cloudMs[phase] >= 1000 ? `${cloudMs[phase] / 1000} s` : `${cloudMs[phase]} ms`}`;
      return [
        checkedRow({
          measure: `app CPU per \`/vpcep create\`, ${where} (the form fill after views.open included)`,
          unit: 'ms',
          bot: b.app,
          bare: base.app,
          ratio: ratio(b.app, base.app),
          check: { kind: 'ratioAtMost', limit: TARGETS.cpuRatio },
          summary: { line: 'create.cpu', level: where },
        }),
        {
          measure: `benchmark-side CPU per command, ${where} (load + fake Slack)`,
          unit: 'ms',
          bot: b.bench,
          bare: base.bench,
          ratio: ratio(b.bench, base.bench),
          target: 'informational',
          verdict: 'info' as const,
        },
      ];
    });
}
