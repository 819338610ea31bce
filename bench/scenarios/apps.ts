/** Starts the bot and the bare Bolt baseline side by side for one scenario, and stops both. */
import { randomBytes } from 'node:crypto';
import type { ChildApp } from '../child-app.js';
import type { ScenarioContext, TargetRow } from '../outcome.js';
import { type BotChild, startBareBolt, startBot } from '../processes.js';
import { type SandboxAdmin, sandboxAdmin } from '../sandbox-admin.js';

export interface AppPair {
  readonly bot: BotChild;
  readonly bare: ChildApp;
  readonly sandbox: SandboxAdmin;
  stop(): Promise<void>;
}

/** A key prefix no other app of this run uses. */
export function freshPrefix(label: string): string {
  return `bench:${label}:${randomBytes(3).toString('hex')}:`;
}

export async function startPair(
  ctx: ScenarioContext,
  label: string,
  options: { botEnv?: Record<string, string>; updateActions?: readonly string[] } = {},
): Promise<AppPair> {
  const bot = await startBot({
    apiUrl: ctx.fake.apiUrl,
    redisUrl: ctx.redisUrl,
    keyPrefix: freshPrefix(label),
    ...(options.botEnv ? { env: options.botEnv } : {}),
  });
  let bare: ChildApp;
  try {
    bare = await startBareBolt({ apiUrl: ctx.fake.apiUrl, updateActions: options.updateActions ?? [] });
  } catch (err) {
    await bot.stop();
    throw err;
  }
  return {
    bot,
    bare,
    sandbox: sandboxAdmin(bot.sandboxUrl),
    stop: async () => {
      await Promise.all([bot.stop(), bare.stop()]);
    },
  };
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
