/**
 * Bot processes started one after another on the same Redis state (one key prefix), as a restart or a
 * crash leaves it, each driven through the one fake Slack with signed requests.
 */
import type { Redis } from 'ioredis';
import { FAKE_TEAM, type FakeSlack } from '#src/playground/slack/index.js';
import { TEST_SIGNING_SECRET, testEnv } from './bot-harness.js';
import { type BotProcess, startBotProcess } from './bot-process.js';
import { freePort } from './redis-server.js';
import { assertionClient } from './redis-test.js';
import { createSlackDriver, type SlackDriver } from './slack-driver.js';

export interface ProcessSeries {
  /** Starts the next process on the shared state; drive it with the returned fake and driver. */
  next(): Promise<{
    fake: FakeSlack;
    slack: SlackDriver;
    draftIdOf(userId: string): Promise<string | undefined>;
  }>;
  /** The process running now, if any. */
  current(): BotProcess | undefined;
  /** Kills the running process at once (SIGKILL), as a crash would. */
  kill(): Promise<void>;
}

export function processSeries(fake: FakeSlack, prefix: string): ProcessSeries {
  let running: BotProcess | undefined;
  let redis: Redis | undefined;
  const draftIdOf = async (userId: string) => {
    redis ??= assertionClient();
    return (await redis.hget(`${prefix}create:draft:{${FAKE_TEAM.teamId}:${userId}}`, 'id')) ?? undefined;
  };
  return {
    async next() {
      const env = { ...testEnv({ apiUrl: fake.apiUrl }, prefix), LOG_LEVEL: 'warn' };
      const started = await startBotProcess(env, await freePort());
      running = started;
      return {
        fake,
        slack: createSlackDriver({ baseUrl: started.baseUrl, signingSecret: TEST_SIGNING_SECRET, fake }),
        draftIdOf,
      };
    },
    current: () => running,
    async kill() {
      await running?.kill();
      running = undefined;
      redis?.disconnect();
      redis = undefined;
    },
  };
}
