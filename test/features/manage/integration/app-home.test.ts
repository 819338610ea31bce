import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EndpointService } from '#src/cloud/index.js';
import { createApprovalStore } from '#src/features/approvals/public.js';
import { APPROVE_ACTION } from '#src/features/approvals/views/approval-ids.js';
import { HOME_REFRESH_ACTION } from '#src/features/manage/views/manage-ids.js';
import {
  blocksText,
  buttonActionId,
  createLbService,
  type ManageWorld,
  pollerRequest,
  startManageWorld,
} from './manage-harness.js';

let world: ManageWorld;
let mine: EndpointService;
let ours: EndpointService;
let theirs: EndpointService;
let port = 30_000;

const service = (name: string) =>
  createLbService(world, { ports: [{ clientPort: 443, serverPort: port++, protocol: 'TCP' }], name });

async function requestFor(s: EndpointService): Promise<string> {
  const connection = await world.sandbox.requestConnection(world.projectId, s.id);
  await pollerRequest(world, s, connection);
  return connection.endpointId;
}

/** Opens the Home tab as `userId` and returns what it shows. */
async function openHome(userId: string): Promise<{ text: string; blocks: unknown[] }> {
  const since = world.fake.callCount();
  await world.slack.event({ type: 'app_home_opened', user: userId, channel: 'D0HOME', tab: 'home' });
  const call = await world.fake.waitForCall('views.publish', (c) => c.args.user_id === userId, { since });
  expect(call.response.ok).toBe(true);
  const blocks = (world.fake.homeView(userId)?.blocks ?? []) as unknown[];
  return { text: blocksText(blocks), blocks };
}

beforeAll(async () => {
  world = await startManageWorld({ VPCEP_ADMINS: 'U0ADMIN' });
  world.fake.setUsergroup('S0PLATFORM', { handle: 'platform', name: 'Platform', users: ['U0ALICE'] });
  mine = await service('alice-api');
  ours = await service('platform-api');
  theirs = await service('bob-api');
  const put = (s: EndpointService, owners: { users: string[]; groups: string[] }, createdBy: string) =>
    world.core.records.put({ projectId: world.projectId, serviceId: s.id, owners, createdBy });
  await put(mine, { users: ['U0ALICE'], groups: [] }, 'U0ALICE');
  await put(ours, { users: [], groups: ['S0PLATFORM'] }, 'U0BOB');
  await put(theirs, { users: ['U0BOB'], groups: [] }, 'U0BOB');
});

afterAll(async () => {
  await world?.close();
});

describe('App Home', () => {
  it('should publish the person’s services, the approvals waiting for them and the quota', async () => {
    const waiting = await requestFor(mine);
    const notMine = await requestFor(theirs);
    const home = await openHome('U0ALICE');
    expect(home.text).toContain('VPC endpoint services');
    expect(home.text).toContain('quota *3/20* in use');
    expect(home.text).toContain('Your endpoint services (2)');
    expect(home.text).toContain(`*alice-api* · \`${mine.id}\``);
    expect(home.text).toContain('_You are owner and creator_');
    expect(home.text).toContain(`*platform-api* · \`${ours.id}\``);
    expect(home.text).toContain('_You are group owner_');
    expect(home.text).not.toContain('bob-api* ·');
    expect(home.text).toContain('Approvals waiting for you (1)');
    expect(home.text).toContain(waiting);
    expect(home.text).not.toContain(notMine);
    expect(buttonActionId({ blocks: home.blocks }, 'Approve')).toBe(APPROVE_ACTION);
    expect(home.text).toContain('Sandbox');
    expect(home.blocks.length).toBeLessThanOrEqual(100);
  });

  it('should tell someone without services and approvals what to do', async () => {
    const home = await openHome('U0NEWBIE');
    expect(home.text).toContain('You own no endpoint services yet');
    expect(home.text).toContain('Nothing waits for your decision');
  });

  it('should show an admin every waiting approval', async () => {
    const home = await openHome('U0ADMIN');
    expect(home.text).toContain('Approvals waiting for you (2)');
    expect(home.text).toContain('As a bot admin you may manage every service');
  });

  it('should publish it again on Refresh', async () => {
    const since = world.fake.callCount();
    await world.slack.blockActions({
      userId: 'U0ALICE',
      view: {
        id: world.fake.homeView('U0ALICE')?.id,
        type: 'home',
        blocks: world.fake.homeView('U0ALICE')?.blocks,
      },
      actions: [{ action_id: HOME_REFRESH_ACTION }],
    });
    const call = await world.fake.waitForCall('views.publish', (c) => c.args.user_id === 'U0ALICE', {
      since,
    });
    expect(call.response.ok).toBe(true);
  });

  it('should publish the home again after an approval decided from it, without that request’s buttons', async () => {
    const endpointId = await requestFor(mine);
    const home = await openHome('U0ALICE');
    expect(home.text).toContain(endpointId);
    const approvals = createApprovalStore(world.core.redis, world.core.keys);
    const request = (await approvals.listOpenForService(world.projectId, mine.id)).find(
      (r) => r.endpointId === endpointId,
    );
    if (!request) throw new Error('no open request');
    const since = world.fake.callCount();
    await world.slack.blockActions({
      userId: 'U0ALICE',
      view: { id: world.fake.homeView('U0ALICE')?.id, type: 'home', blocks: home.blocks },
      actions: [{ action_id: APPROVE_ACTION, value: request.id }],
    });
    await world.fake.waitForCall('views.publish', (c) => c.args.user_id === 'U0ALICE', {
      since,
      timeoutMs: 10_000,
    });
    const after = blocksText((world.fake.homeView('U0ALICE')?.blocks ?? []) as unknown[]);
    expect(after).not.toContain(endpointId);
    const connection = await world.core.cloud
      .project(world.projectId)
      .listConnections(mine.id, { endpointId });
    expect(connection[0]?.status).toBe('accepted');
  });

  it('should never send a payload Slack would refuse', () => {
    world.fake.assertNoRejections();
  });
});
