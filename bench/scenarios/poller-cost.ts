/**
 * The poller: cost linear in services, no call per connection beyond the list pages. The bot is built
 * in this process (its own job runner never started) so exactly one poll runs when asked; the cloud
 * calls of that poll are counted from the sandbox's request log, by path.
 */
import { Writable } from 'node:stream';
import { type Bot, createBot } from '#src/app.js';
import { approvalsFeature } from '#src/features/approvals/index.js';
import { loadConfig, SANDBOX_PROJECTS } from '#src/platform/config/load-config.js';
import type { Job } from '#src/redis/job-runner.js';
import { createLeaderLock } from '#src/redis/leader-lock.js';
import type { PollerPoint } from '../config.js';
import type { ScenarioContext, ScenarioOutcome } from '../outcome.js';
import { skippedOutcome } from '../outcome.js';
import { BENCH_BOT_TOKEN, BENCH_SIGNING_SECRET } from '../processes.js';
import { pathTemplate } from '../sandbox-admin.js';
import { settle } from '../slack-side.js';
import { TITLES } from '../targets.js';
import { freshPrefix } from './apps.js';
import {
  CONNECTION_LIST,
  connectionRows,
  linearityRows,
  type PointResult,
  type PollCount,
  pointRows,
} from './poller-rows.js';
import { measureScale, SCALE_METHOD, scaleRows } from './poller-scale.js';

const TITLE = TITLES.poller;
const METHOD =
  "For each point, a fresh bot (in this process, fresh Redis prefix) gets S approval-enabled sandbox services (bulk seeding), an owner record naming a channel per service, C pending connections each and, at one point, many accepted connections besides. One poll is run (the approvals feature's poller job, under the bot's own leader lease) to create and post the requests; once the posts settle, the sandbox request log is cleared and a second, steady-state poll is run and its cloud calls counted by path. Connection list pages are predicted from the query the poller sends: its `limit` (the API's default, 10, when it sends none) and whether it asks for pending connections only.";

function count(bot: Bot): PollCount {
  const requests = bot.core.cloud.sandbox?.requests() ?? [];
  const byPath: Record<string, number> = {};
  let connectionQuery: PollCount['connectionQuery'];
  for (const r of requests) {
    const template = pathTemplate(r.method, r.path);
    byPath[template] = (byPath[template] ?? 0) + 1;
    if (CONNECTION_LIST.test(template)) connectionQuery = r.query;
  }
  return { total: requests.length, byPath, connectionQuery };
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
      if (point.accepted)
        await sandbox.bulkSeed(projectId, {
          connections: { serviceId, count: point.accepted, status: 'accepted' },
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

export async function pollerCost(ctx: ScenarioContext): Promise<ScenarioOutcome> {
  const points: PointResult[] = [];
  const method = `${METHOD} ${SCALE_METHOD}`;
  for (const point of ctx.config.poller.points) {
    ctx.progress(`poller cost, ${point.services} services × ${point.connections} pending`);
    const result = await measurePoint(ctx, point);
    if (typeof result === 'string') return skippedOutcome('poller', TITLE, method, result, { points });
    points.push(result);
  }
  const scale = await measureScale(ctx);
  if (typeof scale === 'string') return skippedOutcome('poller', TITLE, method, scale, { points });
  return {
    name: 'poller',
    title: TITLE,
    method,
    rows: [...pointRows(points), ...linearityRows(points), ...connectionRows(points), ...scaleRows(scale)],
    raw: { points, scale },
  };
}
