/**
 * Security issue 9, hole 7: one person must not make the bot do unbounded work. Lists, their pages and
 * the App Home refresh read every service; they come from a cache at most 5 s old (one cloud listing per
 * project per 5 s, whoever asks), and each person gets a few at once, then one a second, with a friendly
 * "slow down" past that. Writes through the bot show in the very next list; a service the cache has not
 * seen is still found by ID; and decisions are never limited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceCache } from '#src/cloud/service-cache.js';
import { createServiceSnapshots } from '#src/cloud/service-snapshots.js';
import { SUMMARY_PAGE_SIZE } from '#src/features/manage/usecases/service-summaries.js';
import { HOME_REFRESH_ACTION } from '#src/features/manage/views/manage-ids.js';
import type { StoredMessage } from '#src/playground/slack/index.js';
import { until } from '../../../helpers/eventually.js';
import {
  click as approvalClick,
  cloudActions,
  current,
  requestConnection,
  seedService,
  startApprovalTest,
  stopApprovalTest,
  waitForRequestPost,
} from '../../approvals/integration/approval-fixture.js';
import {
  currentView,
  draftIdReader,
  change as formChange,
  formState,
  optionValue,
  runCreate,
} from '../../create/integration/create-harness.js';
import {
  blocksText,
  buttonActionId,
  createLbService,
  type ManageWorld,
  placeMessage,
  responded,
  serviceIdsShown,
  startQuietWorld,
} from './manage-harness.js';

/** The product's default burst (the test harness raises it for other tests). */
const DEFAULT_LIMITS = { LIST_RATE_BURST: '5' };
const SLOW_DOWN = /try again in (a second|\d+ seconds)/;

let world: ManageWorld;

beforeAll(async () => {
  world = await startQuietWorld(DEFAULT_LIMITS);
  // Many services, added straight in the cloud through the sandbox's HTTP admin route.
  const url = world.core.cloud.sandbox?.url ?? '';
  const seeded = await fetch(`${url}/_sandbox/projects/${world.projectId}/bulk`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ services: 400 }),
  });
  expect(seeded.status).toBe(200);
  // Room for the services the tests create on top of the seeded ones.
  await world.sandbox.setQuota(world.projectId, 1000);
});

afterAll(async () => {
  await world?.close();
});

/** Full listings of every service of the seeded project (first page, no filter), as the sandbox received them. */
function fullListings(): number {
  return world.sandbox
    .requests({ method: 'GET', path: new RegExp(`/${world.projectId}/vpc-endpoint-services$`) })
    .filter((r) => r.query.offset === undefined && r.query.endpoint_service_name === undefined && !r.query.id)
    .length;
}

const connectionLists = () =>
  world.sandbox.requests({ method: 'GET', path: /\/vpc-endpoint-services\/[^/]+\/connections$/ }).length;

/** How many 5 s windows a stretch of `elapsedMs` can touch. */
const windows = (elapsedMs: number) => 1 + Math.ceil(elapsedMs / 5000);

async function summariesIn(channel: string, count: number): Promise<StoredMessage[]> {
  await until(() => world.fake.messages(channel).length >= count, 20_000);
  return world.fake.messages(channel);
}

/** `/vpcep list` in `channel`; resolves with the summary posted there. */
async function listIn(userId: string, channel: string, filter = ''): Promise<StoredMessage> {
  const before = world.fake.messages(channel).length;
  const res = await world.slack.command({ text: `list ${filter}`.trim(), userId, channelId: channel });
  expect(res.text).toBe('');
  const posted = await summariesIn(channel, before + 1);
  return structuredClone(posted[before] as StoredMessage);
}

describe('one person asking for the service list again and again', () => {
  it('should list every service at most once per 5 s when one user sends 20 lists in a row, and tell them to slow down past the limit', async () => {
    world.sandbox.clearRequests();
    const started = Date.now();
    const acks: unknown[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await world.slack.command({ text: 'list', userId: 'U0FLOODER', channelId: 'C0FLOOD' });
      expect(res.status).toBe(200);
      acks.push(res.body);
    }
    const refused = acks.filter((body) => body !== '');
    const served = acks.length - refused.length;
    await summariesIn('C0FLOOD', served);
    const elapsed = Date.now() - started;

    expect(fullListings()).toBeLessThanOrEqual(windows(elapsed));
    expect(connectionLists()).toBeLessThanOrEqual(SUMMARY_PAGE_SIZE * windows(elapsed));
    // Five at once, then one a second: most of 20 commands in a row are refused.
    expect(served).toBeLessThanOrEqual(5 + Math.ceil(elapsed / 1000));
    expect(refused.length).toBeGreaterThan(0);
    for (const body of refused) {
      expect(body).toMatchObject({ response_type: 'ephemeral' });
      expect((body as { text: string }).text).toMatch(SLOW_DOWN);
    }
    // Nothing was queued: only the lists let through were posted.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(world.fake.messages('C0FLOOD')).toHaveLength(served);

    // Someone else is not limited by the first person's flood.
    const other = await listIn('U0BYSTANDER', 'C0OTHER');
    expect(blocksText(other.blocks)).toContain('page 1 of');
  });

  it('should refuse page turns past the limit with a slow-down answer only the clicker sees', async () => {
    const summary = await listIn('U0PAGER', 'C0PAGES');
    const next = buttonActionId(summary, 'Next');
    if (!next) throw new Error('no Next button');
    const urls: string[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await world.slack.blockActions({
        userId: 'U0PAGER',
        message: summary,
        actions: [{ action_id: next }],
      });
      urls.push(res.responseUrl ?? '');
    }
    const slowDown = () =>
      urls
        .flatMap((url) => world.fake.responses(url))
        .map((r) => r.body as { response_type?: string; replace_original?: boolean; text?: string })
        .find((body) => SLOW_DOWN.test(String(body.text)));
    await until(() => slowDown() !== undefined);
    expect(slowDown()).toMatchObject({ response_type: 'ephemeral', replace_original: false });
  });

  it('should list every service once per 5 s when many people list at the same time', async () => {
    world.sandbox.clearRequests();
    const started = Date.now();
    const people = Array.from({ length: 8 }, (_, i) => `U0CROWD${i}`);
    await Promise.all(
      people.flatMap((userId) => [listIn(userId, `C0${userId}`), listIn(userId, `C0${userId}B`)]),
    );
    const elapsed = Date.now() - started;
    expect(fullListings()).toBeLessThanOrEqual(windows(elapsed));
    expect(connectionLists()).toBeLessThanOrEqual(SUMMARY_PAGE_SIZE * windows(elapsed));
  });

  it('should refuse an App Home refresh past the limit, saying when to try again', async () => {
    const userId = 'U0HOMEFLOOD';
    await world.slack.event({ type: 'app_home_opened', user: userId, channel: 'D0HOME', tab: 'home' });
    await until(() => world.fake.homeView(userId) !== undefined);
    for (let i = 0; i < 12; i++) {
      const home = world.fake.homeView(userId);
      await world.slack.blockActions({
        userId,
        view: { id: home?.id, type: 'home', blocks: home?.blocks },
        actions: [{ action_id: HOME_REFRESH_ACTION }],
      });
    }
    await until(() =>
      world.fake
        .calls('views.publish')
        .some((c) => c.args.user_id === userId && SLOW_DOWN.test(JSON.stringify(c.args.view))),
    );
  });
});

describe('what the cache must never hide', () => {
  it('should find by ID a service created straight in the cloud right after a list', async () => {
    await listIn('U0LOOKER', 'C0LOOK');
    const url = world.core.cloud.sandbox?.url ?? '';
    const res = await fetch(`${url}/_sandbox/projects/${world.projectId}/bulk`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ services: 1 }),
    });
    const { serviceIds } = (await res.json()) as { serviceIds: string[] };
    const id = serviceIds[0] ?? '';
    const shown = await world.slack.command({ text: `show ${id}`, userId: 'U0LOOKER', channelId: 'C0LOOK' });
    const answer = await responded(world, shown.responseUrl);
    expect(answer.text).not.toContain('I found no endpoint service');
    expect(JSON.stringify(answer)).toContain(id);
  });

  it('should show a service deleted through the bot as deleting in the very next list, and then not at all', async () => {
    const service = await createLbService(
      world,
      { ports: [{ clientPort: 443, serverPort: 30_001, protocol: 'TCP' }], name: 'aaa-doomed' },
      { owners: { users: ['U0OWNER'], groups: [] } },
    );
    world.fake.addUser({ id: 'U0OWNER', name: 'owner' });
    const before = await listIn('U0OWNER', 'C0DOOM', 'aaa-doomed');
    expect(serviceIdsShown(before)).toEqual([service.id]);
    expect(blocksText(before.blocks)).toContain(':large_green_circle: available');

    const asked = await world.slack.command({
      text: `delete ${service.id}`,
      userId: 'U0OWNER',
      channelId: 'C0DOOM',
    });
    const confirmation = await responded(world, asked.responseUrl);
    const placed = await placeMessage(world, confirmation);
    const del = buttonActionId(placed, 'Delete');
    if (!del) throw new Error('no Delete button');
    const since = world.fake.callCount();
    const clicked = await world.slack.blockActions({
      userId: 'U0OWNER',
      message: placed,
      actions: [{ action_id: del }],
    });
    await responded(world, clicked.responseUrl ?? '');

    // Within the 5 s the first list is cached for: only the invalidation makes this list current.
    const during = await listIn('U0OWNER', 'C0DOOM2', 'aaa-doomed');
    expect(blocksText(during.blocks)).not.toContain(':large_green_circle: available');
    // The cloud shows the service as deleting for a short while; on a slow machine it may be gone already.
    if (serviceIdsShown(during).length > 0) expect(blocksText(during.blocks)).toContain('deleting');

    await world.fake.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === 'U0OWNER' && String(c.args.text).includes('is deleted'),
      { since, timeoutMs: 10_000 },
    );
    const after = await listIn('U0OWNER', 'C0DOOM3', 'aaa-doomed');
    expect(serviceIdsShown(after)).toEqual([]);
  });

  it('should show a service created through the bot in the very next list', async () => {
    const userId = 'U0CREATOR';
    expect(serviceIdsShown(await listIn(userId, 'C0NEW', 'fresh-from-bot'))).toEqual([]);
    let view = await runCreate(
      { ...world, draftIdOf: draftIdReader(world.core.redis, () => world.bot.keyPrefix) },
      userId,
      'C0NEW',
    );
    view = await formChange(world, view, userId, 'vpc', optionValue(view, 'vpc', 'vpc-demo-a'));
    const submitted = await world.slack.viewSubmission({
      userId,
      view,
      values: formState(view, {
        name: 'fresh-from-bot',
        backend: optionValue(view, 'backend', 'elb-dedicated-a'),
        approval: 'on',
        ports: '31001:443',
      }),
    });
    expect(submitted.ackIssues).toEqual([]);
    const review = currentView(world, view.id);
    const since = world.fake.callCount();
    await world.slack.viewSubmission({ userId, view: review });
    const dm = await world.fake.waitForCall('chat.postMessage', (c) => c.args.channel === userId, {
      since,
      timeoutMs: 15_000,
    });
    expect(String(dm.args.text)).toContain('fresh-from-bot');

    const [created] = await world.core.cloud
      .project(world.projectId)
      .listServices({ name: 'fresh-from-bot' });
    const after = await listIn('U0CREATOR2', 'C0NEW2', 'fresh-from-bot');
    expect(serviceIdsShown(after)).toEqual([created?.id]);
    expect(blocksText(after.blocks)).toContain(':large_green_circle: available');
  });
});

describe('decisions right after lists', () => {
  it('should never rate-limit an Approve click, even from someone who just used up their lists', async () => {
    const { fake, bot } = await startApprovalTest(DEFAULT_LIMITS);
    try {
      const service = await seedService(bot.test, {
        users: ['U0OWNER'],
        groups: [],
        approvalChannel: 'C0APPROVALS',
      });
      const endpointId = await requestConnection(bot.test, service.id);
      const message = await waitForRequestPost(fake, endpointId);
      const acks: unknown[] = [];
      for (let i = 0; i < 10; i++)
        acks.push(
          (await bot.slack.command({ text: 'list', userId: 'U0OWNER', channelId: 'C0APPROVALS' })).body,
        );
      expect(acks.some((body) => SLOW_DOWN.test(JSON.stringify(body)))).toBe(true);

      const res = await approvalClick(bot.slack, fake, message, 'U0OWNER', 'approve');
      expect(res.status).toBe(200);
      await until(() => cloudActions(bot.test, endpointId).length === 1);
      expect(cloudActions(bot.test, endpointId)).toEqual([expect.objectContaining({ action: 'receive' })]);
      await until(() => JSON.stringify(current(fake, message).blocks).includes('*Approved* by <@U0OWNER>'));
      expect(JSON.stringify(fake.responses(res.responseUrl))).not.toMatch(SLOW_DOWN);
    } finally {
      await stopApprovalTest({ fake, bot });
    }
  });
});

describe('the service cache shared by replicas', () => {
  it('should let a second replica reuse the first one’s listing, and see an invalidation from either at once', async () => {
    const replica = () =>
      createServiceCache({
        cloud: world.core.cloud,
        snapshots: createServiceSnapshots(world.core.redis, world.core.keys),
        logger: world.core.logger,
      });
    const [a, b] = [replica(), replica()];
    await world.core.serviceCache.invalidate(world.projectId);
    world.sandbox.clearRequests();
    const started = Date.now();
    const [first, again] = await Promise.all([a.services(world.projectId), a.services(world.projectId)]);
    expect(again).toBe(first);
    expect((await b.services(world.projectId)).length).toBe(first.length);
    expect(fullListings()).toBe(1);

    await b.invalidate(world.projectId);
    await a.services(world.projectId);
    expect(fullListings()).toBe(2);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
