/**
 * The poller: cost linear in services, no call per connection beyond the list pages. The bot is built
 * in this process (its own job runner never started) so exactly one poll runs when asked; the cloud
 * calls of that poll are counted from the sandbox's request log, by path.
 */

import { Writable } from 'node:stream';
import { type Bot, createBot } from '../../src/app.js';
import { loadConfig, SANDBOX_PROJECTS } from '../../src/config/load-config.js';
import { approvalsFeature } from '../../src/features/approvals.js';
import type { Job } from '../../src/jobs/job-runner.js';
import { createLeaderLock } from '../../src/stores/leader-lock.js';
import type { PollerPoint } from '../config.js';
import { TITLES } from '../config.js';
import type { ScenarioContext, ScenarioOutcome, TargetRow } from '../outcome.js';
import { skippedOutcome } from '../outcome.js';
import { BENCH_BOT_TOKEN, BENCH_SIGNING_SECRET } from '../processes.js';
import { pathTemplate } from '../sandbox-admin.js';
import { settle } from '../slack-side.js';
import { round } from '../stats.js';
import { freshPrefix } from './apps.js';

const TITLE = TITLES.poller;
const METHOD =
  "For each point, a fresh bot (in this process, fresh Redis prefix) gets S approval-enabled sandbox services (bulk seeding), an owner record naming a channel per service, and C pending connections each. One poll is run (the approvals feature's poller job, under the bot's own leader lease) to create and post the requests; once the posts settle, the sandbox request log is cleared and a second, steady-state poll is run and its cloud calls counted by path. Connection list pages are predicted from the `limit` the poller sends (the API's default, 10, when it sends none).";

interface PollCount {
  readonly total: number;
  readonly byPath: Record<string, number>;
  /** The `limit` the connection list calls asked for (undefined: the API default). */
  readonly connectionLimit: number | undefined;
}

interface PointResult extends PollerPoint {
  readonly firstPoll: PollCount;
  readonly steadyPoll: PollCount;
  readonly posts: number;
}

const CONNECTION_LIST = /^GET \/v1\/\{project\}\/vpc-endpoint-services\/\{id\}\/connections$/;
const SERVICE_LIST = /^GET \/v1\/\{project\}\/vpc-endpoint-services$/;
const API_DEFAULT_LIMIT = 10;

function count(bot: Bot): PollCount {
  const requests = bot.core.cloud.sandbox?.requests() ?? [];
  const byPath: Record<string, number> = {};
  let connectionLimit: number | undefined;
  for (const r of requests) {
    const template = pathTemplate(r.method, r.path);
    byPath[template] = (byPath[template] ?? 0) + 1;
    const limit = r.query.limit;
    if (CONNECTION_LIST.test(template) && typeof limit === 'string') connectionLimit = Number(limit);
  }
  return { total: requests.length, byPath, connectionLimit };
}

function pollerJob(bot: Bot): Job | undefined {
  const jobs = approvalsFeature(bot.core).jobs ?? [];
  return jobs.find((job) => /poll/i.test(job.name)) ?? (jobs.length === 1 ? jobs[0] : undefined);
}

async function buildBot(ctx: ScenarioContext): Promise<Bot> {
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const config = loadConfig({
    SLACK_BOT_TOKEN: BENCH_BOT_TOKEN,
    SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET,
    SLACK_API_URL: ctx.fake.apiUrl,
    REDIS_URL: ctx.redisUrl,
    REDIS_KEY_PREFIX: freshPrefix('poller'),
    APPROVAL_CHANNEL: 'CBENCHPOLLDEFAULT',
    APPROVAL_POLL_SECONDS: '3600',
    LOG_LEVEL: 'warn',
  });
  return createBot(config, { logDestination: sink, drainTimeoutMs: 1000 });
}

async function measurePoint(ctx: ScenarioContext, point: PollerPoint): Promise<PointResult | string> {
  const bot = await buildBot(ctx);
  try {
    const sandbox = bot.core.cloud.sandbox;
    const job = pollerJob(bot);
    if (!sandbox) return 'the bot is not in sandbox mode';
    if (!job) return 'skipped: feature missing — the approvals feature has no poller job';
    const projectId = SANDBOX_PROJECTS[0]?.projectId ?? '';
    const { serviceIds } = await sandbox.bulkSeed(projectId, { services: point.services });
    for (const [i, serviceId] of serviceIds.entries()) {
      await bot.core.records.put({
        projectId,
        serviceId,
        owners: { users: ['UBENCHOWNER'], groups: [] },
        approvalChannel: `CBENCHPOLL${i}`,
      });
      await sandbox.bulkSeed(projectId, {
        connections: { serviceId, count: point.connections, status: 'pendingAcceptance' },
      });
    }
    const lease = await createLeaderLock(bot.redis, bot.core.keys, bot.core.instanceId).acquire(
      job.name,
      600_000,
    );
    if (!lease) return 'could not take the poller lease';
    const log = bot.logger.child({ job: job.name });
    const postsBefore = ctx.fake.calls('chat.postMessage').length;
    sandbox.clearRequests();
    await job.run({ lease, log });
    await settle(ctx.fake, 1500, 120_000);
    const firstPoll = count(bot);
    const posts = ctx.fake.calls('chat.postMessage').length - postsBefore;
    sandbox.clearRequests();
    await job.run({ lease, log });
    return { ...point, firstPoll, steadyPoll: count(bot), posts };
  } finally {
    await bot.stop();
    ctx.fake.reset();
  }
}

function pages(connections: number, limit: number | undefined): number {
  return Math.max(1, Math.ceil(connections / (limit ?? API_DEFAULT_LIMIT)));
}

/** Calls that are neither a service list page nor a connection list page. */
function otherCalls(poll: PollCount): number {
  return Object.entries(poll.byPath)
    .filter(([path]) => !SERVICE_LIST.test(path) && !CONNECTION_LIST.test(path))
    .reduce((sum, [, n]) => sum + n, 0);
}

function pointRows(points: readonly PointResult[]): TargetRow[] {
  return points.map((p) => ({
    measure: `steady-state poll, ${p.services} services × ${p.connections} pending`,
    unit: 'calls',
    bot: p.steadyPoll.total,
    bare: null,
    ratio: null,
    target: 'informational',
    verdict: 'info' as const,
    note: `${round(p.steadyPoll.total / p.services)} calls/service; first poll ${p.firstPoll.total} calls, ${p.posts} posts; ${Object.entries(
      p.steadyPoll.byPath,
    )
      .map(([path, n]) => `${path}: ${n}`)
      .join(', ')}`,
  }));
}

function linearityRow(points: readonly PointResult[]): TargetRow[] {
  const base = points.filter((p) => p.connections === 1).sort((a, b) => a.services - b.services);
  const slopes = base.slice(1).map((p, i) => {
    const prev = base[i];
    return prev ? (p.steadyPoll.total - prev.steadyPoll.total) / (p.services - prev.services) : Number.NaN;
  });
  if (slopes.length === 0) return [];
  const spread = Math.max(...slopes) - Math.min(...slopes);
  return [
    {
      measure: `marginal calls per added service (${base.map((p) => p.services).join(' → ')} services)`,
      unit: 'calls',
      bot: round(Math.max(...slopes)),
      bare: null,
      ratio: null,
      target: 'the same at every step (linear)',
      verdict: Number.isFinite(spread) && spread <= 0.05 + 0.1 * Math.max(...slopes) ? 'pass' : 'fail',
      note: `steps: ${slopes.map((s) => round(s)).join(', ')}`,
    },
  ];
}

function connectionRows(points: readonly PointResult[]): TargetRow[] {
  const rows: TargetRow[] = [];
  for (const high of points.filter((p) => p.connections > 1)) {
    const low = points.find((p) => p.services === high.services && p.connections === 1);
    if (!low) continue;
    const limit = high.steadyPoll.connectionLimit ?? low.steadyPoll.connectionLimit;
    const extraPages = high.services * (pages(high.connections, limit) - pages(low.connections, limit));
    const extra = high.steadyPoll.total - low.steadyPoll.total;
    const otherGrowth = otherCalls(high.steadyPoll) - otherCalls(low.steadyPoll);
    rows.push({
      measure: `extra calls, ${high.connections} vs 1 pending per service (${high.services} services)`,
      unit: 'calls',
      bot: extra,
      bare: null,
      ratio: null,
      target: `only extra list pages (${extraPages})`,
      verdict: extra <= extraPages && otherGrowth <= 0 ? 'pass' : 'fail',
      note: `connection list limit ${limit ?? `not sent (API default ${API_DEFAULT_LIMIT})`}; non-list calls grew by ${otherGrowth}`,
    });
  }
  return rows;
}

export async function pollerCost(ctx: ScenarioContext): Promise<ScenarioOutcome> {
  const points: PointResult[] = [];
  for (const point of ctx.config.poller.points) {
    ctx.progress(`poller cost, ${point.services} services × ${point.connections} pending`);
    const result = await measurePoint(ctx, point);
    if (typeof result === 'string') return skippedOutcome('poller', TITLE, METHOD, result, { points });
    points.push(result);
  }
  return {
    name: 'poller',
    title: TITLE,
    method: METHOD,
    rows: [...pointRows(points), ...linearityRow(points), ...connectionRows(points)],
    raw: { points },
  };
}
