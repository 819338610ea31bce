/**
 * `npm run bench [-- --quick] [-- --only a,b] [-- --no-build] [-- --render <results.json>]`: builds the
 * bot, starts a private redis-server and the fake Slack, runs each scenario against the bot and a bare
 * Bolt app side by side, then writes `bench/results/<stamp>.json` and `bench/RESULTS.md` and prints the
 * tables.
 * Speed is measured here as ratios against bare Bolt in the same run, never asserted in the test suite.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { type FakeSlack, startFakeSlack } from '#src/playground/slack/index.js';
import { type RedisServerHandle, startRedisServer } from '../test/helpers/redis-server.js';
import { ROOT } from './child-app.js';
import { parseArgs, SCENARIOS, type ScenarioName, TITLES } from './config.js';
import type { ScenarioContext, ScenarioOutcome } from './outcome.js';
import { skippedOutcome } from './outcome.js';
import { BOT_MAIN } from './processes.js';
import {
  type BenchResults,
  gitState,
  machineInfo,
  processStyle,
  renderConsole,
  rerender,
  writeResults,
} from './report.js';

type Runner = (ctx: ScenarioContext) => Promise<ScenarioOutcome>;

/** Loaded when run, so a scenario whose imports are broken fails alone instead of the whole run. */
const RUNNERS: Record<ScenarioName, () => Promise<Runner>> = {
  startup: async () => (await import('./scenarios/startup-memory.js')).startupMemory,
  create: async () => (await import('./scenarios/create-latency.js')).createLatency,
  buttons: async () => (await import('./scenarios/button-rate.js')).buttonRate,
  approvals: async () => (await import('./scenarios/approval-click.js')).approvalClicks,
  poller: async () => (await import('./scenarios/poller-cost.js')).pollerCost,
};

/** A machine busier than this at the start makes the numbers provisional. */
const BUSY_LOAD_PER_CORE = 0.25;

const started = performance.now();
function progress(message: string): void {
  const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[bench ${seconds}s] ${message}\n`);
}

function build(): string | undefined {
  progress('npm run build');
  try {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    return undefined;
  } catch (err) {
    if (!existsSync(BOT_MAIN))
      throw new Error(`npm run build failed and there is no ${BOT_MAIN}: ${String(err)}`);
    return 'npm run build reported errors (dist/ may not match the sources)';
  }
}

async function runScenario(name: ScenarioName, ctx: ScenarioContext): Promise<ScenarioOutcome> {
  progress(`scenario ${name}`);
  try {
    const run = await RUNNERS[name]();
    return await run(ctx);
  } catch (err) {
    const text = (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').trim();
    const why = `harness error: ${text.length > 300 ? `${text.slice(0, 299)}…` : text}`;
    progress(`${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return skippedOutcome(name, TITLES[name], 'The scenario stopped with an error before measuring.', why);
  }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if (options.render) {
    process.stdout.write(`\nWrote ${await rerender(options.render)}\n`);
    return;
  }
  const loadStart = Math.round((os.loadavg()[0] ?? 0) * 100) / 100;
  const startedAt = new Date().toISOString();
  const provisional: string[] = [];
  const partial = options.only.length < SCENARIOS.length;
  if (options.config.quick) provisional.push('a --quick smoke run');
  if (partial) provisional.push(`only ${options.only.join(', ')} ran`);
  if (options.build) {
    const buildProblem = build();
    if (buildProblem) provisional.push(buildProblem);
  }
  const cores = os.availableParallelism();
  if (loadStart > cores * BUSY_LOAD_PER_CORE)
    provisional.push(`the machine was busy (load average ${loadStart} on ${cores} cores at the start)`);
  const git = gitState();
  if (git.dirty) provisional.push('the working tree had uncommitted changes');

  let redis: RedisServerHandle | undefined;
  let fake: FakeSlack | undefined;
  const scenarios: ScenarioOutcome[] = [];
  try {
    redis = await startRedisServer();
    fake = await startFakeSlack();
    const ctx: ScenarioContext = { config: options.config, fake, redisUrl: redis.url, progress };
    for (const name of options.only) {
      const outcome = await runScenario(name, ctx);
      scenarios.push(outcome);
      if (outcome.skipped) provisional.push(`${name}: ${outcome.skipped}`);
      fake.reset();
    }
  } finally {
    await fake?.close();
    await redis?.dispose();
  }

  const results: BenchResults = {
    startedAt,
    finishedAt: new Date().toISOString(),
    mode: options.config.quick ? 'quick' : 'full',
    partial,
    provisional,
    git,
    machine: machineInfo(loadStart),
    cloud: options.config.cloud,
    processStyle: processStyle(options.config.cloud),
    scenarios,
  };
  const written = await writeResults(results);
  process.stdout.write(renderConsole(results));
  process.stdout.write(`\nWrote ${written.json} and ${written.markdown}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
