/**
 * The local playground (DESIGN §8): a Slack-compatible workspace on loopback for running the bot with no
 * Slack workspace. Only the composition root imports this, lazily, when no Slack token is set. It runs in
 * three steps around the bot's own start-up:
 *
 *   startPlayground(env)  → the emulator runs; `botEnv` is the bot's environment (token, secret, API URL)
 *   restore(redis, …)     → the saved conversation is back, before the bot's jobs can post
 *   open({ botPort, … })  → the page listens; its URL is the last start-up log line
 */

import { setTimeout as sleep } from 'node:timers/promises';
import type { Cloud } from '../cloud/index.js';
import type { SubcommandSpec } from '../domain/subcommand-spec.js';
import type { Logger } from '../platform/logging/logger.js';
import type { RedisClient } from '../redis/redis-connection.js';
import { Activity } from './activity.js';
import { botEnv, newSecrets, playgroundPort } from './bot-env.js';
import { cloudSideOf } from './cloud-side.js';
import { type PageServer, startPageServer } from './page-server.js';
import { type Persistence, persistConversation, restoreConversation } from './persistence.js';
import { Session } from './session.js';
import { createSlackDriver } from './slack/bot-driver.js';
import { startFakeSlack } from './slack/index.js';
import { postWelcome } from './welcome.js';
import { seedWorkspace } from './workspace.js';

type Env = Record<string, string | undefined>;

/** Web API calls the playground remembers (enough for the emulator's checks, bounded for a long run). */
const KEEP_CALLS = 500;

/**
 * The bot's jobs take their first turn (and log it) within a second of start; the URL is logged after
 * them, so it is the last start-up line a person reads.
 */
const JOBS_SETTLE_MS = 1200;

export interface Playground {
  /** The environment to load the bot's config from. */
  readonly botEnv: Env;
  restore(redis: RedisClient, keyPrefix: string, logger: Logger): Promise<void>;
  /** Starts the page; resolves with its URL once it is logged. */
  open(bot: {
    botPort: number;
    cloud: Cloud;
    logger: Logger;
    commands: readonly SubcommandSpec[];
  }): Promise<string>;
  /** Stops the page and saves the conversation (before the bot closes Redis). */
  stop(): Promise<void>;
  /** Stops the emulator (after the bot has stopped calling it). */
  close(): Promise<void>;
}

/** What a person reads when the playground is ready (on stderr, after the JSON log). */
function readyLines(url: string, sandbox: boolean): string {
  const cloud = sandbox ? 'the sandbox cloud (no OTC_* variables set)' : 'your OTC cloud';
  return [
    '',
    `vpcep-bot runs with a local Slack workspace (no SLACK_BOT_TOKEN set) and ${cloud}.`,
    `playground: open ${url}`,
    '',
  ].join('\n');
}

export async function startPlayground(env: Env): Promise<Playground> {
  const port = playgroundPort(env);
  const secrets = newSecrets();
  const fake = await startFakeSlack({ keepCalls: KEEP_CALLS });
  seedWorkspace(fake);
  const activity = new Activity();
  let version = 0;
  activity.on(() => {
    version += 1;
  });
  fake.onActivity(() => activity.emit());
  let persistence: Persistence | undefined;
  let page: PageServer | undefined;

  return {
    botEnv: botEnv(env, secrets, fake.apiUrl),
    async restore(redis, keyPrefix, logger) {
      await restoreConversation(fake, redis, keyPrefix, logger);
      persistence = persistConversation(fake, activity, redis, keyPrefix, logger);
    },
    async open({ botPort, cloud, logger, commands }) {
      const driver = createSlackDriver({
        baseUrl: `http://127.0.0.1:${botPort}`,
        signingSecret: secrets.signingSecret,
        fake,
      });
      const session = new Session(fake, driver, activity);
      page = await startPageServer(
        { fake, session, cloud: cloudSideOf(cloud), version: () => version, commands },
        activity,
        port,
        logger,
      );
      postWelcome(fake);
      activity.emit();
      await sleep(JOBS_SETTLE_MS);
      logger.info({ url: page.url }, `playground: open ${page.url}`);
      // The log is JSON for machines; a person starting `npm start` reads these plain lines last.
      process.stderr.write(readyLines(page.url, cloud.sandbox !== undefined));
      return page.url;
    },
    async stop() {
      await page?.close();
      await persistence?.stop();
    },
    close: () => fake.close(),
  };
}
