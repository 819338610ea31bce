import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '#src/playground/slack/index.js';
import { startTestBot, TEST_SIGNING_SECRET, type TestBot } from '../../helpers/bot-harness.js';
import { DOCUMENTED_USAGES } from '../../helpers/documented-usages.js';
import { createSlackDriver, type SlackDriver } from '../../helpers/slack-driver.js';
import { nowSeconds } from '../../helpers/slack-signer.js';

let fake: FakeSlack;
let bot: TestBot;
let slack: SlackDriver;

beforeAll(async () => {
  fake = await startFakeSlack();
  bot = await startTestBot({ apiUrl: fake.apiUrl });
  slack = createSlackDriver({ baseUrl: bot.baseUrl, signingSecret: TEST_SIGNING_SECRET, fake });
});

afterAll(async () => {
  await bot.stop();
  await fake.close();
});

async function handledRequests(): Promise<number> {
  const metric = await bot.bot.metrics.slackRequests.get();
  return metric.values.reduce((sum, v) => sum + v.value, 0);
}

describe('the bot in HTTP mode', () => {
  it('should answer a signed /vpcep help with the usage of every subcommand, ephemerally', async () => {
    const response = await slack.command({ text: 'help', userId: 'U0ALICE', channelId: 'C0OPS' });
    expect(response.status).toBe(200);
    const body = response.body as { response_type: string; text: string; blocks: unknown[] };
    expect(body.response_type).toBe('ephemeral');
    for (const usage of DOCUMENTED_USAGES) expect(body.text).toContain(usage);
    expect(body.text).toContain('sandbox');
  });

  it('should answer unknown input with help that names the unknown word', async () => {
    const response = await slack.command({ text: 'frobnicate now', userId: 'U0ALICE', channelId: 'C0OPS' });
    const body = response.body as { response_type: string; text: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain("I don't know `frobnicate`");
    expect(body.text).toContain('/vpcep list [filter]');
  });

  it.each([
    ['a wrong signature', { signingSecret: 'not-the-secret' }],
    ['a timestamp older than 5 minutes', { timestampSec: nowSeconds() - 6 * 60 }],
  ])('should refuse %s with 401, run no listener and call no Web API', async (label, send) => {
    const handledBefore = await handledRequests();
    const refused = await slack.event(
      { type: 'app_home_opened', user: 'U0REFUSED', channel: 'D0R', tab: 'home', event_ts: '1.0' },
      { eventId: `Ev${label.length}` },
      send,
    );
    expect(refused.status).toBe(401);
    // A signed request afterwards: once its Web API call arrives, anything the refused one started would show.
    await slack.event({
      type: 'app_home_opened',
      user: 'U0MARKER',
      channel: 'D0M',
      tab: 'home',
      event_ts: '1.0',
    });
    await fake.waitForCall('views.publish', (call) => call.args.user_id === 'U0MARKER');
    expect(fake.calls('views.publish').filter((c) => c.args.user_id === 'U0REFUSED')).toEqual([]);
    await expect.poll(handledRequests).toBe(handledBefore + 1);
  });

  it('should serve /healthz, /readyz and /metrics', async () => {
    expect((await fetch(`${bot.baseUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${bot.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, redis: 'ok' });
    const metrics = await (await fetch(`${bot.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/vpcep_slack_requests_total\{kind="command",outcome="ok"\} \d+/);
    expect(metrics).toContain('vpcep_slack_listener_seconds_bucket');
  });

  it('should never send a payload Slack would refuse', () => {
    fake.assertNoRejections();
  });
});
