/**
 * Button clicks: acknowledged at ≥ 0.8× bare Bolt's rate. The click goes to a button the bot really
 * has; the first of `CANDIDATES` the running bot acknowledges is used (cheapest first), and the bare Bolt
 * app receives the very same payloads.
 */
import { DELETE_CANCEL_ACTION, LIST_PAGE_ACTION, WHITELIST_CANCEL_ACTION } from '../../src/ui/manage-ids.js';
import type { SlackDriver } from '../../test/helpers/slack-driver.js';
import { benchUser, closedLoop } from '../load.js';
import {
  atLeast,
  type ScenarioContext,
  type ScenarioOutcome,
  skippedOutcome,
  type TargetRow,
} from '../outcome.js';
import { type ButtonMessage, type ClickSample, driverFor, settle, timedClick } from '../slack-side.js';
import { ratio, round, summarize } from '../stats.js';
import { roundOrder, startPair } from './apps.js';

const TITLE = "Button clicks: acknowledged at ≥ 0.8× bare Bolt's rate.";
const LIMIT = 0.8;
const CHANNEL = 'CBENCHBUTTON';

interface Candidate {
  readonly actionId: string;
  readonly why: string;
  readonly value: string;
}

/** Real buttons of the bot, cheapest listener first. */
const CANDIDATES: readonly Candidate[] = [
  { actionId: DELETE_CANCEL_ACTION, why: 'Cancel on the `/vpcep delete` confirmation', value: '{}' },
  { actionId: WHITELIST_CANCEL_ACTION, why: 'Cancel on the whitelist `*` confirmation', value: '{}' },
  {
    actionId: `${LIST_PAGE_ACTION}_next`,
    why: 'Next on an ephemeral `/vpcep list` summary (renders the next page)',
    value: JSON.stringify({ k: 'list', p: 1 }),
  },
];

function messageWith(candidate: Candidate): ButtonMessage {
  return {
    channel: CHANNEL,
    ts: '1700000000.000100',
    text: 'bench',
    ephemeral: true,
    blocks: [
      {
        type: 'actions',
        block_id: 'bench_block',
        elements: [
          {
            type: 'button',
            action_id: candidate.actionId,
            text: { type: 'plain_text', text: 'Go' },
            value: candidate.value,
          },
        ],
      },
    ],
  };
}

/** The first candidate the bot acknowledges (unhandled clicks get Bolt's 404 after 3 s). */
async function pickCandidate(driver: SlackDriver): Promise<Candidate | undefined> {
  const probes = await Promise.all(
    CANDIDATES.map((c) => timedClick(driver, benchUser(9000), messageWith(c), c.actionId)),
  );
  return CANDIDATES.find((_, i) => probes[i]?.status === 200);
}

const METHOD_BASE =
  'Signed `block_actions` payloads for one button, sent by a fixed number of concurrent clients in a closed loop; the rate is acknowledged clicks (HTTP 200) per second of wall time, summed over alternating bare/bot rounds after a warm-up. What the listener does after its ack (e.g. a response_url post) runs in the same process and competes for it, as in production.';

export async function buttonRate(ctx: ScenarioContext): Promise<ScenarioOutcome> {
  const { concurrency, requests, warmup, rounds } = ctx.config.buttons;
  const pair = await startPair(ctx, 'buttons');
  try {
    const drivers = {
      bot: driverFor(ctx.fake, pair.bot.baseUrl),
      bare: driverFor(ctx.fake, pair.bare.baseUrl),
    };
    const candidate = await pickCandidate(drivers.bot);
    if (!candidate)
      return skippedOutcome(
        'buttons',
        TITLE,
        METHOD_BASE,
        `skipped: feature missing — the bot acknowledged none of ${CANDIDATES.map((c) => c.actionId).join(', ')}`,
      );
    const message = messageWith(candidate);
    const run = (which: 'bot' | 'bare', count: number) =>
      closedLoop(concurrency, count, (_, worker) =>
        timedClick(drivers[which], benchUser(worker), message, candidate.actionId),
      );
    await run('bare', warmup);
    await run('bot', warmup);
    await settle(ctx.fake);
    const totals = {
      bot: { wallMs: 0, samples: [] as ClickSample[] },
      bare: { wallMs: 0, samples: [] as ClickSample[] },
    };
    for (let round = 0; round < rounds; round++) {
      for (const which of roundOrder(round, 'bare' as const, 'bot' as const)) {
        ctx.progress(`button clicks, ${which}, round ${round + 1}/${rounds}`);
        const { results, wallMs } = await run(which, Math.ceil(requests / rounds));
        totals[which].wallMs += wallMs;
        totals[which].samples.push(...results);
        await settle(ctx.fake);
      }
    }
    const rate = (which: 'bot' | 'bare') =>
      round((totals[which].samples.filter((s) => s.status === 200).length / totals[which].wallMs) * 1000, 1);
    const acks = (which: 'bot' | 'bare') => summarize(totals[which].samples.map((s) => s.ms));
    const botRate = rate('bot');
    const bareRate = rate('bare');
    const r = ratio(botRate, bareRate);
    const failed = totals.bot.samples.filter((s) => s.status !== 200).length;
    const rows: TargetRow[] = [
      {
        measure: `ack rate @ ${concurrency} concurrent clients`,
        unit: 'req/s',
        bot: botRate,
        bare: bareRate,
        ratio: r,
        target: `≥ ${LIMIT}× bare`,
        verdict: failed === 0 ? atLeast(r, LIMIT) : 'fail',
        note: `button: ${candidate.actionId}${failed ? `; ${failed} clicks not acknowledged` : ''}`,
      },
      ...(['p50', 'p99'] as const).map((stat) => ({
        measure: `ack latency ${stat}`,
        unit: 'ms',
        bot: acks('bot')[stat],
        bare: acks('bare')[stat],
        ratio: ratio(acks('bot')[stat], acks('bare')[stat]),
        target: 'informational',
        verdict: 'info' as const,
      })),
    ];
    return {
      name: 'buttons',
      title: TITLE,
      method: `${METHOD_BASE} Button used: \`${candidate.actionId}\` — ${candidate.why}.`,
      rows,
      raw: {
        candidate,
        concurrency,
        bot: { ...acks('bot'), rate: botRate, wallMs: totals.bot.wallMs },
        bare: { ...acks('bare'), rate: bareRate, wallMs: totals.bare.wallMs },
      },
    };
  } finally {
    await pair.stop();
  }
}
