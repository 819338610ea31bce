/** The result rows of the clicks scenario: ack rate, notices, the cloud untouched, idle RSS. */
import { type CpuTally, perRequest } from '../cpu-meter.js';
import { checkedRow, type TargetRow } from '../outcome.js';
import type { ClickSample } from '../slack-side.js';
import { ratio, round, summarize } from '../stats.js';
import { TARGETS } from '../targets.js';

/** One app's clicks over all its measured rounds. */
export interface ClickTotals {
  wallMs: number;
  readonly samples: ClickSample[];
  /** Ephemeral notices (response_url posts Slack accepted) during its rounds. */
  notices: number;
  readonly cpu: CpuTally;
}

export type Sides<T> = { readonly bot: T; readonly bare: T };

const acked = (t: ClickTotals) => t.samples.filter((s) => s.status === 200).length;
const rate = (t: ClickTotals) => round((acked(t) / t.wallMs) * 1000, 1);

export function rateRows(totals: Sides<ClickTotals>, concurrency: number): TargetRow[] {
  const failed = totals.bot.samples.length - acked(totals.bot);
  const acks = {
    bot: summarize(totals.bot.samples.map((s) => s.ms)),
    bare: summarize(totals.bare.samples.map((s) => s.ms)),
  };
  const cpu = { bot: perRequest(totals.bot.cpu), bare: perRequest(totals.bare.cpu) };
  return [
    checkedRow({
      measure: `clicks acknowledged per second @ ${concurrency} concurrent`,
      unit: 'req/s',
      bot: rate(totals.bot),
      bare: rate(totals.bare),
      ratio: ratio(rate(totals.bot), rate(totals.bare)),
      check: { kind: 'ratioAtLeast', limit: TARGETS.clickRateRatio },
      summary: { line: 'clicks.rate', level: String(concurrency) },
      note: `${totals.bot.samples.length} clicks per app`,
      ...(failed > 0 ? { spoiled: `${failed} clicks not acknowledged` } : {}),
    }),
    ...(['p50', 'p99'] as const).map((stat) => ({
      measure: `ack latency ${stat}`,
      unit: 'ms',
      bot: acks.bot[stat],
      bare: acks.bare[stat],
      ratio: ratio(acks.bot[stat], acks.bare[stat]),
      target: 'informational',
      verdict: 'info' as const,
    })),
    ...(['app', 'bench'] as const).map((side) => ({
      measure:
        side === 'app'
          ? 'app CPU per click (incl. the notice after the ack)'
          : 'benchmark-side CPU per click',
      unit: 'ms',
      bot: cpu.bot[side],
      bare: cpu.bare[side],
      ratio: ratio(cpu.bot[side], cpu.bare[side]),
      target: 'informational',
      verdict: 'info' as const,
    })),
  ];
}

/** Every click told the clicker privately, once; the cloud saw no decision. */
export function effectRows(
  totals: Sides<ClickTotals>,
  cloud: { actions: number; calls: number },
): TargetRow[] {
  const perClick = (t: ClickTotals) => round(t.notices / (t.samples.length || Number.NaN), 3);
  return [
    checkedRow({
      measure: 'ephemeral notices (response_url) per click',
      unit: '',
      bot: perClick(totals.bot),
      bare: perClick(totals.bare),
      ratio: null,
      check: { kind: 'equals', limit: 1 },
      note: `bot ${totals.bot.notices}, bare ${totals.bare.notices} notices`,
    }),
    checkedRow({
      measure: 'cloud connection actions (accept/reject) during the clicks',
      unit: 'calls',
      bot: cloud.actions,
      bare: null,
      ratio: null,
      check: { kind: 'equals', limit: 0 },
      note: `cloud calls of any kind during the clicks: ${cloud.calls}`,
    }),
  ];
}

/** RSS of each app's process tree, MB, after the idle time, and again later. */
export interface IdleRss {
  readonly bot: number;
  readonly bare: number;
  /** Processes in each tree. */
  readonly processes: Sides<number>;
  readonly later: Sides<number>;
  readonly creates: number;
  readonly clicks: number;
  readonly idleMs: number;
  readonly laterIdleMs: number;
  readonly mode: string;
}

export function rssRows(rss: IdleRss): TargetRow[] {
  const after = `after ${rss.creates} creates and ${rss.clicks} clicks`;
  return [
    checkedRow({
      measure: `idle RSS of the process tree (${rss.mode}) ${after}, ${rss.idleMs / 1000} s idle`,
      unit: 'MB',
      bot: round(rss.bot, 1),
      bare: round(rss.bare, 1),
      ratio: ratio(rss.bot, rss.bare),
      check: { kind: 'valueAtMost', limit: TARGETS.idleRssMb },
      summary: { line: 'clicks.rss', level: rss.mode },
      note: `processes in the tree: bot ${rss.processes.bot}, bare ${rss.processes.bare}`,
    }),
    {
      measure: `idle RSS of the process tree, the same, ${rss.laterIdleMs / 1000} s idle`,
      unit: 'MB',
      bot: round(rss.later.bot, 1),
      bare: round(rss.later.bare, 1),
      ratio: ratio(rss.later.bot, rss.later.bare),
      target: "informational (after V8's idle memory reducer)",
      verdict: 'info',
    },
  ];
}

/** Triggers missed by the creates before the clicks (none may be, whatever the load). */
export function createsRow(missed: Sides<number>, creates: number): TargetRow {
  return checkedRow({
    measure: `triggers missed in the ${creates} creates before the clicks`,
    unit: 'count',
    bot: missed.bot,
    bare: missed.bare,
    ratio: null,
    check: { kind: 'equals', limit: 0 },
  });
}
