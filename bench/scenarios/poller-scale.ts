/**
 * The poller at scale: thousands of approval-enabled services, the poller running on its own job
 * runner as in production (`APPROVAL_POLL_SECONDS`, `APPROVAL_POLL_RATE`), and new pending connections
 * landing on random services at random times. Measured: the cloud calls per minute and in the busiest
 * second (the pacing: never a burst), and the time from a connection's creation in the cloud to its
 * request being posted in Slack (p50, p99).
 */
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Bot, createBot } from '#src/app.js';
import { approvalsFeature } from '#src/features/approvals/index.js';
import { loadConfig, SANDBOX_PROJECTS } from '#src/platform/config/load-config.js';
import { createJobRunner } from '#src/redis/job-runner.js';
import { createLeaderLock } from '#src/redis/leader-lock.js';
import type { PollerScaleParams } from '../config.js';
import type { ScenarioContext, TargetRow } from '../outcome.js';
import { BENCH_BOT_TOKEN, BENCH_SIGNING_SECRET } from '../processes.js';
import { percentile, round } from '../stats.js';
import { freshPrefix } from './apps.js';

export const SCALE_METHOD =
  'At scale, for each rate: a fresh bot (in this process, fresh Redis prefix) gets S approval-enabled sandbox services in one project, each with an owner record naming its own channel (so Slack pacing per channel plays no part), and its approval poller runs on its own job runner exactly as in production, with APPROVAL_POLL_SECONDS and APPROVAL_POLL_RATE as shown. While it runs, C new pending connections are created in the cloud on services picked at random, at random times spread over one detection window (max(APPROVAL_POLL_SECONDS, S / rate)); each is timed from its creation to the fake Slack recording the request post that names it. The run ends when every connection is posted. Cloud calls are counted from the sandbox request log over the whole run: per minute, and in the busiest one-second window.';

export interface ScaleResult {
  readonly services: number;
  readonly rate: number;
  readonly pollSeconds: number;
  readonly windowS: number;
  readonly connections: number;
  readonly posted: number;
  readonly durationS: number;
  readonly calls: number;
  readonly callsPerMinute: number;
  readonly busiestSecond: number;
  readonly latenciesMs: readonly number[];
}

const PROJECT = SANDBOX_PROJECTS[0]?.projectId ?? '';

function rateOf(params: PollerScaleParams, rate: number | 'window60'): number {
  return rate === 'window60' ? round(params.services / 60, 2) : rate;
}

async function buildBot(ctx: ScenarioContext, rate: number, pollSeconds: number): Promise<Bot> {
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const config = loadConfig({
    SLACK_BOT_TOKEN: BENCH_BOT_TOKEN,
    SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET,
    SLACK_API_URL: ctx.fake.apiUrl,
    REDIS_URL: ctx.redisUrl,
    REDIS_KEY_PREFIX: freshPrefix('pollscale'),
    APPROVAL_CHANNEL: 'CBENCHSCALEDEFAULT',
    APPROVAL_POLL_SECONDS: String(pollSeconds),
    APPROVAL_POLL_RATE: String(rate),
    LOG_LEVEL: 'warn',
  });
  return createBot(config, { logDestination: sink, drainTimeoutMs: 1000 });
}

/** The most calls whose arrival falls in any one-second window. */
function busiestSecond(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last++) {
    while ((sorted[last] ?? 0) - (sorted[first] ?? 0) >= 1000) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

async function measureRate(
  ctx: ScenarioContext,
  params: PollerScaleParams,
  rate: number,
): Promise<ScaleResult | string> {
  const bot = await buildBot(ctx, rate, params.pollSeconds);
  const sandbox = bot.core.cloud.sandbox;
  const runner = createJobRunner(createLeaderLock(bot.redis, bot.core.keys, bot.core.instanceId), bot.logger);
  try {
    if (!sandbox) return 'the bot is not in sandbox mode';
    const job = (approvalsFeature(bot.core).jobs ?? []).find((j) => /poll/i.test(j.name));
    if (!job) return 'skipped: feature missing — the approvals feature has no poller job';
    ctx.progress(`poller at scale: seeding ${params.services} services (rate ${rate}/s)`);
    const { serviceIds } = await sandbox.bulkSeed(PROJECT, { services: params.services });
    for (const [i, serviceId] of serviceIds.entries())
      await bot.core.records.put({
        projectId: PROJECT,
        serviceId,
        owners: { users: ['UBENCHOWNER'], groups: [] },
        approvalChannel: `CBENCHSCALE${i}`,
      });
    const windowS = Math.max(params.pollSeconds, params.services / rate);
    sandbox.clearRequests();
    const started = Date.now();
    runner.add(job);
    runner.start();

    // Connections land at random times over one window, each on a random service.
    const landings = Array.from({ length: params.connections }, () => Math.random() * windowS * 1000).sort(
      (a, b) => a - b,
    );
    ctx.progress(`poller at scale: ${params.connections} connections over ${Math.round(windowS)} s`);
    const landed: { endpointId: string; at: number }[] = [];
    for (const offset of landings) {
      const wait = started + offset - Date.now();
      if (wait > 0) await sleep(wait);
      const serviceId = serviceIds[Math.floor(Math.random() * serviceIds.length)] ?? '';
      const at = Date.now();
      const { endpointId } = await sandbox.requestConnection(PROJECT, serviceId);
      landed.push({ endpointId, at });
    }
    // Every one is found within a window of landing (plus the post): wait for that, with room.
    const deadline = Date.now() + windowS * 1000 * 1.5 + 30_000;
    const postedAt = (endpointId: string) =>
      ctx.fake
        .calls('chat.postMessage')
        .find((c) => !c.args.thread_ts && c.response.ok && JSON.stringify(c.args.blocks).includes(endpointId))
        ?.at;
    while (Date.now() < deadline && landed.some((l) => postedAt(l.endpointId) === undefined))
      await sleep(500);
    const ended = Date.now();
    await runner.stop();

    const calls = sandbox.requests().filter((r) => r.at >= started && r.at <= ended);
    // The rate is per project: the busiest second of the project holding the services.
    const projectCalls = calls.filter((r) => r.path.startsWith(`/v1/${PROJECT}/`));
    const latenciesMs = landed.flatMap((l) => {
      const at = postedAt(l.endpointId);
      return at === undefined ? [] : [at - l.at];
    });
    const durationS = (ended - started) / 1000;
    return {
      services: params.services,
      rate,
      pollSeconds: params.pollSeconds,
      windowS: round(windowS, 1),
      connections: landed.length,
      posted: latenciesMs.length,
      durationS: round(durationS, 1),
      calls: calls.length,
      callsPerMinute: round((calls.length / durationS) * 60, 0),
      busiestSecond: busiestSecond(projectCalls.map((c) => c.at)),
      latenciesMs,
    };
  } finally {
    await runner.stop();
    await bot.stop();
    ctx.fake.reset();
  }
}

export async function measureScale(ctx: ScenarioContext): Promise<ScaleResult[] | string> {
  const params = ctx.config.poller.scale;
  const results: ScaleResult[] = [];
  for (const rate of params.rates) {
    const result = await measureRate(ctx, params, rateOf(params, rate));
    if (typeof result === 'string') return result;
    results.push(result);
  }
  return results;
}

export function scaleRows(results: readonly ScaleResult[]): TargetRow[] {
  return results.flatMap((r) => {
    const at = `${r.services} services, APPROVAL_POLL_RATE=${r.rate}/s, APPROVAL_POLL_SECONDS=${r.pollSeconds}`;
    const sorted = [...r.latenciesMs].sort((a, b) => a - b);
    const seconds = (ms: number) => round(ms / 1000, 1);
    // One more than the rate: a call's arrival at the sandbox may lag its start by a few ms.
    const ceiling = Math.ceil(r.rate) + 1;
    const note = `window max(${r.pollSeconds} s, ${r.services} / ${r.rate}) = ${r.windowS} s; ${r.posted}/${r.connections} connections posted; ${r.calls} calls in ${r.durationS} s`;
    return [
      {
        measure: `cloud calls per minute, ${at}`,
        unit: 'calls/min',
        bot: r.callsPerMinute,
        bare: null,
        ratio: null,
        target: `≤ rate × 60 + service lists (${Math.round(r.rate * 60)})`,
        verdict: r.callsPerMinute <= r.rate * 60 * 1.05 + 10 ? ('pass' as const) : ('fail' as const),
        note,
      },
      {
        measure: `cloud calls in the project's busiest second, ${at}`,
        unit: 'calls',
        bot: r.busiestSecond,
        bare: null,
        ratio: null,
        target: `no burst: ≤ ${ceiling}`,
        verdict: r.busiestSecond <= ceiling ? ('pass' as const) : ('fail' as const),
      },
      {
        measure: `new connection → request posted, p50, ${at}`,
        unit: 's',
        bot: seconds(percentile(sorted, 50)),
        bare: null,
        ratio: null,
        target: `informational (≈ window / 2 = ${round(r.windowS / 2, 1)} s)`,
        verdict: 'info' as const,
      },
      {
        measure: `new connection → request posted, p99, ${at}`,
        unit: 's',
        bot: seconds(percentile(sorted, 99)),
        bare: null,
        ratio: null,
        target: `within one window and the post (≤ ${round(r.windowS + 5, 1)} s)`,
        verdict:
          r.posted === r.connections && percentile(sorted, 99) <= (r.windowS + 5) * 1000
            ? ('pass' as const)
            : ('fail' as const),
        note: `max ${seconds(sorted.at(-1) ?? Number.NaN)} s`,
      },
    ];
  });
}
