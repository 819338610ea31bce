/**
 * `views.open` after `/vpcep create` with commands arriving at a fixed mean rate (Poisson), whatever
 * the answers: p50 ≤ 1.25× and p99 ≤ 1.5× bare Bolt at each rate; no trigger missed.
 */
import { benchUser, openLoop, poissonSchedule, seededRandom } from '../load.js';
import {
  checkedRow,
  type ScenarioContext,
  type ScenarioOutcome,
  skippedOutcome,
  type TargetRow,
} from '../outcome.js';
import { type CreateSample, driverFor, settle, timedCreate } from '../slack-side.js';
import { percentile, ratio, round, summarize } from '../stats.js';
import { TITLES } from '../targets.js';
import { errorRow, roundOrder, startPair } from './apps.js';
import { RATIO_LIMIT } from './create-rows.js';

const TITLE = TITLES['open-loop'];
const method = (ctx: ScenarioContext) =>
  `Signed \`/vpcep create\` commands are sent at scheduled times, exponential gaps at a mean rate (a Poisson process, seeded PRNG, seed ${ctx.config.openLoop.seed}: every run and both apps in a round get the same schedule), each from one of 100 virtual users, without waiting for earlier answers. Latency runs from the command's scheduled arrival (so a generator running behind cannot hide queueing: no coordinated omission) to the fake Slack recording \`views.open\` with that trigger_id; a trigger is missed when that never comes, is refused, or comes more than 3 s after the trigger. After a warm-up at the lowest rate, each rate runs in alternating bare/bot rounds, settling between them. The cloud answers every call ${ctx.config.cloudMs} ms late. "Send lateness" is how far behind its schedule the load generator sent (it shares the bench process with the fake Slack): large values mean the arrivals were not the rate claimed.`;
const CHANNEL = 'CBENCHOPEN';
const USERS = 100;

interface RateResult {
  readonly perSecond: number;
  readonly bot: CreateSample[];
  readonly bare: CreateSample[];
  readonly lateMs: { bot: number[]; bare: number[] };
}

function rowsOf(result: RateResult): TargetRow[] {
  const ok = (samples: CreateSample[]) =>
    summarize(samples.flatMap((s) => (s.ms !== undefined && s.missed === undefined ? [s.ms] : [])));
  const bot = ok(result.bot);
  const bare = ok(result.bare);
  const at = `${result.perSecond}/s`;
  const missed = (samples: CreateSample[]) => samples.filter((s) => s.missed !== undefined).length;
  const firstMiss = result.bot.find((s) => s.missed !== undefined)?.missed;
  const late = (values: number[]) =>
    round(
      percentile(
        [...values].sort((a, b) => a - b),
        99,
      ),
      1,
    );
  return [
    ...(['p50', 'p99'] as const).map((stat) =>
      checkedRow({
        measure: `${stat} @ ${at}`,
        unit: 'ms',
        bot: bot[stat],
        bare: bare[stat],
        ratio: ratio(bot[stat], bare[stat]),
        check: { kind: 'ratioAtMost', limit: RATIO_LIMIT[stat] },
        summary: { line: `open.${stat}`, level: at },
        note: `${bot.count} commands per app`,
      }),
    ),
    checkedRow({
      measure: `triggers missed @ ${at}`,
      unit: 'count',
      bot: missed(result.bot),
      bare: missed(result.bare),
      ratio: null,
      check: { kind: 'equals', limit: 0 },
      ...(firstMiss ? { note: `first: ${firstMiss}` } : {}),
    }),
    {
      measure: `send lateness p99 @ ${at} (load generator)`,
      unit: 'ms',
      bot: late(result.lateMs.bot),
      bare: late(result.lateMs.bare),
      ratio: null,
      target: 'informational (small: the rate held)',
      verdict: 'info',
    },
  ];
}

export async function openLoopLatency(ctx: ScenarioContext): Promise<ScenarioOutcome> {
  const { rates, warmup, rounds, seed } = ctx.config.openLoop;
  const pair = await startPair(ctx, 'openloop');
  try {
    const drivers = {
      bot: driverFor(ctx.fake, pair.bot.baseUrl),
      bare: driverFor(ctx.fake, pair.bare.baseUrl),
    };
    const send = (which: 'bot' | 'bare', schedule: number[]) =>
      openLoop(schedule, async (i, late) => {
        const sample = await timedCreate(ctx.fake, drivers[which], benchUser(i % USERS), CHANNEL);
        // From the scheduled arrival, not the actual send.
        return sample.ms === undefined ? sample : { ...sample, ms: sample.ms + late };
      });
    const probe = await timedCreate(ctx.fake, drivers.bot, benchUser(9999), CHANNEL);
    if (probe.missed !== undefined)
      return skippedOutcome(
        'open-loop',
        TITLE,
        method(ctx),
        `skipped: feature missing — \`/vpcep create\` did not open a modal (${probe.missed})`,
      );
    const lowest = Math.min(...rates.map((r) => r.perSecond));
    for (const which of ['bare', 'bot'] as const)
      await send(which, poissonSchedule(lowest, warmup, seededRandom(seed)));
    await settle(ctx.fake, ctx.config.settleMs);
    ctx.fake.reset();

    const results: RateResult[] = [];
    for (const [r, { perSecond, requests }] of rates.entries()) {
      const result: RateResult = { perSecond, bot: [], bare: [], lateMs: { bot: [], bare: [] } };
      for (let round = 0; round < rounds; round++) {
        const schedule = poissonSchedule(
          perSecond,
          Math.ceil(requests / rounds),
          seededRandom(seed + 1000 * (r + 1) + round),
        );
        for (const which of roundOrder(round, 'bare' as const, 'bot' as const)) {
          ctx.progress(`open loop ${perSecond}/s, ${which}, round ${round + 1}/${rounds}`);
          const { results: samples, lateMs } = await send(which, schedule);
          result[which].push(...samples);
          result.lateMs[which].push(...lateMs);
          await settle(ctx.fake, ctx.config.settleMs);
        }
      }
      results.push(result);
      ctx.fake.reset();
    }
    return {
      name: 'open-loop',
      title: TITLE,
      method: method(ctx),
      rows: [...results.flatMap(rowsOf), errorRow(pair)],
      raw: {
        rates: results.map((r) => ({
          perSecond: r.perSecond,
          bot: summarize(r.bot.flatMap((s) => (s.ms === undefined ? [] : [s.ms]))),
          bare: summarize(r.bare.flatMap((s) => (s.ms === undefined ? [] : [s.ms]))),
        })),
      },
    };
  } finally {
    await pair.stop();
  }
}
