/**
 * Start to ready ≤ 1.0 s. The bot runs exactly as `npm start` does (`node dist/main.js`): in OTC mode
 * against the cloud in its own process (production's shape), and, for context, in sandbox mode (what
 * `npm start` does without OTC_* variables). Bare Bolt's spawn → listening is shown beside it.
 */

import { checkedRow, type ScenarioContext, type ScenarioOutcome, type TargetRow } from '../outcome.js';
import { type BotChild, startBareBolt, startBot, startCloud } from '../processes.js';
import { sandboxAdmin } from '../sandbox-admin.js';
import { median, ratio, round } from '../stats.js';
import { TARGETS, TITLES } from '../targets.js';
import { freshPrefix } from './apps.js';

const TITLE = TITLES.startup;
const method = (cloudMs: number) =>
  `Each run spawns \`node dist/main.js\` on a fresh Redis key prefix of the private redis-server and polls \`GET /healthz\` and \`GET /readyz\` every 5 ms: start → /healthz is spawn → the first 200 of /healthz (the process answers), start → ready the first 200 of /readyz (Redis and the cloud answer too). OTC mode runs against the cloud emulator in its own process, started once for all runs and answering each call ${cloudMs} ms late; sandbox mode embeds the emulator and seeds it on a first start. Runs interleave: OTC, sandbox, bare Bolt (spawn → its "listening" line), each row the median of the runs. The target is absolute; bare Bolt is context.`;

type Mode = 'otc' | 'sandbox';

interface Start {
  readonly healthMs: number;
  readonly readyMs: number;
}

async function timedStart(ctx: ScenarioContext, cloudUrl: string | undefined): Promise<Start> {
  const bot: BotChild = await startBot({
    apiUrl: ctx.fake.apiUrl,
    redisUrl: ctx.redisUrl,
    keyPrefix: freshPrefix('start'),
    readyPollMs: 5,
    ...(cloudUrl ? { cloudUrl } : {}),
  });
  await bot.stop();
  return { healthMs: round(bot.healthMs, 1), readyMs: round(bot.readyMs, 1) };
}

async function bareStart(ctx: ScenarioContext): Promise<number> {
  const bare = await startBareBolt({ apiUrl: ctx.fake.apiUrl });
  await bare.stop();
  return round(bare.readyMs, 1);
}

function rows(starts: Record<Mode, Start[]>, bare: number[]): TargetRow[] {
  const bareMs = round(median(bare), 1);
  const line = (mode: Mode, stat: keyof Start) => {
    const values = starts[mode].map((s) => s[stat]);
    const bot = round(median(values), 1);
    const what = stat === 'healthMs' ? 'start → /healthz' : 'start → ready (/readyz)';
    return {
      measure: `${what}, ${mode === 'otc' ? 'OTC mode' : 'sandbox mode'}, median of ${values.length}`,
      unit: 'ms',
      bot,
      bare: bareMs,
      ratio: ratio(bot, bareMs),
      note: `starts: ${values.join(', ')} ms`,
    };
  };
  const info = { target: 'informational', verdict: 'info' as const };
  return [
    { ...line('otc', 'healthMs'), ...info, summary: { line: 'startup.healthz', level: 'OTC' } },
    checkedRow({
      ...line('otc', 'readyMs'),
      check: { kind: 'valueAtMost', limit: TARGETS.readyMs },
      summary: { line: 'startup.ready', level: 'OTC' },
    }),
    { ...line('sandbox', 'healthMs'), ...info },
    { ...line('sandbox', 'readyMs'), ...info },
  ];
}

export async function startupTime(ctx: ScenarioContext): Promise<ScenarioOutcome> {
  const count = ctx.config.startup.runs;
  const cloud = await startCloud(ctx.redisUrl, `${freshPrefix('start')}cloud:`);
  const starts: Record<Mode, Start[]> = { otc: [], sandbox: [] };
  const bare: number[] = [];
  try {
    if (ctx.config.cloudMs > 0) await sandboxAdmin(cloud.url).addFault({ latencyMs: ctx.config.cloudMs });
    for (let i = 0; i < count; i++) {
      ctx.progress(`start to ready, run ${i + 1}/${count}`);
      starts.otc.push(await timedStart(ctx, cloud.url));
      starts.sandbox.push(await timedStart(ctx, undefined));
      bare.push(await bareStart(ctx));
    }
  } finally {
    await cloud.stop();
    ctx.fake.reset();
  }
  return {
    name: 'startup',
    title: TITLE,
    method: method(ctx.config.cloudMs),
    raw: { starts, bare },
    rows: rows(starts, bare),
  };
}
