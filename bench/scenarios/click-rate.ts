/**
 * A non-owner's Approve on a live approval request, 50 concurrent: acknowledged per second ≥ 0.9× bare
 * Bolt, nothing changes in the cloud. Then, on the same pair, the idle RSS of the bot's process tree
 * after the creates and the clicks, ≤ 130 MB.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { APPROVE_ACTION } from '#src/features/approvals/views/approval-ids.js';
import { metered, newTally } from '../cpu-meter.js';
import { benchUser, closedLoop } from '../load.js';
import { type ScenarioContext, type ScenarioOutcome, skippedOutcome } from '../outcome.js';
import { type ButtonMessage, driverFor, settle, timedClick, timedCreate } from '../slack-side.js';
import { TITLES } from '../targets.js';
import { postBareMessages, waitForPosts } from './approval-messages.js';
import { APPROVAL_POLL_BOT_ENV, approvalSeeder } from './approval-seed.js';
import { type AppPair, errorRow, roundOrder, startPair } from './apps.js';
import { type ClickTotals, createsRow, effectRows, rateRows, rssRows, type Sides } from './click-rows.js';

const TITLE = TITLES.clicks;
const method = (ctx: ScenarioContext) => {
  const p = ctx.config.clicks;
  return `The bot starts on ${p.requests} live approval requests, posted by its own poller as in the approvals scenario (approval-enabled services owned by one user, one pending connection each, no further poll during the run). First each app serves ${p.creates} \`/vpcep create\` commands (10 users, closed loop: the warm-up of the idle RSS). Then ${p.concurrency} clients click Approve in a closed loop as users who do not own the service, on the requests in turn: the bot acknowledges, finds the clicker may not decide and tells them so in an ephemeral message through the click's response_url; nothing changes in Redis or the cloud, which the cloud's request log confirms. The bare Bolt app gets messages with the same Approve button and does the same Slack work: ack, then one ephemeral response_url post of about the same length (it reads no Redis and calls no cloud). The rate is acknowledged clicks (HTTP 200) per second of wall time over alternating bare/bot rounds after a warm-up (${p.warmup} clicks each); the notices are counted from the fake Slack's response_url log. Finally both apps sit idle for ${p.idleMs / 1000} s and the resident set size of each process tree (the node process and all its descendants, summed from \`/proc/<pid>/status\` VmRSS; the apps are spawned as \`node\`, with no npm or shell launcher) is read, and again after ${p.laterIdleMs / 1000} s for context (V8 shrinks an idle heap only after several seconds).`;
};

/** Non-owner clickers (the seeded services are owned by `OWNER` alone). */
const clicker = (worker: number) => benchUser(worker + 100);

async function createBurst(ctx: ScenarioContext, pair: AppPair, which: 'bot' | 'bare'): Promise<number> {
  const driver = driverFor(ctx.fake, pair[which].baseUrl);
  const { results } = await closedLoop(10, ctx.config.clicks.creates, (_, worker) =>
    timedCreate(ctx.fake, driver, benchUser(worker), 'CBENCHCLICKCREATE'),
  );
  return results.filter((r) => r.missed !== undefined).length;
}

/** How many response_url posts Slack accepted so far. */
const noticesSoFar = (ctx: ScenarioContext) => ctx.fake.responses().filter((p) => p.status === 200).length;

async function clickRounds(
  ctx: ScenarioContext,
  pair: AppPair,
  messages: Sides<readonly ButtonMessage[]>,
): Promise<Sides<ClickTotals>> {
  const { concurrency, clicks, warmup, rounds } = ctx.config.clicks;
  const drivers = {
    bot: driverFor(ctx.fake, pair.bot.baseUrl),
    bare: driverFor(ctx.fake, pair.bare.baseUrl),
  };
  const run = (which: 'bot' | 'bare', count: number) =>
    closedLoop(concurrency, count, (i, worker) => {
      const list = messages[which];
      const message = list[i % list.length] as ButtonMessage;
      return timedClick(drivers[which], clicker(worker), message, APPROVE_ACTION);
    });
  await run('bare', warmup);
  await run('bot', warmup);
  await settle(ctx.fake, ctx.config.settleMs);
  const totals: Sides<ClickTotals> = {
    bot: { wallMs: 0, samples: [], notices: 0, cpu: newTally() },
    bare: { wallMs: 0, samples: [], notices: 0, cpu: newTally() },
  };
  for (let round = 0; round < rounds; round++) {
    for (const which of roundOrder(round, 'bare' as const, 'bot' as const)) {
      ctx.progress(`clicks, ${which}, round ${round + 1}/${rounds}`);
      const count = Math.ceil(clicks / rounds);
      const before = noticesSoFar(ctx);
      const { results, wallMs } = await metered(pair[which], totals[which].cpu, count, async () => {
        const done = await run(which, count);
        await settle(ctx.fake, ctx.config.settleMs);
        return done;
      });
      totals[which].wallMs += wallMs;
      totals[which].samples.push(...results);
      totals[which].notices += noticesSoFar(ctx) - before;
    }
  }
  return totals;
}

export async function clickRate(ctx: ScenarioContext): Promise<ScenarioOutcome> {
  const p = ctx.config.clicks;
  const pair = await startPair(ctx, 'clicks', {
    seed: approvalSeeder(p.requests, ctx.redisUrl),
    botEnv: APPROVAL_POLL_BOT_ENV,
    noticeActions: [APPROVE_ACTION],
  });
  try {
    ctx.progress(`clicks: waiting for the poller to post ${p.requests} requests`);
    const requests = await waitForPosts(ctx.fake, p.requests, p.postTimeoutMs);
    if (requests.length < p.requests)
      return skippedOutcome(
        'clicks',
        TITLE,
        method(ctx),
        `not measured: the poller posted ${requests.length} of ${p.requests} approval requests within ${p.postTimeoutMs / 1000} s`,
      );
    ctx.progress(`clicks: ${p.creates} creates on each app first`);
    const missed = { bare: await createBurst(ctx, pair, 'bare'), bot: await createBurst(ctx, pair, 'bot') };
    await settle(ctx.fake, ctx.config.settleMs);
    await pair.sandbox.clearRequests();
    const messages = {
      bot: requests.map((r) => r.copies[0]),
      bare: postBareMessages(ctx.fake, p.requests),
    };
    const totals = await clickRounds(ctx, pair, messages);
    const cloudCalls = await pair.sandbox.requests();
    const actions = cloudCalls.filter((r) => r.method === 'POST' && /\/connections\/action$/.test(r.path));
    ctx.progress(`clicks: ${p.idleMs / 1000} s idle, then the RSS`);
    await settle(ctx.fake, ctx.config.settleMs);
    await sleep(p.idleMs);
    const first = { bot: pair.bot.treeRssMb(), bare: pair.bare.treeRssMb() };
    const processes = { bot: pair.bot.treeSize(), bare: pair.bare.treeSize() };
    await sleep(p.laterIdleMs - p.idleMs);
    const rss = {
      ...first,
      processes,
      later: { bot: pair.bot.treeRssMb(), bare: pair.bare.treeRssMb() },
      creates: p.creates,
      clicks: p.warmup + p.clicks,
      idleMs: p.idleMs,
      laterIdleMs: p.laterIdleMs,
      mode: ctx.config.cloud === 'external' ? 'OTC mode' : 'sandbox mode',
    };
    return {
      name: 'clicks',
      title: TITLE,
      method: method(ctx),
      rows: [
        ...rateRows(totals, p.concurrency),
        ...effectRows(totals, { actions: actions.length, calls: cloudCalls.length }),
        createsRow(missed, p.creates),
        ...rssRows(rss),
        errorRow(pair),
      ],
      raw: {
        params: p,
        wallMs: { bot: totals.bot.wallMs, bare: totals.bare.wallMs },
        notices: { bot: totals.bot.notices, bare: totals.bare.notices },
        cloud: { actions: actions.length, calls: cloudCalls.length },
        missed,
        rss,
      },
    };
  } finally {
    await pair.stop();
  }
}
