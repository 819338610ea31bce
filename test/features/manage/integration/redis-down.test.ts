/**
 * Management while Redis is away: every command and the App Home answer with what they can and say
 * the bot's state is unavailable; nothing crashes, nothing is announced that was not saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack } from '#src/playground/slack/index.js';
import { waitForRedis } from '#src/redis/redis-connection.js';
import { FAST_CLOUD, startTestBot, TEST_SIGNING_SECRET } from '../../../helpers/bot-harness.js';
import { startTestCloud, TEST_AKSK, type TestCloud } from '../../../helpers/cloud-test.js';
import { type RedisServerHandle, startRedisServer } from '../../../helpers/redis-server.js';
import { createSlackDriver } from '../../../helpers/slack-driver.js';
import { blocksText, type ManageWorld, responded } from './manage-harness.js';

const UNAVAILABLE = 'cannot reach its state store (Redis)';

let redis: RedisServerHandle;
let cloud: TestCloud;
let world: ManageWorld;
let serviceId: string;

/**
 * The bot on a private Redis that the test stops, talking to an emulator of its own (on the shared
 * test Redis) as to a real cloud: only the bot's state goes away, the cloud keeps answering.
 */
beforeAll(async () => {
  redis = await startRedisServer({ appendOnly: true });
  cloud = await startTestCloud();
  const fake = await startFakeSlack();
  const bot = await startTestBot({
    apiUrl: fake.apiUrl,
    redisUrl: redis.url,
    cloud: { tuning: FAST_CLOUD.tuning },
    env: {
      OTC_REGION: 'eu-de',
      OTC_PROJECT_ID: cloud.projectId,
      OTC_ACCESS_KEY: TEST_AKSK.accessKey,
      OTC_SECRET_KEY: TEST_AKSK.secretKey,
      OTC_ENDPOINT_TEMPLATE: cloud.sandbox.url,
    },
  });
  const slack = createSlackDriver({ baseUrl: bot.baseUrl, signingSecret: TEST_SIGNING_SECRET, fake });
  world = {
    fake,
    bot,
    slack,
    core: bot.bot.core,
    sandbox: cloud.control,
    projectId: cloud.projectId,
    async close() {
      await bot.stop();
      await fake.close();
    },
  };
  ({
    serviceIds: [serviceId = ''],
  } = await cloud.control.bulkSeed(cloud.projectId, { services: 1 }));
  await world.core.records.put({
    projectId: world.projectId,
    serviceId,
    owners: { users: ['U0OWNER'], groups: [] },
  });
  await redis.stop();
});

afterAll(async () => {
  await world?.close();
  await cloud?.close();
  await redis?.dispose();
});

async function command(text: string, channelId = 'C0NOREDIS') {
  const res = await world.slack.command({ text, userId: 'U0OWNER', channelId });
  return responded(world, res.responseUrl);
}

describe('management while Redis is away', () => {
  it('should post the summary with the owners marked unavailable', async () => {
    const since = world.fake.callCount();
    await world.slack.command({ text: 'list', userId: 'U0OWNER', channelId: 'C0NOREDIS' });
    const call = await world.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0NOREDIS', {
      since,
    });
    const message = world.fake.message('C0NOREDIS', String(call.response.ts));
    const text = blocksText(message?.blocks);
    expect(text).toContain(`\`${serviceId}\``);
    expect(text).toContain('Owners: _unavailable right now_');
  });

  it('should show the details with the owners unavailable, saying why', async () => {
    const answer = await command(`show ${serviceId}`);
    const text = blocksText(answer.blocks);
    expect(text).toContain(`\`${serviceId}\``);
    expect(text).toContain(`*Owners*: _unavailable: The bot ${UNAVAILABLE}`);
  });

  it('should refuse a change with the reason and change nothing', async () => {
    const before = world.sandbox.requests().filter((r) => r.method !== 'GET').length;
    const answer = await command(`delete ${serviceId}`);
    expect(answer.text).toContain(UNAVAILABLE);
    expect(world.sandbox.requests().filter((r) => r.method !== 'GET')).toHaveLength(before);
  });

  it('should say on the App Home that the services and approvals are unavailable, not that there are none', async () => {
    const since = world.fake.callCount();
    await world.slack.event({ type: 'app_home_opened', user: 'U0OWNER', channel: 'D0HOME', tab: 'home' });
    const call = await world.fake.waitForCall('views.publish', (c) => c.args.user_id === 'U0OWNER', {
      since,
    });
    expect(call.response.ok).toBe(true);
    const text = blocksText(world.fake.homeView('U0OWNER')?.blocks ?? []);
    expect(text).toContain('Your services are unavailable right now or incomplete');
    expect(text).toContain(UNAVAILABLE);
    expect(text).not.toContain('You own no endpoint services yet');
  });

  it('should not announce a digest it could not save', async () => {
    const since = world.fake.callCount();
    const answer = await command('digest daily', 'C0NODIGEST');
    expect(answer.text).toContain(UNAVAILABLE);
    const posts = world.fake.calls('chat.postMessage').filter((c) => c.index >= since);
    expect(posts.filter((c) => c.args.channel === 'C0NODIGEST')).toEqual([]);
  });

  it('should work again once Redis is back', async () => {
    await redis.restart();
    expect(await waitForRedis(world.core.redis, 10_000)).toBe(true);
    const answer = await command(`show ${serviceId}`);
    expect(blocksText(answer.blocks)).toContain('*Owners*: <@U0OWNER>');
  });

  it('should never send a payload Slack would refuse', () => {
    world.fake.assertNoRejections();
  });
});
