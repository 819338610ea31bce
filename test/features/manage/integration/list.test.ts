import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredMessage } from '#src/playground/slack/index.js';
import { LIST_SERVICES_ACTION } from '#src/slack/app-ids.js';
import {
  blocksText,
  buttonActionId,
  createLbService,
  type ManageWorld,
  responded,
  serviceIdsShown,
  startManageWorld,
} from './manage-harness.js';

let world: ManageWorld;

beforeAll(async () => {
  world = await startManageWorld();
});

afterAll(async () => {
  await world?.close();
});

/** Runs `/vpcep list` in `channel` and returns the summary the bot posted there. */
async function listIn(channel: string, filter = ''): Promise<StoredMessage> {
  const since = world.fake.callCount();
  const res = await world.slack.command({
    text: `list ${filter}`.trim(),
    userId: 'U0READER',
    channelId: channel,
  });
  expect(res.status).toBe(200);
  const call = await world.fake.waitForCall('chat.postMessage', (c) => c.args.channel === channel, {
    since,
  });
  expect(call.response.ok).toBe(true);
  const message = world.fake.message(channel, String(call.response.ts));
  if (!message) throw new Error('the summary is not in the channel');
  return structuredClone(message);
}

/** Clicks Next or Previous on a posted summary and returns the message as it then reads. */
async function turn(message: StoredMessage, label: 'Next' | 'Previous'): Promise<StoredMessage> {
  const actionId = buttonActionId(message, label === 'Next' ? 'Next' : '‹ Previous');
  if (!actionId) throw new Error(`no ${label} button`);
  const since = world.fake.callCount();
  await world.slack.blockActions({ userId: 'U0READER', message, actions: [{ action_id: actionId }] });
  await world.fake.waitForCall('chat.update', (c) => c.args.ts === message.ts, { since });
  const updated = world.fake.message(message.channel, message.ts);
  if (!updated) throw new Error('the summary vanished');
  return structuredClone(updated);
}

function blockCount(message: Pick<StoredMessage, 'blocks'>): number {
  return (message.blocks ?? []).length;
}

async function allServiceIds(): Promise<string[]> {
  return (await world.core.cloud.project(world.projectId).listServices()).map((s) => s.id);
}

describe('/vpcep list as the sandbox grows from 0 to 120 services', () => {
  it('should post an empty summary with the quota when there are no services', async () => {
    const message = await listIn('C0TEAM');
    const text = blocksText(message.blocks);
    expect(text).toContain('*0* services');
    expect(text).toContain('quota *0/20* in use');
    expect(text).toContain('No endpoint services yet');
    expect(text).toContain('Sandbox');
    expect(message.text).toContain('[sandbox] Endpoint services: 0 services');
    expect(serviceIdsShown(message)).toEqual([]);
  });

  it('should show one service with its name, ID, status, backend, ports, approval, connections and owners', async () => {
    const created = await createLbService(
      world,
      {
        ports: [{ clientPort: 443, serverPort: 8443, protocol: 'TCP' }],
        name: 'payments',
        tags: [{ key: 'team', value: 'payments' }],
      },
      { owners: { users: ['U0OWNER'], groups: ['S0PAYTEAM'] }, createdBy: 'U0OWNER' },
    );
    world.fake.addUser({ id: 'U0OWNER', name: 'olivia', real_name: 'Olivia Owner' });
    world.fake.setUsergroup('S0PAYTEAM', { handle: 'pay-team', name: 'Payments', users: ['U0PAYER'] });
    await world.sandbox.requestConnection(world.projectId, created.id);
    await world.sandbox.requestConnection(world.projectId, created.id);
    const third = await world.sandbox.requestConnection(world.projectId, created.id);
    await world.sandbox.resolveConnection(world.projectId, created.id, third.endpointId, 'receive');

    const message = await listIn('C0TEAM');
    const text = blocksText(message.blocks);
    expect(serviceIdsShown(message)).toEqual([created.id]);
    expect(text).toContain(`*payments* · \`${created.id}\``);
    expect(text).toContain(':large_green_circle: available');
    expect(text).toContain('Backend: Elastic load balancer');
    expect(text).toContain('Approval: required');
    expect(text).toContain('Port Mapping: TCP: service port 8443, terminal port 443');
    expect(text).toContain('Connections: *2* pending · *1* accepted');
    // Named, not mentioned: a summary in a channel notifies none of the owners.
    expect(text).toContain('Owners: @olivia, @pay-team');
    expect(JSON.stringify(message.blocks)).not.toMatch(/<@|<!subteam/);
    expect(text).toContain('quota *1/20* in use');
    expect(message.text).toContain('payments (available)');

    expect(serviceIdsShown(await listIn('C0TEAM', 'team=payments'))).toEqual([created.id]);
    expect(serviceIdsShown(await listIn('C0TEAM', 'PAYMENTS available'))).toEqual([created.id]);
    const none = await listIn('C0TEAM', 'failed');
    expect(serviceIdsShown(none)).toEqual([]);
    expect(blocksText(none.blocks)).toContain('No endpoint service matches `failed`');
  });

  it('should name owners from a cache, and show the ID of one Slack cannot name', async () => {
    const [service] = await world.core.cloud.project(world.projectId).listServices();
    if (!service) throw new Error('no service');
    await world.core.records.put({
      projectId: world.projectId,
      serviceId: service.id,
      owners: { users: ['U0OWNER', 'U0GHOST'], groups: ['S0PAYTEAM'] },
    });
    world.fake.failNext('users.info', { error: 'user_not_found' });
    const since = world.fake.callCount();
    const message = await listIn('C0TEAM');
    expect(blocksText(message.blocks)).toContain('Owners: @olivia, `U0GHOST`, @pay-team');
    // olivia and the group handles came from Redis: only the unknown user was asked for.
    const lookups = world.fake.calls().filter((c) => c.index >= since && c.method.startsWith('user'));
    expect(lookups.map((c) => [c.method, c.args.user])).toEqual([['users.info', 'U0GHOST']]);
  });

  it('should page 25 services in pages of 10, forwards and back, and honestly show 25/20', async () => {
    await world.sandbox.bulkSeed(world.projectId, { services: 24 });
    const first = await listIn('C0TEAM');
    expect(blocksText(first.blocks)).toContain('quota *25/20* in use (over quota)');
    expect(blocksText(first.blocks)).toContain('page 1 of 3');
    expect(buttonActionId(first, '‹ Previous')).toBeUndefined();
    const second = await turn(first, 'Next');
    const third = await turn(second, 'Next');
    expect(buttonActionId(third, 'Next')).toBeUndefined();
    const seen = [first, second, third].flatMap((page) => serviceIdsShown(page));
    expect(seen).toHaveLength(25);
    expect(new Set(seen)).toEqual(new Set(await allServiceIds()));
    const back = await turn(third, 'Previous');
    expect(blocksText(back.blocks)).toContain('page 2 of 3');
  });

  it('should let every one of 120 services be reached by paging, each message within 50 blocks', async () => {
    await world.sandbox.bulkSeed(world.projectId, { services: 95 });
    const since = world.fake.callCount();
    let page = await listIn('C0TEAM');
    const seen = serviceIdsShown(page);
    expect(blocksText(page.blocks)).toContain('page 1 of 12');
    for (let i = 1; i < 12; i++) {
      page = await turn(page, 'Next');
      expect(blocksText(page.blocks)).toContain(`page ${i + 1} of 12`);
      seen.push(...serviceIdsShown(page));
    }
    expect(buttonActionId(page, 'Next')).toBeUndefined();
    expect(seen).toHaveLength(120);
    expect(new Set(seen)).toEqual(new Set(await allServiceIds()));
    const sent = world.fake.calls().filter((c) => c.index >= since && c.method.startsWith('chat.'));
    expect(sent.length).toBeGreaterThanOrEqual(12);
    for (const call of sent) {
      expect(call.response.ok).toBe(true);
      expect((call.args.blocks as unknown[]).length).toBeLessThanOrEqual(50);
      expect(String(call.args.text)).not.toBe('');
    }
    expect(blockCount(page)).toBeLessThanOrEqual(50);
    expect(page.text).toContain(
      '120 services (quota eu-de (sandbox) 120/20, eu-nl (sandbox) 0/20), page 12 of 12',
    );
  });
});

describe('where the summary goes', () => {
  it('should tell the user ephemerally how to fix it when the bot cannot post in the channel, and show the summary to them', async () => {
    world.fake.setChannelError('C0SECRET', 'channel_not_found');
    const res = await world.slack.command({ text: 'list', userId: 'U0READER', channelId: 'C0SECRET' });
    const body = (await responded(world, res.responseUrl)) as {
      response_type: string;
      text: string;
      blocks: unknown[];
    };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('Invite me with `/invite @vpcep-bot`');
    expect(blocksText(body.blocks)).toContain('visible only to you');
    expect(body.blocks.length).toBeLessThanOrEqual(50);
    expect(world.fake.messages('C0SECRET')).toEqual([]);
  });

  it('should tell the user to invite the bot when it is not in the channel', async () => {
    world.fake.setChannelError('C0OUTSIDE', 'not_in_channel');
    const res = await world.slack.command({ text: 'list', userId: 'U0READER', channelId: 'C0OUTSIDE' });
    const body = (await responded(world, res.responseUrl)) as {
      response_type: string;
      text: string;
      blocks: unknown[];
    };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain(
      'I am not a member of <#C0OUTSIDE>. Invite me with `/invite @vpcep-bot` there',
    );
    expect(blocksText(body.blocks)).toContain('visible only to you');
    expect(world.fake.messages('C0OUTSIDE')).toEqual([]);
  });

  it('should name the update as what failed when Slack refuses to turn a page', async () => {
    const first = await listIn('C0TURN');
    const actionId = buttonActionId(first, 'Next');
    if (!actionId) throw new Error('no Next button');
    world.fake.failNext('chat.update', { error: 'cant_update_message' });
    const res = await world.slack.blockActions({
      userId: 'U0READER',
      message: first,
      actions: [{ action_id: actionId }],
    });
    const post = await responded(world, res.responseUrl ?? '');
    expect(post.text).toContain(
      'Slack refused my update of a message in <#C0TURN> (cant_update_message, chat.update)',
    );
  });

  it('should explain that it cannot post into a direct message it is not part of', async () => {
    world.fake.setChannelError('D0PEERDM', 'channel_not_found');
    const res = await world.slack.command({ text: 'list', userId: 'U0READER', channelId: 'D0PEERDM' });
    const post = await responded(world, res.responseUrl);
    expect(post.text).toContain('I cannot post in this direct message');
  });

  it('should post a List services click in the channel it came from, never in the channel its value names', async () => {
    const since = world.fake.callCount();
    await world.slack.blockActions({
      userId: 'U0ATTACKER',
      channelId: 'C0CLICKED',
      actions: [
        { action_id: LIST_SERVICES_ACTION, type: 'button', value: JSON.stringify({ channel: 'CVICTIM' }) },
      ],
    });
    const call = await world.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0CLICKED', {
      since,
    });
    expect(String(call.args.text)).toContain('Endpoint services: 120 services');
    const reachedVictim = world.fake
      .calls()
      .filter((c) => c.index >= since && JSON.stringify(c.args).includes('CVICTIM'));
    expect(reachedVictim).toEqual([]);
  });

  it('should keep the List services button of an older result DM working, posting into that DM', async () => {
    const since = world.fake.callCount();
    await world.slack.blockActions({
      userId: 'U0CREATOR',
      channelId: 'D0BOTDM',
      actions: [
        { action_id: LIST_SERVICES_ACTION, type: 'button', value: JSON.stringify({ channel: 'C0ANNOUNCE' }) },
      ],
    });
    const call = await world.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'D0BOTDM', {
      since,
    });
    expect(String(call.args.text)).toContain('Endpoint services: 120 services');
    expect(world.fake.calls('chat.postMessage').filter((c) => c.index >= since)).toHaveLength(1);
  });

  it('should post into the channel of the click when the List services button names none', async () => {
    const message = await listIn('C0BUTTONS');
    const since = world.fake.callCount();
    await world.slack.blockActions({
      userId: 'U0CREATOR',
      message: {
        ...message,
        blocks: [
          {
            type: 'actions',
            elements: [
              {
                type: 'button',
                action_id: LIST_SERVICES_ACTION,
                text: { type: 'plain_text', text: 'List services' },
              },
            ],
          },
        ],
      },
      actions: [{ action_id: LIST_SERVICES_ACTION }],
    });
    const call = await world.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0BUTTONS', {
      since,
    });
    expect(call.response.ok).toBe(true);
  });

  it('should never send a payload Slack would refuse', () => {
    world.fake.assertNoRejections();
  });
});
