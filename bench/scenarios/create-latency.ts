/**
 * `views.open` after `/vpcep create`: p50 ≤ 1.25× and p99 ≤ 1.5× bare Bolt at 1, 10 and 50 concurrent
 * users, also when the cloud takes 1.5 s per call; app CPU per command ≤ 1.5×; no trigger ever missed.
 */

import type { ChildApp } from '../child-app.js';
import { type CpuTally, metered, newTally, perRequest } from '../cpu-meter.js';
import { benchUser, closedLoop } from '../load.js';
import {
  checkedRow,
  type ScenarioContext,
  type ScenarioOutcome,
  skippedOutcome,
  type TargetRow,
} from '../outcome.js';
import { type CreateSample, driverFor, settle, timedCreate } from '../slack-side.js';
import { summarize } from '../stats.js';
import { TITLES } from '../targets.js';
import { errorRow, roundOrder, startPair } from './apps.js';
import { cpuRows, type LevelResult, latencyRows, unchangedRows } from './create-rows.js';

const TITLE = TITLES.create;
const method = (cloudMs: number) =>
  `N virtual users (distinct user IDs) each send signed \`/vpcep create\` commands in a closed loop. Latency runs from just before the signed request leaves to the fake Slack recording \`views.open\` with that trigger_id. A trigger is missed when no \`views.open\` for it arrives, when the fake refuses it, or when it arrives more than 3 s after the trigger was issued. Per level: a warm-up for each app, then alternating bare/bot rounds. The cloud answers every call ${cloudMs} ms late; the slow-cloud phase makes that 1.5 s (a sandbox fault on every path). App CPU per command is the app process's CPU time (\`/proc/<pid>/stat\`) over the measured rounds, settling included, so the bot's work after \`views.open\` that fills the form counts; bare Bolt only opens a one-block modal.`;
const CHANNEL = 'CBENCHCREATE';
type Runner = (users: number, count: number) => Promise<CreateSample[]>;

interface Side {
  readonly run: Runner;
  readonly app: ChildApp;
  /** CPU of this app and of the benchmark, per phase. */
  readonly cpu: Record<'normal' | 'slow', CpuTally>;
}

function samplesOf(results: readonly CreateSample[]) {
  return {
    ms: results.flatMap((r) => (r.ms !== undefined && r.missed === undefined ? [r.ms] : [])),
    missed: results.flatMap((r) => (r.missed ? [r.missed] : [])),
    ackErrors: results.filter((r) => r.ackStatus !== 200).length,
  };
}

async function measureLevel(
  ctx: ScenarioContext,
  phase: 'normal' | 'slow',
  users: number,
  apps: { bot: Side; bare: Side },
  quietMs: number,
): Promise<LevelResult> {
  const { warmup, requests, rounds } = ctx.config.create;
  await apps.bare.run(users, warmup);
  await apps.bot.run(users, warmup);
  await settle(ctx.fake, quietMs);
  const collected = { bot: [] as CreateSample[], bare: [] as CreateSample[] };
  for (let round = 0; round < rounds; round++) {
    const perRound = Math.ceil(requests / rounds);
    for (const which of roundOrder(round, 'bare' as const, 'bot' as const)) {
      const side = apps[which];
      const results = await metered(side.app, side.cpu[phase], perRound, async () => {
        const done = await side.run(users, perRound);
        await settle(ctx.fake, quietMs);
        return done;
      });
      collected[which].push(...results);
    }
  }
  const bot = samplesOf(collected.bot);
  const bare = samplesOf(collected.bare);
  return {
    phase,
    users,
    bot: summarize(bot.ms),
    bare: summarize(bare.ms),
    botMissed: bot.missed,
    bareMissed: bare.missed,
    botAckErrors: bot.ackErrors,
    bareAckErrors: bare.ackErrors,
  };
}

export async function createLatency(ctx: ScenarioContext): Promise<ScenarioOutcome> {
  const METHOD = method(ctx.config.cloudMs);
  const pair = await startPair(ctx, 'create');
  try {
    const drivers = {
      bot: driverFor(ctx.fake, pair.bot.baseUrl),
      bare: driverFor(ctx.fake, pair.bare.baseUrl),
    };
    const runner =
      (which: 'bot' | 'bare'): Runner =>
      async (users, count) =>
        (
          await closedLoop(users, count, (_, worker) =>
            timedCreate(ctx.fake, drivers[which], benchUser(worker), CHANNEL),
          )
        ).results;
    const apps = {
      bot: { run: runner('bot'), app: pair.bot, cpu: { normal: newTally(), slow: newTally() } },
      bare: { run: runner('bare'), app: pair.bare, cpu: { normal: newTally(), slow: newTally() } },
    };

    const probe = await timedCreate(ctx.fake, drivers.bot, benchUser(9999), CHANNEL);
    if (probe.missed !== undefined) {
      return skippedOutcome(
        'create',
        TITLE,
        METHOD,
        `skipped: feature missing — \`/vpcep create\` did not open a modal (${probe.missed}; ack HTTP ${probe.ackStatus})`,
      );
    }
    await settle(ctx.fake);
    ctx.fake.reset();

    const levels: LevelResult[] = [];
    for (const users of ctx.config.create.levels) {
      ctx.progress(`create → views.open, ${users} users`);
      levels.push(await measureLevel(ctx, 'normal', users, apps, ctx.config.settleMs));
    }
    await settle(ctx.fake, 1500);
    ctx.fake.reset();
    await pair.setCloudLatency(ctx.config.create.slowCloudMs);
    for (const users of ctx.config.create.slowLevels) {
      ctx.progress(`create → views.open, ${users} users, cloud +${ctx.config.create.slowCloudMs} ms`);
      levels.push(await measureLevel(ctx, 'slow', users, apps, ctx.config.create.slowCloudMs + 500));
    }
    await settle(ctx.fake, 3 * ctx.config.create.slowCloudMs, 30_000);
    await pair.setCloudLatency(ctx.config.cloudMs);
    ctx.fake.reset();

    const missed = levels.flatMap((l) => l.botMissed);
    const ackErrors = levels.reduce((sum, l) => sum + l.botAckErrors, 0);
    const rows: TargetRow[] = [
      ...levels.flatMap((level) => latencyRows(level, ctx.config.create.slowCloudMs)),
      ...unchangedRows(levels),
      ...cpuRows(apps.bot.cpu, apps.bare.cpu, {
        normal: ctx.config.cloudMs,
        slow: ctx.config.create.slowCloudMs,
      }),
      checkedRow({
        measure: 'triggers missed (all levels and phases)',
        unit: 'count',
        bot: missed.length,
        bare: levels.reduce((sum, l) => sum + l.bareMissed.length, 0),
        ratio: null,
        check: { kind: 'equals', limit: 0 },
        ...(ackErrors > 0 ? { spoiled: `${ackErrors} acks not HTTP 200` } : {}),
        ...(missed.length > 0
          ? { note: `first misses: ${[...new Set(missed)].slice(0, 3).join('; ')}` }
          : {}),
      }),
      errorRow(pair),
    ];
    const cpu = {
      bot: { normal: perRequest(apps.bot.cpu.normal), slow: perRequest(apps.bot.cpu.slow) },
      bare: { normal: perRequest(apps.bare.cpu.normal), slow: perRequest(apps.bare.cpu.slow) },
    };
    return { name: 'create', title: TITLE, method: METHOD, rows, raw: { levels, cpuMsPerCommand: cpu } };
  } finally {
    await pair.stop();
  }
}
