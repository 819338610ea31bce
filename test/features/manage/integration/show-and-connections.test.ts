import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EndpointService } from '#src/cloud/index.js';
import { APPROVE_ACTION } from '#src/features/approvals/views/approval-ids.js';
import {
  blocksText,
  buttonActionId,
  createLbService,
  type ManageWorld,
  pollerRequest,
  responded,
  startManageWorld,
} from './manage-harness.js';

let world: ManageWorld;
let service: EndpointService;
const consumer = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

beforeAll(async () => {
  world = await startManageWorld();
  service = await createLbService(
    world,
    {
      ports: [
        { clientPort: 443, serverPort: 8443, protocol: 'TCP' },
        { clientPort: 80, serverPort: 8080, protocol: 'TCP' },
      ],
      name: 'billing',
      description: 'Billing API for the shop',
      tags: [
        { key: 'team', value: 'billing' },
        { key: 'env', value: 'prod' },
      ],
    },
    {
      owners: { users: ['U0OWNER'], groups: ['S0BILLING'] },
      approvalChannel: 'C0APPROVALS',
      createdBy: 'U0CREATOR',
    },
  );
  await world.core.cloud.project(world.projectId).updateWhitelist(service.id, 'add', [consumer]);
});

afterAll(async () => {
  await world?.close();
});

describe('/vpcep show <service>', () => {
  it('should show tags, whitelist, owners, creator and connections by status, with pending ones as approval requests', async () => {
    const accepted = await world.sandbox.requestConnection(world.projectId, service.id, {
      domainId: consumer,
    });
    await world.sandbox.resolveConnection(world.projectId, service.id, accepted.endpointId, 'receive');
    const routed = await world.sandbox.requestConnection(world.projectId, service.id);
    const fresh = await world.sandbox.requestConnection(world.projectId, service.id);
    await pollerRequest(world, service, routed);

    const res = await world.slack.command({ text: 'show billing', userId: 'U0READER', channelId: 'C0TEAM' });
    const body = await responded(world, res.responseUrl);
    const text = blocksText(body.blocks);
    expect(body.response_type).toBe('ephemeral');
    expect(text).toContain(`\`${service.id}\``);
    expect(text).toContain(
      'TCP: service port 8443, terminal port 443\nTCP: service port 8080, terminal port 80',
    );
    expect(text).toContain('Billing API for the shop');
    expect(text).toContain('`team=billing` `env=prod`');
    expect(text).toContain(`\`${consumer}\``);
    expect(text).toContain('*Owners*: <@U0OWNER>, <!subteam^S0BILLING>');
    expect(text).toContain('*Creator*: <@U0CREATOR>');
    expect(text).toContain('*Approval channel*: <#C0APPROVALS>');
    expect(text).toContain('*2* pending approval · *1* accepted');
    expect(text).toContain(accepted.endpointId);
    expect(text).toContain('*Connection request* for');
    expect(text).toContain(routed.endpointId);
    expect(text).toContain(fresh.endpointId);
    expect(buttonActionId(body, 'Approve')).toBe(APPROVE_ACTION);
    expect(text).toContain('Sandbox');
    expect(body.text).toContain('billing');
  });

  it('should say which service it could not find', async () => {
    const res = await world.slack.command({ text: 'show nosuch', userId: 'U0READER', channelId: 'C0TEAM' });
    const body = await responded(world, res.responseUrl);
    expect(body.text).toContain('I found no endpoint service with the ID or name `nosuch`');
  });

  it('should answer usage when the service is missing', async () => {
    const res = await world.slack.command({ text: 'show', userId: 'U0READER', channelId: 'C0TEAM' });
    expect((res.body as { text: string }).text).toContain('Usage: `/vpcep show <service>`');
  });
});

describe('/vpcep connections <service>', () => {
  it('should list every connection with status, consumer account and time, in pages', async () => {
    await world.sandbox.bulkSeed(world.projectId, {
      connections: { serviceId: service.id, count: 90, status: 'rejected' },
    });
    const all = await world.core.cloud.project(world.projectId).listConnections(service.id);
    expect(all).toHaveLength(93);

    const res = await world.slack.command({
      text: `connections ${service.id}`,
      userId: 'U0READER',
      channelId: 'C0TEAM',
    });
    const first = (await responded(world, res.responseUrl)) as {
      response_type?: string;
      text: string;
      blocks: unknown[];
    };
    expect(first.response_type).toBe('ephemeral');
    const firstText = blocksText(first.blocks);
    expect(firstText).toContain(
      '*93* connections: *2* pending approval · *1* accepted · *90* rejected · page 1 of 3',
    );
    expect(firstText.indexOf('pending approval* · account')).toBeLessThan(
      firstText.indexOf('*accepted* · account'),
    );
    expect(firstText).toContain(`*accepted* · account \`${consumer}\``);
    expect(firstText).toMatch(/<!date\^\d+\^/);
    expect(first.blocks.length).toBeLessThanOrEqual(50);

    // The fake keeps no ephemeral messages to replace, so the page is placed as a message to click on.
    const seen = new Set<string>();
    let page = await world.core.slack.chat.postMessage({
      channel: 'C0PAGES',
      text: first.text,
      blocks: first.blocks as never,
    });
    for (let n = 0; ; n++) {
      const message = world.fake.message('C0PAGES', String(page.ts));
      if (!message) throw new Error('page message missing');
      for (const c of all) if (blocksText(message.blocks).includes(c.endpointId)) seen.add(c.endpointId);
      const next = buttonActionId(message, 'Next');
      if (!next) break;
      const click = await world.slack.blockActions({
        userId: 'U0READER',
        message: structuredClone(message),
        actions: [{ action_id: next }],
      });
      await responded(world, click.responseUrl ?? '');
      page = { ...page, ts: message.ts };
      expect(n).toBeLessThan(3);
    }
    expect(seen.size).toBe(93);
  });

  it('should never send a payload Slack would refuse', () => {
    world.fake.assertNoRejections();
  });
});
