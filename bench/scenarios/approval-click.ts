/**
 * An approval click → cloud action → message updated: p99 ≤ 300 ms at 50 concurrent clicks.
 * The bot's own poller posts the requests (sandbox connections pending on services whose owner is the
 * clicking user); the clicks then race in at once.
 */
import { Redis } from 'ioredis';
import { createServiceRecords } from '#src/access/service-records.js';
import { APPROVE_ACTION } from '#src/features/approvals/views/approval-ids.js';
import { SANDBOX_PROJECTS } from '#src/platform/config/load-config.js';
import type { SlackCall } from '#src/playground/slack/index.js';
import { createKeys } from '#src/redis/keys.js';
import { TITLES } from '../config.js';
import {
  atMost,
  type ScenarioContext,
  type ScenarioOutcome,
  skippedOutcome,
  type TargetRow,
} from '../outcome.js';
import type { SandboxAdmin } from '../sandbox-admin.js';
import { type ButtonMessage, driverFor, timedClickToUpdate, type UpdateSample } from '../slack-side.js';
import { ratio, summarize } from '../stats.js';
import { decided, postBareMessages, waitForPosts } from './approval-messages.js';
import { errorRow, startPair } from './apps.js';

const TITLE = TITLES.approvals;
const METHOD =
  "Before the bot starts, the sandbox cloud is seeded (admin API) with one approval-enabled service per request, whose owner record in Redis names the clicking user and its own channel, and one pending connection each. The bot then starts on that state with `APPROVAL_POLL_SECONDS=300`: its poller's first tick, at start, posts one request each, and no further poll competes with the clicks. A few warm-up clicks go one at a time, then all the rest are sent at once. Latency runs from sending the signed Approve click to the fake Slack recording the `chat.update` of that message showing the decision (no Approve button, says Approved). The cloud calls are counted from the sandbox's request log. The bare Bolt app gets the same number of messages with an Approve button and answers a click with ack + `chat.update`.";
const LIMIT_MS = 300;
const OWNER = 'UBENCHOWNER';
const WARMUP = 5;

type Clicker = (message: ButtonMessage) => Promise<UpdateSample>;

async function clickAll(messages: readonly ButtonMessage[], click: Clicker): Promise<UpdateSample[]> {
  for (const message of messages.slice(0, WARMUP)) await click(message);
  return Promise.all(messages.slice(WARMUP).map(click));
}

/** One approval-enabled service per request, each with its own channel and one pending connection. */
function seeder(requests: number, redisUrl: string) {
  return async (sandbox: SandboxAdmin, keyPrefix: string): Promise<void> => {
    const projectId = SANDBOX_PROJECTS[0]?.projectId ?? '';
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    try {
      const serviceIds = await sandbox.bulkSeed(projectId, { services: requests });
      const records = createServiceRecords(redis, createKeys(keyPrefix));
      for (const [i, serviceId] of serviceIds.entries()) {
        await records.put({
          projectId,
          serviceId,
          owners: { users: [OWNER], groups: [] },
          approvalChannel: `CBENCHAPR${i}`,
        });
        await sandbox.bulkSeed(projectId, {
          connections: { serviceId, count: 1, status: 'pendingAcceptance' },
        });
      }
    } finally {
      redis.disconnect();
    }
  };
}

function latencyRows(bot: UpdateSample[], bare: UpdateSample[]): TargetRow[] {
  const ms = (samples: UpdateSample[]) =>
    summarize(samples.flatMap((s) => (s.ms !== undefined && !s.error ? [s.ms] : [])));
  const b = ms(bot);
  const base = ms(bare);
  return [
    {
      measure: `p50 @ ${bot.length} concurrent clicks`,
      unit: 'ms',
      bot: b.p50,
      bare: base.p50,
      ratio: ratio(b.p50, base.p50),
      target: 'informational',
      verdict: 'info',
    },
    {
      measure: `p99 @ ${bot.length} concurrent clicks`,
      unit: 'ms',
      bot: b.p99,
      bare: base.p99,
      ratio: ratio(b.p99, base.p99),
      target: `≤ ${LIMIT_MS} ms`,
      verdict: b.count === bot.length ? atMost(b.p99, LIMIT_MS) : 'fail',
    },
  ];
}

export async function approvalClicks(ctx: ScenarioContext): Promise<ScenarioOutcome> {
  const expected = ctx.config.approvals.clicks + WARMUP;
  // The poller's first tick runs at start and posts every request; the next is minutes away, so no
  // poll competes with the clicks.
  const pair = await startPair(ctx, 'approvals', {
    seed: seeder(expected, ctx.redisUrl),
    botEnv: { APPROVAL_POLL_SECONDS: '300', APPROVAL_CHANNEL: 'CBENCHAPPROVALS' },
    updateActions: [APPROVE_ACTION],
  });
  try {
    ctx.progress(`approvals: waiting for the poller to post ${expected} requests`);
    const posted = await waitForPosts(ctx.fake, expected, ctx.config.approvals.postTimeoutMs);
    if (posted.length < expected) {
      const within = `within ${ctx.config.approvals.postTimeoutMs / 1000} s`;
      const why =
        posted.length === 0
          ? `skipped: feature missing — the poller posted no approval request ${within}`
          : `not measured: the poller posted only ${posted.length} of ${expected} approval requests ${within}`;
      return skippedOutcome('approvals', TITLE, METHOD, why);
    }
    await pair.sandbox.clearRequests();
    const drivers = {
      bot: driverFor(ctx.fake, pair.bot.baseUrl),
      bare: driverFor(ctx.fake, pair.bare.baseUrl),
    };
    const clicker =
      (which: 'bot' | 'bare', predicate: (call: SlackCall) => boolean): Clicker =>
      (message) =>
        timedClickToUpdate(ctx.fake, drivers[which], OWNER, message, APPROVE_ACTION, predicate, 10_000);
    ctx.progress(`approvals: ${expected - WARMUP} concurrent clicks on the bot`);
    const bot = await clickAll(posted, clicker('bot', decided));
    const cloudActions = (await pair.sandbox.requests()).filter(
      (r) => r.method === 'POST' && /\/connections\/action$/.test(r.path),
    ).length;
    ctx.progress(`approvals: ${expected - WARMUP} concurrent clicks on bare Bolt`);
    const bare = await clickAll(
      await postBareMessages(ctx.fake, expected),
      clicker('bare', () => true),
    );
    const updated = bot.filter((s) => s.ms !== undefined && !s.error).length;
    const errors = [...new Set(bot.flatMap((s) => (s.error ? [s.error] : [])))];
    const rows: TargetRow[] = [
      ...latencyRows(bot, bare),
      {
        measure: 'clicks whose message showed the decision',
        unit: 'count',
        bot: updated,
        bare: bare.filter((s) => s.ms !== undefined && !s.error).length,
        ratio: null,
        target: `${bot.length} of ${bot.length}`,
        verdict: updated === bot.length ? 'pass' : 'fail',
        ...(errors.length ? { note: errors.slice(0, 2).join('; ') } : {}),
      },
      {
        measure: 'cloud connection actions (warm-up included)',
        unit: 'calls',
        bot: cloudActions,
        bare: null,
        ratio: null,
        target: `one per click (${expected})`,
        verdict: cloudActions === expected ? 'pass' : 'fail',
      },
      errorRow(pair),
    ];
    return {
      name: 'approvals',
      title: TITLE,
      method: METHOD,
      rows,
      raw: { clicks: bot.length, warmup: WARMUP, bot, bare, cloudActions },
    };
  } finally {
    await pair.stop();
  }
}
