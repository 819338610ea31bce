/**
 * Approval click → cloud action → every copy updated: p99 ≤ 300 ms at 50 concurrent clicks.
 * The bot's own poller posts the requests (sandbox connections pending on services whose owner is the
 * clicking user); the clicks then race in at once.
 */
import { APPROVE_ACTION } from '#src/features/approvals/views/approval-ids.js';
import type { SlackCall } from '#src/playground/slack/index.js';
import {
  checkedRow,
  type ScenarioContext,
  type ScenarioOutcome,
  skippedOutcome,
  type TargetRow,
} from '../outcome.js';
import { driverFor, timedClickToUpdate, type UpdateSample } from '../slack-side.js';
import { ratio, summarize } from '../stats.js';
import { TARGETS, TITLES } from '../targets.js';
import { decided, type PostedRequest, postBareMessages, waitForPosts } from './approval-messages.js';
import { APPROVAL_POLL_BOT_ENV, approvalSeeder, OWNER } from './approval-seed.js';
import { errorRow, startPair } from './apps.js';

const TITLE = TITLES.approvals;
const method = (cloudMs: number) =>
  `Before the bot starts, the cloud is seeded with one approval-enabled service per request, whose owner record in Redis names the clicking user and its own channel, and one pending connection each. The bot then starts on that state with \`APPROVAL_POLL_SECONDS=300\`: its poller's first tick, at start, posts one request each, and no further poll competes with the clicks. A few warm-up clicks go one at a time, then all the rest are sent at once. Latency runs from sending the signed Approve click to the fake Slack recording, for every copy the bot posted of that request, the \`chat.update\` showing the decision (no Approve button, says Approved); with an approval channel per service that is one copy each. The cloud answers each call ${cloudMs} ms late and the connection actions are counted from its request log. The bare Bolt app gets the same number of messages with an Approve button and answers a click with ack + \`chat.update\` of the clicked message (no cloud call, no Redis).`;
const WARMUP = 5;

type Clicker = (request: PostedRequest) => Promise<UpdateSample>;

async function clickAll(requests: readonly PostedRequest[], click: Clicker): Promise<UpdateSample[]> {
  for (const request of requests.slice(0, WARMUP)) await click(request);
  return Promise.all(requests.slice(WARMUP).map(click));
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
    checkedRow({
      measure: `p99 @ ${bot.length} concurrent clicks`,
      unit: 'ms',
      bot: b.p99,
      bare: base.p99,
      ratio: ratio(b.p99, base.p99),
      check: { kind: 'valueAtMost', limit: TARGETS.approvalP99Ms },
      summary: { line: 'approvals.p99', level: String(bot.length) },
      ...(b.count === bot.length
        ? {}
        : { spoiled: `${bot.length - b.count} clicks never updated every copy` }),
    }),
  ];
}

function posted(samples: readonly UpdateSample[]): number {
  return samples.filter((s) => s.ms !== undefined && !s.error).length;
}

export async function approvalClicks(ctx: ScenarioContext): Promise<ScenarioOutcome> {
  const expected = ctx.config.approvals.clicks + WARMUP;
  const METHOD = method(ctx.config.cloudMs);
  const pair = await startPair(ctx, 'approvals', {
    seed: approvalSeeder(expected, ctx.redisUrl),
    botEnv: APPROVAL_POLL_BOT_ENV,
    updateActions: [APPROVE_ACTION],
  });
  try {
    ctx.progress(`approvals: waiting for the poller to post ${expected} requests`);
    const requests = await waitForPosts(ctx.fake, expected, ctx.config.approvals.postTimeoutMs);
    if (requests.length < expected) {
      const within = `within ${ctx.config.approvals.postTimeoutMs / 1000} s`;
      const why =
        requests.length === 0
          ? `skipped: feature missing — the poller posted no approval request ${within}`
          : `not measured: the poller posted only ${requests.length} of ${expected} approval requests ${within}`;
      return skippedOutcome('approvals', TITLE, METHOD, why);
    }
    await pair.sandbox.clearRequests();
    const drivers = {
      bot: driverFor(ctx.fake, pair.bot.baseUrl),
      bare: driverFor(ctx.fake, pair.bare.baseUrl),
    };
    const clicker =
      (which: 'bot' | 'bare', predicate: (call: SlackCall) => boolean): Clicker =>
      ({ copies }) =>
        timedClickToUpdate(
          ctx.fake,
          drivers[which],
          { userId: OWNER, message: copies[0], actionId: APPROVE_ACTION },
          copies,
          predicate,
          10_000,
        );
    ctx.progress(`approvals: ${expected - WARMUP} concurrent clicks on the bot`);
    const bot = await clickAll(requests, clicker('bot', decided));
    const cloudActions = (await pair.sandbox.requests()).filter(
      (r) => r.method === 'POST' && /\/connections\/action$/.test(r.path),
    ).length;
    ctx.progress(`approvals: ${expected - WARMUP} concurrent clicks on bare Bolt`);
    const bareRequests = postBareMessages(ctx.fake, expected).map((message, i) => ({
      requestId: `bare${i}`,
      copies: [message] as const,
    }));
    const bare = await clickAll(
      bareRequests,
      clicker('bare', () => true),
    );
    const errors = [...new Set(bot.flatMap((s) => (s.error ? [s.error] : [])))];
    const copies = requests.reduce((sum, r) => sum + r.copies.length, 0);
    const rows: TargetRow[] = [
      ...latencyRows(bot, bare),
      checkedRow({
        measure: 'clicks after which every copy showed the decision',
        unit: 'count',
        bot: posted(bot),
        bare: posted(bare),
        ratio: null,
        check: { kind: 'equals', limit: bot.length },
        note: `${copies} copies of ${requests.length} requests${errors.length ? `; ${errors.slice(0, 2).join('; ')}` : ''}`,
      }),
      checkedRow({
        measure: 'cloud connection actions (warm-up included)',
        unit: 'calls',
        bot: cloudActions,
        bare: null,
        ratio: null,
        check: { kind: 'equals', limit: expected },
        target: `one per click (${expected})`,
      }),
      errorRow(pair),
    ];
    return {
      name: 'approvals',
      title: TITLE,
      method: METHOD,
      rows,
      raw: { clicks: bot.length, warmup: WARMUP, copies, bot, bare, cloudActions },
    };
  } finally {
    await pair.stop();
  }
}
