import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '#src/playground/slack/index.js';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../helpers/bot-harness.js';
import { exited, spawnBot, startBotProcess } from '../helpers/bot-process.js';
import { freePort } from '../helpers/redis-server.js';
import { testRedisUrl, uniquePrefix } from '../helpers/redis-test.js';
import { createSlackDriver } from '../helpers/slack-driver.js';

let fake: FakeSlack;
const dirs: string[] = [];

beforeAll(async () => {
  fake = await startFakeSlack();
});
afterAll(async () => {
  await fake.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vpcep-e2e-'));
  dirs.push(dir);
  return dir;
}

const slackEnv = () => ({
  SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
  SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
  SLACK_API_URL: fake.apiUrl,
  SLACK_API_RETRIES: '0',
});

describe('the bot process', () => {
  it('should exit 1 with one error naming every bad variable, and no stack trace', async () => {
    const { proc, output } = spawnBot(
      { SLACK_BOT_TOKEN: 'oops', PORT: 'eighty', APPROVAL_REMIND_AFTER: 'later', OTC_REGION: 'eu-de' },
      scratchDir(),
    );
    expect(await exited(proc)).toBe(1);
    const text = output();
    for (const name of ['SLACK_BOT_TOKEN', 'PORT', 'APPROVAL_REMIND_AFTER'])
      expect(text).toContain(`${name}:`);
    expect(text).toContain('Invalid configuration');
    expect(text).not.toMatch(/\n\s+at /);
  });

  it('should start with `npm start` from the repository (built by `npm ci`) and answer /healthz', async () => {
    const port = await freePort();
    // Every variable explicit, so a developer's .env in the repository cannot change the outcome.
    const env = {
      ...slackEnv(),
      SLACK_APP_TOKEN: '',
      REDIS_URL: testRedisUrl(),
      REDIS_KEY_PREFIX: uniquePrefix('npm'),
    };
    const bot = await startBotProcess(env, port, undefined, 'npm-start');
    try {
      expect((await fetch(`${bot.baseUrl}/healthz`)).status).toBe(200);
    } finally {
      await bot.kill();
    }
  });

  it('should answer Slack, then exit 0 on SIGTERM within 10 s', async () => {
    const port = await freePort();
    const bot = await startBotProcess(
      { ...slackEnv(), REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix('e2e') },
      port,
      scratchDir(),
    );
    const slack = createSlackDriver({ baseUrl: bot.baseUrl, signingSecret: TEST_SIGNING_SECRET, fake });
    const help = await slack.command({ text: 'help', userId: 'U0ALICE', channelId: 'C0OPS' });
    expect((help.body as { text: string }).text).toContain('/vpcep create');
    const { code, ms } = await bot.signal('SIGTERM');
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
  });

  it('should run a private append-only redis-server under .data/redis when REDIS_URL is unset', async () => {
    const dir = scratchDir();
    const port = await freePort();
    const bot = await startBotProcess(slackEnv(), port, dir);
    try {
      const ready = await fetch(`${bot.baseUrl}/readyz`);
      expect(ready.status).toBe(200);
      expect(readdirSync(join(dir, '.data/redis'))).toContain('appendonlydir');
      expect(bot.output()).toContain('started a private redis-server');
    } finally {
      expect((await bot.signal('SIGINT')).code).toBe(0);
    }
  });

  it('should say how to install redis-server when it is missing and REDIS_URL is unset', async () => {
    const dir = scratchDir();
    mkdirSync(join(dir, 'bin'));
    symlinkSync(process.execPath, join(dir, 'bin', 'node'));
    const { proc, output } = spawnBot({ ...slackEnv(), PATH: join(dir, 'bin') }, dir);
    expect(await exited(proc)).toBe(1);
    expect(output()).toMatch(
      /no redis-server was found on PATH.*apt-get install -y redis-server.*REDIS_URL/s,
    );
  });
});
