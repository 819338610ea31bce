/**
 * Button clicks: acknowledged at ≥ 0.8× bare Bolt's rate. The click goes to a button the bot really
 * has; the first of `CANDIDATES` the running bot acknowledges is used (cheapest first), and the bare Bolt
 * app receives the very same payloads.
 */

import {
  DELETE_CANCEL_ACTION,
  LIST_PAGE_ACTION,
  WHITELIST_CANCEL_ACTION,
} from '#src/features/manage/views/manage-ids.js';
import type { FakeSlack } from '#src/playground/slack/index.js';
import type { SlackDriver } from '../../test/helpers/slack-driver.js';
import { TITLES } from '../config.js';
import { metered, newTally, perRequest } from '../cpu-meter.js';
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
import { errorRow, roundOrder, startPair } from './apps.js';

const TITLE = TITLES.buttons;
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

/** Posts the message carrying the button into the fake, so the listener's response_url answer finds it. */
function postButtonMessage(fake: FakeSlack, candidate: Candidate): ButtonMessage {
  const blocks = [
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
  ];
  const { ts } = fake.state.messages.post(CHANNEL, { text: 'bench', blocks });
  return { channel: CHANNEL, ts, text: 'bench', ephemeral: true, blocks };
}

/** The first candidate the bot acknowledges (unhandled clicks get Bolt's 404 after 3 s). */
async function pickCandidate(fake: FakeSlack, driver: SlackDriver): Promise<Candidate | undefined> {
  for (const candidate of CANDIDATES) {
    const probe = await timedClick(
      driver,
      benchUser(9000),
      postButtonMessage(fake, candidate),
      candidate.actionId,
    );
    if (probe.status === 200) return candidate;
  }
  return undefined;
}

const METHOD_BASE =
  'Signed `block_actions` payloads for one button, sent by a fixed number of concurrent clients in a closed loop; the rate is acknowledged clicks (HTTP 200) per second of wall time, summed over alternating bare/bot rounds after a warm-up. What the listener does after its ack (e.g. a response_url post) runs in the same process and competes for it, as in production.';

export async function buttonRate(ctx: ScenarioContext): Promise<ScenarioOutcome> {
  const { concurrency, requests, warmup, rounds } = ctx.config.buttons;
  // The Cancel buttons replace their message through response_url; the baseline does the same minimum.
  const pair = await startPair(ctx, 'buttons', {
    respondActions: [DELETE_CANCEL_ACTION, WHITELIST_CANCEL_ACTION],
  });
  try {
    const drivers = {
      bot: driverFor(ctx.fake, pair.bot.baseUrl),
      bare: driverFor(ctx.fake, pair.bare.baseUrl),
    };
    const candidate = await pickCandidate(ctx.fake, drivers.bot);
    if (!candidate)
      return skippedOutcome(
        'buttons',
        TITLE,
        METHOD_BASE,
        `skipped: feature missing — the bot acknowledged none of ${CANDIDATES.map((c) => c.actionId).join(', ')}`,
      );
    const message = postButtonMessage(ctx.fake, candidate);
    const run = (which: 'bot' | 'bare', count: number) =>
      closedLoop(concurrency, count, (_, worker) =>
        timedClick(drivers[which], benchUser(worker), message, candidate.actionId),
      );
    await run('bare', warmup);
    await run('bot', warmup);
    await settle(ctx.fake, ctx.config.settleMs);
    const totals = {
      bot: { wallMs: 0, samples: [] as ClickSample[] },
      bare: { wallMs: 0, samples: [] as ClickSample[] },
    };
    const cpu = { bot: newTally(), bare: newTally() };
    for (let round = 0; round < rounds; round++) {
      for (const which of roundOrder(round, 'bare' as const, 'bot' as const)) {
        ctx.progress(`button clicks, ${which}, round ${round + 1}/${rounds}`);
        const count = Math.ceil(requests / rounds);
        const { results, wallMs } = await metered(pair[which], cpu[which], count, async () => {
          const done = await run(which, count);
          await settle(ctx.fake, ctx.config.settleMs);
          return done;
        });
        totals[which].wallMs += wallMs;
        totals[which].samples.push(...results);
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
      ...(['app', 'bench'] as const).map((side) => ({
        measure:
          side === 'app' ? 'app CPU per click (incl. work after the ack)' : 'benchmark-side CPU per click',
        unit: 'ms',
        bot: perRequest(cpu.bot)[side],
        bare: perRequest(cpu.bare)[side],
        ratio: ratio(perRequest(cpu.bot)[side], perRequest(cpu.bare)[side]),
        target: 'informational',
        verdict: 'info' as const,
      })),
      errorRow(pair),
    ];
    return {
      name: 'buttons',
      title: TITLE,
      method: `${METHOD_BASE} Button used: \`${candidate.actionId}\` — ${candidate.why}.`,
      rows,
      raw: {
        candidate,
        concurrency,
        bot: { ...acks('bot'), rate: botRate, wallMs: totals.bot.wallMs, cpuMsPerClick: perRequest(cpu.bot) },
        bare: {
          ...acks('bare'),
          rate: bareRate,
          wallMs: totals.bare.wallMs,
          cpuMsPerClick: perRequest(cpu.bare),
        },
      },
    };
  } finally {
    await pair.stop();
  }
}
