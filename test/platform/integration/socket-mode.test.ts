import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '#src/playground/slack/index.js';
import { type FakeSocketMode, startFakeSocketMode } from '../../fakes/fake-socket-mode.js';
import { startTestBot, type TestBot } from '../../helpers/bot-harness.js';
import { DOCUMENTED_USAGES } from '../../helpers/documented-usages.js';
import { slashCommandPayload } from '../../helpers/slack-payloads.js';

let fake: FakeSlack;
let socket: FakeSocketMode;
let bot: TestBot;

beforeAll(async () => {
  fake = await startFakeSlack();
  socket = await startFakeSocketMode();
  fake.attachSocketMode(socket);
  bot = await startTestBot({
    apiUrl: fake.apiUrl,
    env: { SLACK_APP_TOKEN: 'xapp-1-A0TEST-1-appsecret', SLACK_SIGNING_SECRET: '', LOG_LEVEL: 'trace' },
  });
  await socket.connected();
});

afterAll(async () => {
  await bot.stop();
  await socket.close();
  await fake.close();
});

describe('the bot in Socket Mode', () => {
  it('should open its connection with the app token through SLACK_API_URL', () => {
    const call = fake.lastCall('apps.connections.open');
    expect(call?.token).toBe('xapp-1-A0TEST-1-appsecret');
  });

  it('should answer /vpcep help in the ack envelope', async () => {
    const payload = slashCommandPayload({
      text: 'help',
      userId: 'U0ALICE',
      channelId: 'C0OPS',
      triggerId: fake.issueTriggerId(),
      responseUrl: fake.issueResponseUrl({ channelId: 'C0OPS', userId: 'U0ALICE' }),
    });
    const ack = await socket.send('slash_commands', payload, { acceptsResponsePayload: true });
    const body = ack.payload as { response_type: string; text: string };
    expect(body.response_type).toBe('ephemeral');
    for (const usage of DOCUMENTED_USAGES) expect(body.text).toContain(usage);
  });

  it('should keep the app token out of the logs', () => {
    expect(bot.logText().length).toBeGreaterThan(0);
    expect(bot.logText()).not.toContain('xapp-1-A0TEST-1-appsecret');
  });

  it('should still serve the probes on PORT', async () => {
    expect((await fetch(`${bot.baseUrl}/healthz`)).status).toBe(200);
    expect((await fetch(`${bot.baseUrl}/readyz`)).status).toBe(200);
  });
});
