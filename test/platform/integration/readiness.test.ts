import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '#src/playground/slack/index.js';
import { startTestBot, TEST_SIGNING_SECRET, type TestBot } from '../../helpers/bot-harness.js';
import { until } from '../../helpers/eventually.js';
import { type RedisServerHandle, startRedisServer } from '../../helpers/redis-server.js';
import { createSlackDriver } from '../../helpers/slack-driver.js';

let redis: RedisServerHandle;
let fake: FakeSlack;
let bot: TestBot;

beforeAll(async () => {
  redis = await startRedisServer();
  fake = await startFakeSlack();
  bot = await startTestBot({ apiUrl: fake.apiUrl, redisUrl: redis.url });
});

afterAll(async () => {
  await bot.stop();
  await fake.close();
  await redis.dispose();
});

/** GET /readyz, giving up after 1.5 s: the probe must answer within a second. */
async function readyz(): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${bot.baseUrl}/readyz`, { signal: AbortSignal.timeout(1500) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('readiness while Redis comes and goes', () => {
  it('should turn 503 when Redis stops and 200 when it returns, staying alive throughout', async () => {
    expect((await readyz()).status).toBe(200);

    await redis.stop();
    const down = await readyz();
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ ready: false, redis: 'unreachable' });
    expect((await fetch(`${bot.baseUrl}/healthz`)).status).toBe(200);

    const slack = createSlackDriver({ baseUrl: bot.baseUrl, signingSecret: TEST_SIGNING_SECRET, fake });
    const help = await slack.command({ text: 'help', userId: 'U0ALICE', channelId: 'C0OPS' });
    expect(help.status).toBe(200);
    expect((help.body as { text: string }).text).toContain('/vpcep create');

    await redis.restart();
    await until(async () => (await readyz()).status === 200);
    expect((await readyz()).body).toMatchObject({ ready: true, redis: 'ok' });
  });
});
