import { WebClient } from '@slack/web-api';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '#src/playground/slack/index.js';
import { createChannelPoster } from '#src/slack/channel-poster.js';
import { webClientOptions } from '#src/slack/web-clients.js';
import {
  startTestBot,
  TEST_BOT_TOKEN,
  TEST_SIGNING_SECRET,
  type TestBot,
} from '../../helpers/bot-harness.js';
import { createSlackDriver } from '../../helpers/slack-driver.js';

let fake: FakeSlack;
beforeAll(async () => {
  fake = await startFakeSlack();
});
afterAll(() => fake.close());

function poster(intervalMs: number) {
  const slack = {
    botToken: TEST_BOT_TOKEN,
    socketMode: false,
    apiUrl: fake.apiUrl,
    apiRetries: 0,
    groupCacheSeconds: 120,
  };
  const client = new WebClient(TEST_BOT_TOKEN, webClientOptions(slack, 5000));
  return createChannelPoster({ client, logger: pino({ level: 'silent' }), intervalMs });
}

describe('the paced channel poster', () => {
  it('should keep posts to one channel in order and apart, while another channel is not held up', async () => {
    fake.reset();
    const post = poster(150);
    const sent = await Promise.all([
      post.post({ channel: 'C0PACED', text: 'one' }),
      post.post({ channel: 'C0PACED', text: 'two' }),
      post.post({ channel: 'C0OTHER', text: 'elsewhere' }),
      post.post({ channel: 'C0PACED', text: 'three' }),
    ]);
    expect(sent.every((m) => m.ts)).toBe(true);
    const paced = fake.calls('chat.postMessage').filter((c) => c.args.channel === 'C0PACED');
    expect(paced.map((c) => c.args.text)).toEqual(['one', 'two', 'three']);
    for (let i = 1; i < paced.length; i++) {
      expect((paced[i]?.at ?? 0) - (paced[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(140);
    }
    const other = fake.calls('chat.postMessage').find((c) => c.args.channel === 'C0OTHER');
    expect(other?.index).toBeLessThan(paced[1]?.index ?? -1);
  });

  it("should wait for Slack's Retry-After on a 429 and then deliver the post", async () => {
    fake.reset();
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const result = await poster(10).post({ channel: 'C0LIMIT', text: 'after the limit' });
    const calls = fake.calls('chat.postMessage');
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(fake.message('C0LIMIT', result.ts)?.text).toBe('after the limit');
  });

  it('should name the fix when the bot cannot post in the channel', async () => {
    fake.reset();
    fake.setChannelError('C0PRIVATE', 'not_in_channel');
    await expect(poster(10).post({ channel: 'C0PRIVATE', text: 'x' })).rejects.toMatchObject({
      userMessage: expect.stringContaining('/invite @vpcep-bot'),
    });
    fake.setChannelError('C0PRIVATE', undefined);
  });
});

describe('interactive calls while channel posts are rate limited', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ apiUrl: fake.apiUrl });
  });
  afterAll(() => bot.stop());

  it('should not hold a view call behind a rate-limited post', async () => {
    fake.reset();
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 2 });
    const posted = bot.bot.poster.post({ channel: 'C0BUSY', text: 'digest' });
    await fake.waitForCall('chat.postMessage');
    const slack = createSlackDriver({ baseUrl: bot.baseUrl, signingSecret: TEST_SIGNING_SECRET, fake });
    await slack.event({
      type: 'app_home_opened',
      user: 'U0ALICE',
      channel: 'D0HOME',
      tab: 'home',
      event_ts: '1.0',
    });
    const publish = await fake.waitForCall('views.publish');
    await posted;
    const retried = fake.calls('chat.postMessage').at(-1);
    expect(publish.index).toBeLessThan(retried?.index ?? -1);
    fake.assertNoRejections();
  });
});
