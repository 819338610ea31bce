/**
 * Idle memory of the bot process ≤ 150 MB; start to ready ≤ 2 s. The bot runs exactly as `npm start`
 * does (`node dist/main.js`), in sandbox mode, against a private redis-server.
 */

import { setTimeout as sleep } from 'node:timers/promises';
import { TITLES } from '../config.js';
import { atMost, type ScenarioContext, type ScenarioOutcome } from '../outcome.js';
import { startBareBolt, startBot } from '../processes.js';
import { median, ratio, round } from '../stats.js';
import { freshPrefix } from './apps.js';

const TITLE = TITLES.startup;
const METHOD =
  'Each run spawns `node dist/main.js` (sandbox mode, fresh Redis key prefix on the private redis-server, so every start seeds its sandbox as a first start does) and polls `GET /readyz` every 10 ms; start to ready is spawn → first 200. After the idle period the resident set size is read from `/proc/<pid>/status` (VmRSS) and cross-checked with `vpcep_process_resident_memory_bytes` from `/metrics`. Bare Bolt (spawn → listening, and its idle RSS) is shown for context; the targets are absolute.';
const MEMORY_LIMIT_MB = 150;
const READY_LIMIT_MS = 2000;

interface Run {
  readonly readyMs: number;
  readonly rssMb: number;
  readonly metricRssMb: number;
}

async function metricRssMb(baseUrl: string): Promise<number> {
  const text = await fetch(`${baseUrl}/metrics`).then(
    (res) => res.text(),
    () => '',
  );
  const bytes = /^vpcep_process_resident_memory_bytes\s+([0-9.e+]+)/m.exec(text)?.[1];
  return bytes ? round(Number(bytes) / 1024 / 1024, 1) : Number.NaN;
}

export async function startupMemory(ctx: ScenarioContext): Promise<ScenarioOutcome> {
  const { runs: count, idleMs } = ctx.config.startup;
  const runs: Run[] = [];
  for (let i = 0; i < count; i++) {
    ctx.progress(`start to ready and idle memory, run ${i + 1}/${count}`);
    const bot = await startBot({
      apiUrl: ctx.fake.apiUrl,
      redisUrl: ctx.redisUrl,
      keyPrefix: freshPrefix('start'),
    });
    try {
      await sleep(idleMs);
      runs.push({
        readyMs: round(bot.readyMs, 1),
        rssMb: round(bot.rssMb(), 1),
        metricRssMb: await metricRssMb(bot.baseUrl),
      });
    } finally {
      await bot.stop();
    }
  }
  const bare = await startBareBolt({ apiUrl: ctx.fake.apiUrl, updateActions: [] });
  let bareRun: { readyMs: number; rssMb: number };
  try {
    await sleep(idleMs);
    bareRun = { readyMs: round(bare.readyMs, 1), rssMb: round(bare.rssMb(), 1) };
  } finally {
    await bare.stop();
  }
  ctx.fake.reset();

  const readyMedian = round(median(runs.map((r) => r.readyMs)), 1);
  const rssMax = Math.max(...runs.map((r) => r.rssMb));
  const rssMedian = round(median(runs.map((r) => r.rssMb)), 1);
  return {
    name: 'startup',
    title: TITLE,
    method: METHOD,
    raw: { runs, bare: bareRun },
    rows: [
      {
        measure: `start to ready, median of ${runs.length}`,
        unit: 'ms',
        bot: readyMedian,
        bare: bareRun.readyMs,
        ratio: ratio(readyMedian, bareRun.readyMs),
        target: `≤ ${READY_LIMIT_MS} ms`,
        verdict: atMost(readyMedian, READY_LIMIT_MS),
        note: `runs: ${runs.map((r) => r.readyMs).join(', ')} ms`,
      },
      {
        measure: `idle RSS after ${idleMs / 1000} s, max of ${runs.length}`,
        unit: 'MB',
        bot: rssMax,
        bare: bareRun.rssMb,
        ratio: ratio(rssMax, bareRun.rssMb),
        target: `≤ ${MEMORY_LIMIT_MB} MB`,
        verdict: atMost(rssMax, MEMORY_LIMIT_MB),
        note: `median ${rssMedian} MB; /metrics says ${runs.map((r) => r.metricRssMb).join(', ')} MB`,
      },
    ],
  };
}
