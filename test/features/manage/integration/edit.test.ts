import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EndpointService } from '#src/cloud/index.js';
import type { StoredView } from '#src/playground/slack/index.js';
import {
  blocksText,
  cloudRequestCount,
  createLbService,
  type ManageWorld,
  startQuietWorld,
} from './manage-harness.js';

let world: ManageWorld;
let service: EndpointService;

beforeAll(async () => {
  world = await startQuietWorld({ VPCEP_ADMINS: 'U0ADMIN' });
  service = await createLbService(
    world,
    {
      ports: [{ clientPort: 443, serverPort: 8443, protocol: 'TCP' }],
      name: 'orders',
      description: 'Order API',
    },
    { owners: { users: ['U0OWNER'], groups: [] } },
  );
});

afterAll(async () => {
  await world?.close();
});

const puts = () => world.sandbox.requests({ method: 'PUT', path: service.id });

/** Runs `/vpcep edit` as `userId` and returns the modal once it is filled in. */
async function openEdit(userId: string, ref = 'orders'): Promise<StoredView> {
  const since = world.fake.callCount();
  await world.slack.command({ text: `edit ${ref}`, userId, channelId: 'C0TEAM' });
  const opened = await world.fake.waitForCall('views.open', () => true, { since });
  expect(opened.response.ok).toBe(true);
  const id = (opened.response.view as { id: string }).id;
  // This modal's own update (an earlier test's outcome may still be on its way to another view).
  const update = await world.fake.waitForCall('views.update', (c) => c.args.view_id === id, { since });
  expect(update.response.ok).toBe(true);
  const view = world.fake.currentView(String((update.response.view as { id: string }).id));
  if (!view) throw new Error('no modal');
  return structuredClone(view);
}

async function submit(
  userId: string,
  view: StoredView,
  values: { name: string; description: string; approval: 'on' | 'off' },
) {
  const since = world.fake.callCount();
  const res = await world.slack.viewSubmission({
    userId,
    view,
    values: {
      edit_name_block: { edit_name_action: values.name },
      edit_description_block: { edit_description_action: values.description },
      edit_approval_block: { edit_approval_action: values.approval },
    },
  });
  return { res, since };
}

async function outcomeText(viewId: string, since: number): Promise<string> {
  await world.fake.waitForCall('views.update', (c) => c.args.view_id === viewId, { since });
  return blocksText(world.fake.currentView(viewId)?.blocks);
}

describe('/vpcep edit <service>', () => {
  it('should open a modal prefilled with the name, description and approval, with port mappings read-only', async () => {
    const view = await openEdit('U0OWNER');
    const blocks = view.blocks as Record<string, unknown>[];
    const input = (id: string) => blocks.find((b) => b.block_id === id)?.element as Record<string, unknown>;
    expect(input('edit_name_block').initial_value).toBe('orders');
    expect(input('edit_description_block').initial_value).toBe('Order API');
    expect((input('edit_approval_block').initial_option as { value: string }).value).toBe('on');
    expect(blocksText(blocks)).toContain('TCP: service port 8443, terminal port 443');
    expect(blocksText(blocks)).toContain('Port mappings cannot be changed after creation');
    expect(blocks.filter((b) => b.type === 'input')).toHaveLength(3);
  });

  it('should refuse someone who is not an owner, by name, naming who may, with no cloud call at all', async () => {
    // The owner's edit above showed the bot the name; the refusal needs Redis only.
    const before = cloudRequestCount(world);
    const view = await openEdit('U0STRANGER');
    const text = blocksText(view.blocks);
    expect(text).toContain('You may not edit `orders`');
    expect(text).toContain('<@U0OWNER>');
    expect(cloudRequestCount(world)).toBe(before);
  });

  it('should refuse someone who names the service by ID without any cloud call', async () => {
    const before = cloudRequestCount(world);
    const view = await openEdit('U0STRANGER', service.id);
    expect(blocksText(view.blocks)).toContain(`You may not edit \`${service.id}\``);
    expect(blocksText(view.blocks)).toContain('<@U0OWNER>');
    expect(cloudRequestCount(world)).toBe(before);
  });

  it('should refuse a submission by someone who is not an owner, with no cloud call', async () => {
    const view = await openEdit('U0OWNER');
    const before = cloudRequestCount(world);
    const { since } = await submit('U0STRANGER', view, { name: 'stolen', description: 'x', approval: 'off' });
    expect(await outcomeText(view.id, since)).toContain('You may not edit `orders`');
    expect(cloudRequestCount(world)).toBe(before);
  });

  it('should send only the changed field as one update call, and audit it', async () => {
    const view = await openEdit('U0OWNER');
    const before = puts().length;
    const { res, since } = await submit('U0OWNER', view, {
      name: 'orders',
      description: 'Order API v2',
      approval: 'on',
    });
    expect(res.ackIssues).toEqual([]);
    expect(await outcomeText(view.id, since)).toContain('Saved. Changed: *Description*');
    const sent = puts().slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toEqual({ description: 'Order API v2' });
    const [audit] = await world.core.audit.recent(1);
    expect(audit).toMatchObject({ action: 'service.updated', actor: 'U0OWNER', serviceId: service.id });
  });

  it('should send a new name and approval together in one call', async () => {
    const view = await openEdit('U0OWNER');
    const before = puts().length;
    const { since } = await submit('U0OWNER', view, {
      name: 'orders2',
      description: 'Order API v2',
      approval: 'off',
    });
    expect(await outcomeText(view.id, since)).toContain('Changed: *Name, Connection Approval*');
    expect(
      puts()
        .slice(before)
        .map((r) => r.body),
    ).toEqual([{ service_name: 'orders2', approval_enabled: false }]);
    const now = await world.core.cloud.project(world.projectId).getService(service.id);
    expect(now.name).toBe('orders2');
    expect(now.approvalEnabled).toBe(false);
  });

  it.each([
    [
      'a name with a space',
      { name: 'bad name', description: '' },
      'edit_name_block',
      'only letters, digits, _ and -',
    ],
    ['a name of 17 characters', { name: 'a'.repeat(17), description: '' }, 'edit_name_block', 'at most 16'],
    ['no name any more', { name: '  ', description: '' }, 'edit_name_block', 'cannot be removed'],
    [
      'a description with <',
      { name: 'orders2', description: 'a <b>' },
      'edit_description_block',
      'may not contain < or >',
    ],
  ])('should refuse %s inline, with no cloud call', async (_label, values, block, message) => {
    const view = await openEdit('U0OWNER', 'orders2');
    const before = puts().length;
    const { res } = await submit('U0OWNER', view, { ...values, approval: 'off' });
    const body = res.body as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors[block]).toContain(message);
    expect(res.ackIssues).toEqual([]);
    expect(puts()).toHaveLength(before);
  });

  it('should make no cloud call when nothing changed', async () => {
    const view = await openEdit('U0OWNER', 'orders2');
    const before = puts().length;
    const { res } = await submit('U0OWNER', view, {
      name: 'orders2',
      description: 'Order API v2',
      approval: 'off',
    });
    expect(blocksText((res.body as { view: unknown }).view)).toContain('Nothing changed');
    expect(puts()).toHaveLength(before);
  });

  it('should let an admin edit a service that has no owners', async () => {
    await world.core.records.remove(world.projectId, service.id);
    const view = await openEdit('U0ADMIN', 'orders2');
    const { since } = await submit('U0ADMIN', view, {
      name: 'orders3',
      description: 'Order API v2',
      approval: 'off',
    });
    expect(await outcomeText(view.id, since)).toContain('Saved');
  });

  it('should answer a submission it cannot read with a problem view, in time, changing nothing', async () => {
    const view = await openEdit('U0ADMIN', service.id);
    const before = cloudRequestCount(world);
    const res = await world.slack.viewSubmission({
      userId: 'U0ADMIN',
      view: { ...view, private_metadata: '{"not":"an edit target"' },
      values: {
        edit_name_block: { edit_name_action: 'renamed' },
        edit_description_block: { edit_description_action: 'x' },
        edit_approval_block: { edit_approval_action: 'on' },
      },
    });
    expect(res.status).toBe(200);
    expect(res.ackIssues).toEqual([]);
    const body = res.body as { response_action: string; view: { blocks: unknown[] } };
    expect(body.response_action).toBe('update');
    expect(blocksText(body.view.blocks)).toContain('I could not read this form');
    expect(cloudRequestCount(world)).toBe(before);
  });

  it('should never send a payload Slack would refuse', () => {
    world.fake.assertNoRejections();
  });
});
