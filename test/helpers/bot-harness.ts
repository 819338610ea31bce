/**
 * Starts the whole bot in-process (the real `createBot`, real Bolt over HTTP, real Redis) against the
 * fake Slack Web API and, unless OTC_* variables are given, the sandbox cloud. Logs are captured so tests
 * can assert what reached them.
 */
import { Writable } from 'node:stream';
import { type Bot, type BotOptions, createBot } from '#src/app.js';
import { loadConfig } from '#src/platform/config/load-config.js';
import { testRedisUrl, uniquePrefix } from './redis-test.js';

export const TEST_BOT_TOKEN = 'xoxb-test-1111-2222-bottokensecret';
export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export interface TestBot {
  readonly bot: Bot;
  readonly baseUrl: string;
  readonly port: number;
  readonly keyPrefix: string;
  /** Every log line written so far, raw JSON text. */
  logText(): string;
  stop(): Promise<void>;
}

export interface TestBotOptions {
  apiUrl: string;
  redisUrl?: string;
  keyPrefix?: string;
  env?: Record<string, string>;
  /** Cloud knobs; by default the sandbox creates and deletes in 200 ms and the client backs off in ms. */
  cloud?: BotOptions['cloud'];
  /** Creation knobs (retry window, resume interval); production defaults when absent. */
  create?: BotOptions['create'];
  /** Management knobs (the digest job's interval); production defaults when absent. */
  manage?: BotOptions['manage'];
}

/** Fast sandbox and client timings for tests (no timed assertions depend on them). */
export const FAST_CLOUD: NonNullable<BotOptions['cloud']> = {
  sandbox: { createDelayMs: 200, deleteDelayMs: 200 },
  tuning: {
    retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
    wait: { timeoutMs: 10_000, intervalMs: 50, maxIntervalMs: 100 },
    create: { lookupDelayMs: 20, lookups: 3 },
  },
};

/** The environment a test bot runs with; `env` overrides it. */
export function testEnv(options: TestBotOptions, keyPrefix: string): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: options.apiUrl,
    SLACK_API_RETRIES: '0',
    REDIS_URL: options.redisUrl ?? testRedisUrl(),
    REDIS_KEY_PREFIX: keyPrefix,
    LOG_LEVEL: 'debug',
    // Tests list and refresh faster than a person; the limit's own tests set it back to the default 5.
    LIST_RATE_BURST: '1000',
    ...options.env,
  };
}

export async function startTestBot(options: TestBotOptions): Promise<TestBot> {
  const keyPrefix = options.keyPrefix ?? uniquePrefix('bot');
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const bot = await createBot(loadConfig(testEnv(options, keyPrefix)), {
    logDestination: destination,
    drainTimeoutMs: 2000,
    ...(options.cloud ? { cloud: options.cloud } : {}),
    ...(options.create ? { create: options.create } : {}),
    ...(options.manage ? { manage: options.manage } : {}),
  });
  const { port } = await bot.start(0);
  return {
    bot,
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    keyPrefix,
    logText: () => chunks.join(''),
    stop: () => bot.stop(),
  };
}
