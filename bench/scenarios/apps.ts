/**
 * Starts the cloud, the bot and the bare Bolt baseline side by side for one scenario, and stops them.
 * The cloud answers every API call `cloudMs` late (a remote cloud's round trip), unless a scenario
 * changes that with `setCloudLatency`.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChildApp } from '../child-app.js';
import type { ScenarioContext, TargetRow } from '../outcome.js';
import { type BotChild, startBareBolt, startBot, startCloud } from '../processes.js';
import { type SandboxAdmin, sandboxAdmin } from '../sandbox-admin.js';

export interface AppPair {
  readonly bot: BotChild;
  readonly bare: ChildApp;
  readonly sandbox: SandboxAdmin;
  /** From now on every cloud API call takes `ms` more (replaces the latency set before). */
  setCloudLatency(ms: number): Promise<void>;
  stop(): Promise<void>;
}

/** Replaces the latency the cloud adds to every API call. */
async function setLatency(sandbox: SandboxAdmin, ms: number): Promise<void> {
  await sandbox.clearFaults();
  if (ms > 0) await sandbox.addFault({ latencyMs: ms });
}

/** A key prefix no other app of this run uses. */
export function freshPrefix(label: string): string {
  return `bench:${label}:${randomBytes(3).toString('hex')}:`;
}

export interface PairOptions {
  readonly botEnv?: Record<string, string>;
  /** Action ids bare Bolt answers with ack + chat.update. */
  readonly updateActions?: readonly string[];
  /** Action ids bare Bolt answers with ack + an ephemeral `response_url` notice, as the bot tells a non-owner. */
  readonly noticeActions?: readonly string[];
  /** Writes what the bot must find at start (cloud state through the admin API, Redis records). */
  readonly seed?: (sandbox: SandboxAdmin, keyPrefix: string) => Promise<void>;
}

/** The job runner's first tick comes within a second of the start. */
const FIRST_TICK_MS = 1200;

/**
 * With the embedded cloud, seeding needs a bot process whose sandbox holds the state (in Redis, under
 * the bot's prefix) before the bot under test starts on it. Its poller ticks once at start, on an empty
 * sandbox, and not again for minutes.
 */
async function seedThroughSeeder(ctx: ScenarioContext, keyPrefix: string, seed: PairOptions['seed']) {
  if (!seed) return;
  const env = { APPROVAL_POLL_SECONDS: '300' };
  const seeder = await startBot({ apiUrl: ctx.fake.apiUrl, redisUrl: ctx.redisUrl, keyPrefix, env });
  try {
    await sleep(FIRST_TICK_MS);
    await seed(sandboxAdmin(seeder.sandboxUrl), keyPrefix);
  } finally {
    await seeder.stop();
    ctx.fake.reset();
  }
}

/** The cloud (external process or embedded), seeded, then the bot on it, then bare Bolt. */
export async function startPair(
  ctx: ScenarioContext,
  label: string,
  options: PairOptions = {},
): Promise<AppPair> {
  const keyPrefix = freshPrefix(label);
  const cloud =
    ctx.config.cloud === 'external' ? await startCloud(ctx.redisUrl, `${keyPrefix}cloud:`) : undefined;
  const started: ChildApp[] = cloud ? [cloud] : [];
  const stopAll = () => Promise.all(started.map((app) => app.stop())).then(() => undefined);
  try {
    if (cloud) await options.seed?.(sandboxAdmin(cloud.url), keyPrefix);
    else await seedThroughSeeder(ctx, keyPrefix, options.seed);
    const bot = await startBot({
      apiUrl: ctx.fake.apiUrl,
      redisUrl: ctx.redisUrl,
      keyPrefix,
      ...(cloud ? { cloudUrl: cloud.url } : {}),
      ...(options.botEnv ? { env: options.botEnv } : {}),
    });
    started.push(bot);
    const sandbox = sandboxAdmin(bot.sandboxUrl);
    await setLatency(sandbox, ctx.config.cloudMs);
    const bare = await startBareBolt({
      apiUrl: ctx.fake.apiUrl,
      updateActions: options.updateActions ?? [],
      noticeActions: options.noticeActions ?? [],
    });
    started.push(bare);
    return {
      bot,
      bare,
      sandbox,
      setCloudLatency: (ms) => setLatency(sandbox, ms),
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** How many error lines each app logged during the scenario: a sanity check of the harness and the app. */
export function errorRow(pair: AppPair): TargetRow {
  const bot = pair.bot.errors();
  const bare = pair.bare.errors();
  const first = bot.first ?? bare.first;
  return {
    measure: 'error lines the apps logged',
    unit: 'count',
    bot: bot.count,
    bare: bare.count,
    ratio: null,
    target: '0 expected',
    verdict: 'info',
    ...(first ? { note: `first: ${first.slice(0, 200)}` } : {}),
  };
}

/** Alternates which app goes first, round by round, so slow drift on a shared machine hits both. */
export function roundOrder<T>(round: number, bare: T, bot: T): [T, T] {
  return round % 2 === 0 ? [bare, bot] : [bot, bare];
}
