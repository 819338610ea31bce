/**
 * Socket Mode through a Slack outage: the socket drops and `apps.connections.open` keeps failing for a
 * while. The process must stay up and reconnect by itself once Slack is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '#src/playground/slack/index.js';
import { type FakeSocketMode, startFakeSocketMode } from '../fakes/fake-socket-mode.js';
import { TEST_BOT_TOKEN } from '../helpers/bot-harness.js';
import { type BotProcess, startBotProcess } from '../helpers/bot-process.js';
import { freePort } from '../helpers/redis-server.js';
import { testRedisUrl, uniquePrefix } from '../helpers/redis-test.js';
import { slashCommandPayload } from '../helpers/slack-payloads.js';

let fake: FakeSlack;
let socket: FakeSocketMode;
let bot: BotProcess;

beforeAll(async () => {
  fake = await startFakeSlack();
  socket = await startFakeSocketMode();
  fake.attachSocketMode(socket);
  bot = await startBotProcess(
    {
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_APP_TOKEN: 'xapp-1-A0TEST-1-outage',
      SLACK_API_URL: fake.apiUrl,
      SLACK_API_RETRIES: '0',
      REDIS_URL: testRedisUrl(),
      REDIS_KEY_PREFIX: uniquePrefix('socket'),
    },
    await freePort(),
  );
  await socket.connected(10_000);
});

afterAll(async () => {
  await bot.kill();
  await socket.close();
  await fake.close();
});

describe('Socket Mode during a Slack outage', () => {
  it('should stay alive while Slack is unreachable and reconnect when it returns', async () => {
    const opensBefore = fake.calls('apps.connections.open').length;
    fake.failNext('apps.connections.open', { status: 503 }, 3);
    socket.disconnect('outage');
    await expect
      .poll(() => fake.calls('apps.connections.open').length, { timeout: 20_000 })
      .toBeGreaterThan(opensBefore + 3);
    expect(bot.proc.exitCode).toBeNull();
    expect((await fetch(`${bot.baseUrl}/healthz`)).status).toBe(200);
    await socket.connected(20_000);
    const payload = slashCommandPayload({
      text: 'help',
      userId: 'U0ALICE',
      channelId: 'C0OPS',
      triggerId: fake.issueTriggerId(),
      responseUrl: fake.issueResponseUrl({ channelId: 'C0OPS', userId: 'U0ALICE' }),
    });
    const ack = await socket.send('slash_commands', payload, { acceptsResponsePayload: true });
    expect((ack.payload as { text: string }).text).toContain('/vpcep create');
  });
});
