/**
 * `npm run bench [-- --quick] [-- --only a,b] [-- --runs 3] [-- --label before] [-- --out <dir>]
 * [-- --no-build] [-- --render <results.json>]`: builds the bot, starts a private redis-server and the
 * fake Slack, runs each scenario against the bot and a bare Bolt app side by side (the timing scenarios
 * `--runs` times, the whole sequence each time, so the runs interleave; the call-counting poller once),
 * then writes `bench/results/<stamp>.json` and `bench/RESULTS.md` with each row's median, and prints
 * the tables. Speed is measured here as ratios against bare Bolt in the same run, never asserted in the
 * test suite.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { type FakeSlack, startFakeSlack } from '#src/playground/slack/index.js';
import { type RedisServerHandle, startRedisServer } from '../test/helpers/redis-server.js';
import { parseArgs, type RunOptions } from './args.js';
import { ROOT } from './child-app.js';
import { ONCE_ONLY, SCENARIOS, type ScenarioName } from './config.js';
import { medianOfRuns } from './median-runs.js';
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
import { TITLES } from './targets.js';

type Runner = (ctx: ScenarioContext) => Promise<ScenarioOutcome>;

/** Loaded when run, so a scenario whose imports are broken fails alone instead of the whole run. */
const RUNNERS: Record<ScenarioName, () => Promise<Runner>> = {
  startup: async () => (await import('./scenarios/startup-time.js')).startupTime,
  create: async () => (await import('./scenarios/create-latency.js')).createLatency,
  'open-loop': async () => (await import('./scenarios/open-loop.js')).openLoopLatency,
  clicks: async () => (await import('./scenarios/click-rate.js')).clickRate,
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

async function runScenario(name: ScenarioName, ctx: ScenarioContext, pass: string): Promise<ScenarioOutcome> {
  progress(`${pass}scenario ${name}`);
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

/**
 * The passes: the timing scenarios `runs` times (the whole sequence each time), then those that count
 * rather than time (the poller) once.
 */
function passes(options: RunOptions): { label: string; names: ScenarioName[] }[] {
  const timed = options.only.filter((name) => !ONCE_ONLY.includes(name));
  const once = options.only.filter((name) => ONCE_ONLY.includes(name));
  const label = (i: number) => (options.runs > 1 ? `run ${i + 1}/${options.runs}: ` : '');
  return [
    ...Array.from({ length: options.runs }, (_, i) => ({ label: label(i), names: timed })),
    ...(once.length > 0 ? [{ label: '', names: once }] : []),
  ].filter((pass) => pass.names.length > 0);
}

/** Runs every pass on one redis-server and one fake Slack; each pass's outcomes in order. */
async function runPasses(options: RunOptions, provisional: string[]): Promise<ScenarioOutcome[][]> {
  let redis: RedisServerHandle | undefined;
  let fake: FakeSlack | undefined;
  const done: ScenarioOutcome[][] = [];
  try {
    redis = await startRedisServer();
    fake = await startFakeSlack();
    const ctx: ScenarioContext = { config: options.config, fake, redisUrl: redis.url, progress };
    for (const pass of passes(options)) {
      const outcomes: ScenarioOutcome[] = [];
      for (const name of pass.names) {
        const outcome = await runScenario(name, ctx, pass.label);
        outcomes.push(outcome);
        if (outcome.skipped) provisional.push(`${pass.label}${name}: ${outcome.skipped}`);
        fake.reset();
      }
      done.push(outcomes);
    }
  } finally {
    await fake?.close();
    await redis?.dispose();
  }
  return done;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if (options.render) {
    process.stdout.write(`\nWrote ${await rerender(options.render, options.out)}\n`);
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

  const scenarios = medianOfRuns(await runPasses(options, provisional), options.runs);
  const results: BenchResults = {
    ...(options.label ? { label: options.label } : {}),
    runs: options.runs,
    startedAt,
    finishedAt: new Date().toISOString(),
    mode: options.config.quick ? 'quick' : 'full',
    partial,
    provisional,
    git,
    machine: machineInfo(loadStart),
    cloud: options.config.cloud,
    cloudMs: options.config.cloudMs,
    processStyle: processStyle(options.config.cloud, options.config.cloudMs),
    scenarios,
  };
  const written = await writeResults(results, options.out);
  process.stdout.write(renderConsole(results));
  process.stdout.write(`\nWrote ${written.json} and ${written.markdown}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
