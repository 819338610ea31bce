/**
 * Owner-group membership decides only when Slack just named it: a member removed from the group cannot
 * approve on an old list while Slack rate-limits the look-up, and made-up group IDs cannot make the bot
 * spend Slack's rate limit (a failed look-up is remembered for a while).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FakeSlack } from '#src/playground/slack/index.js';
import { createKeys } from '#src/redis/keys.js';
import { FUNCTION_ROUTE_APPROVAL } from '#src/slack/app-ids.js';
import { assertionClient } from '../../../helpers/redis-test.js';
import {
  type ApprovalBot,
  approvalStores,
  click,
  cloudActions,
  eventually,
  PROJECT,
  privateAnswer,
  requestConnection,
  requestPosts,
  seedService,
  startApprovalTest,
  stopApprovalTest,
  waitForPolls,
  waitForRequestPost,
} from './approval-fixture.js';

const CHANNEL = 'C0GROUPS';
const redis = assertionClient();
let fake: FakeSlack;
let bot: ApprovalBot;

beforeAll(async () => {
  // Slack's answer about a group decides for 1 s, so the test sees it run out on Redis' clock.
  ({ fake, bot } = await startApprovalTest({ SLACK_GROUP_CACHE_SECONDS: '1' }));
});

// A test that plans 429s leaves none behind for the next one.
afterEach(() => fake.clearFaults('usergroups.users.list'));

afterAll(async () => {
  await stopApprovalTest({ fake, bot });
  redis.disconnect();
});

const freshKey = (group: string) => createKeys(bot.test.keyPrefix).key('usergroup', group, 'fresh');
const failedKey = (group: string) => createKeys(bot.test.keyPrefix).key('usergroup', group, 'failed');

const groupLookups = (group: string) =>
  fake.calls('usergroups.users.list').filter((c) => c.args.usergroup === group);

async function refusalOf(responseUrl: string | undefined): Promise<string> {
  return JSON.stringify(await privateAnswer(fake, responseUrl));
}

describe('owner groups in approval decisions', () => {
  it('should refuse the Approve of a member removed from the owner group while Slack rate-limits the member look-up, and accept nothing', async () => {
    const group = 'S0LEAVERS';
    const leaver = 'U0LEAVER';
    fake.setUsergroup(group, { handle: 'leavers', name: 'Leavers', users: [leaver] });
    const service = await seedService(bot.test, { users: [], groups: [group] });
    const endpointId = await requestConnection(bot.test, service.id);
    // The request reaches the leaver by DM while they still belong to the group.
    const message = await waitForRequestPost(fake, endpointId);
    expect(requestPosts(fake, endpointId).map((p) => p.args.channel)).toEqual([leaver]);

    // Then they leave the group, and Slack answers every look-up with 429 from now on.
    fake.failNext('usergroups.users.list', { status: 429, retryAfter: 1 }, 50);
    fake.setUsergroup(group, { handle: 'leavers', name: 'Leavers', users: [] });
    // The fresh window runs out (its own Redis TTL is checked below).
    await redis.del(freshKey(group));

    const since = fake.callCount();
    const approve = await click(bot.slack, fake, message, leaver, 'approve');
    const refusal = await refusalOf(approve.responseUrl);
    expect(refusal).toContain(`I could not check whether you belong to the user group \`${group}\``);
    expect(refusal).toContain('Nothing was changed');
    const asked = groupLookups(group).filter((c) => c.index >= since);
    expect(asked.map((c) => c.status)).toEqual([429]);
    expect(cloudActions(bot.test, endpointId)).toEqual([]);
    const stores = approvalStores(redis, bot);
    expect(
      await stores.requests.get(stores.requests.requestId(PROJECT, service.id, endpointId)),
    ).toMatchObject({
      state: 'pending',
    });
  });

  it('should let what Slack said about a group decide only for SLACK_GROUP_CACHE_SECONDS, on Redis’ clock', async () => {
    const group = 'S0TIMED';
    fake.setUsergroup(group, { handle: 'timed', name: 'Timed', users: ['U0TIMED'] });
    const service = await seedService(bot.test, { users: [], groups: [group] });
    await requestConnection(bot.test, service.id);
    await fake.waitForCall('usergroups.users.list', (c) => c.args.usergroup === group);
    const ttl = await eventually(
      () => redis.pttl(freshKey(group)),
      (t) => t > 0,
      2000,
    );
    expect(ttl).toBeLessThanOrEqual(1000);
    await eventually(
      () => redis.exists(freshKey(group)),
      (n) => n === 0,
      3000,
    );
  });

  it('should ask Slack at most once per made-up group in the failed-look-up window, however often someone clicks', async () => {
    const groups = ['S0MADEUP1', 'S0MADEUP2', 'S0MADEUP3'];
    const service = await seedService(bot.test, { users: [], groups, approvalChannel: CHANNEL });
    const endpointId = await requestConnection(bot.test, service.id);
    const message = await waitForRequestPost(fake, endpointId);

    const clicks = await Promise.all(
      Array.from({ length: 12 }, () => click(bot.slack, fake, message, 'U0FLOODER', 'approve')),
    );
    for (const c of clicks) await refusalOf(c.responseUrl);
    for (let i = 0; i < 4; i += 1) {
      const again = await click(bot.slack, fake, message, 'U0FLOODER', 'approve');
      expect(await refusalOf(again.responseUrl)).toContain('I could not check whether you belong');
    }
    for (const group of groups) expect(groupLookups(group).length).toBeLessThanOrEqual(1);
    expect(cloudActions(bot.test, endpointId)).toEqual([]);
  });

  it('should never send a payload Slack would refuse', () => {
    fake.assertNoRejections();
  });
});

describe('a workflow requester whose owner group Slack could not name as the step started', () => {
  it('should be barred once Slack names the group, and stay barred after joining it', async () => {
    // The workflow's author names themselves as requester while Slack cannot list the owner group.
    const group = 'S0STEPOWN';
    const author = 'U0AUTHOR1';
    fake.setUsergroup(group, { handle: 'stepown', name: 'Step owners', users: ['U0GOWNER1'] });
    const service = await seedService(bot.test, { users: [], groups: [group], approvalChannel: CHANNEL });
    const endpointId = await requestConnection(bot.test, service.id);
    const message = await waitForRequestPost(fake, endpointId);
    fake.failNext('usergroups.users.list', { status: 500 }, 1000);
    await redis.del(freshKey(group));
    const store = approvalStores(redis, bot).requests;
    const id = store.requestId(PROJECT, service.id, endpointId);
    await bot.slack.functionExecuted({
      callbackId: FUNCTION_ROUTE_APPROVAL,
      inputs: { service_id: service.id, endpoint_id: endpointId, requester: author },
    });
    await eventually(
      () => store.get(id),
      (r) => (r?.workflow ?? []).some((n) => n.requester === author),
    );

    // Slack answers again (the failed look-up is forgotten): the author is not in the group.
    fake.clearFaults('usergroups.users.list');
    await redis.del(failedKey(group));
    await waitForPolls(bot.test, 3);
    // Later the author joins the owner group, and approves their own request.
    fake.setUsergroup(group, { handle: 'stepown', name: 'Step owners', users: ['U0GOWNER1', author] });
    await redis.del(freshKey(group));
    const approve = await click(bot.slack, fake, message, author, 'approve');

    // Whichever comes first: a refusal to the author, or their approval reaching the cloud.
    await eventually(
      () => fake.responses(approve.responseUrl).length + cloudActions(bot.test, endpointId).length,
      (n) => n > 0,
    );
    expect(cloudActions(bot.test, endpointId)).toEqual([]);
    expect(await refusalOf(approve.responseUrl)).toContain(
      'You asked for this connection through a workflow',
    );
    expect(await store.get(id)).toMatchObject({ state: 'pending' });
  });
});
