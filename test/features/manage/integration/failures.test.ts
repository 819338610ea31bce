import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_PROJECTS } from '#src/platform/config/load-config.js';
import {
  blocksText,
  type ManageWorld,
  responded,
  serviceIdsShown,
  startManageWorld,
} from './manage-harness.js';

let world: ManageWorld;
let serviceIds: readonly string[];

beforeAll(async () => {
  world = await startManageWorld();
  ({ serviceIds } = await world.sandbox.bulkSeed(world.projectId, { services: 2 }));
});

afterEach(() => {
  world.sandbox.clearFaults();
});

afterAll(async () => {
  await world?.close();
});

describe('when the cloud or Slack fails', () => {
  it('should tell the user what happened, ephemerally, and post nothing when no project can be listed', async () => {
    world.sandbox.addFault({ method: 'GET', match: 'vpc-endpoint-services$', status: 503 });
    const res = await world.slack.command({ text: 'list', userId: 'U0READER', channelId: 'C0DOWN' });
    const answer = await responded(world, res.responseUrl);
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toContain(':warning: The cloud failed to list endpoint services');
    expect(answer.text).toContain('Try again in a few minutes');
    expect(world.fake.messages('C0DOWN')).toEqual([]);
  });

  it('should still post the projects that answer, and say which one did not', async () => {
    const other = SANDBOX_PROJECTS[1];
    if (!other) throw new Error('the sandbox has two projects');
    world.sandbox.addFault({
      method: 'GET',
      match: `${other.projectId}/vpc-endpoint-services$`,
      status: 503,
    });
    const since = world.fake.callCount();
    await world.slack.command({ text: 'list', userId: 'U0READER', channelId: 'C0HALF' });
    const call = await world.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0HALF', {
      since,
    });
    const message = world.fake.message('C0HALF', String(call.response.ts));
    expect(blocksText(message?.blocks)).toContain(`Could not list the services of *${other.label}*`);
    expect(new Set(serviceIdsShown(message ?? {}))).toEqual(new Set(serviceIds));
  });

  it('should wait out Slack rate limiting of the channel and then post the summary', async () => {
    world.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const since = world.fake.callCount();
    await world.slack.command({ text: 'list', userId: 'U0READER', channelId: 'C0BUSY' });
    const posted = await world.fake.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === 'C0BUSY' && c.response.ok === true,
      { since, timeoutMs: 8000 },
    );
    const attempts = world.fake
      .calls('chat.postMessage')
      .filter((c) => c.index >= since && c.args.channel === 'C0BUSY');
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(String(posted.args.text)).toContain('Endpoint services: 2 services');
  });

  it('should show the details it has when the whitelist cannot be read', async () => {
    world.sandbox.addFault({ method: 'GET', match: 'permissions$', status: 503 });
    const [first] = serviceIds;
    const res = await world.slack.command({ text: `show ${first}`, userId: 'U0READER', channelId: 'C0TEAM' });
    const answer = await responded(world, res.responseUrl);
    const text = blocksText(answer.blocks);
    expect(text).toContain(`\`${first}\``);
    expect(text).toMatch(/\*Whitelist\*\n_unavailable: /);
    expect(text).toContain('*Connections*: none');
  });

  it('should never send a payload Slack would refuse', () => {
    world.fake.assertNoRejections();
  });
});
