/**
 * The poller never bursts: one pass lists the connections of every approval-enabled service of a
 * project (the floor: the API has no cross-service query for pending connections), its calls spaced
 * evenly under `APPROVAL_POLL_RATE`, and a new connection on any of them is still found and posted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeSlack } from '#src/playground/slack/index.js';
import { FUNCTION_ROUTE_APPROVAL } from '#src/slack/app-ids.js';
import { assertionClient } from '../../../helpers/redis-test.js';
import {
  type ApprovalBot,
  approvalStores,
  eventually,
  PROJECT,
  requestConnection,
  seedService,
  startApprovalTest,
  stopApprovalTest,
  waitForRequestPost,
} from './approval-fixture.js';

const SERVICES = 8;
const RATE = 10; // calls per second: 100 ms apart, a pass of the services below takes about a second
/** Arrival at the sandbox may shift a call by a few ms either way; a burst is 0–5 ms apart. */
const SLACK_MS = 8;

let fake: FakeSlack;
let bot: ApprovalBot;
const redis = assertionClient();

beforeAll(async () => {
  ({ fake, bot } = await startApprovalTest({ APPROVAL_POLL_RATE: String(RATE) }));
});

afterAll(async () => {
  await stopApprovalTest({ fake, bot });
  redis.disconnect();
});

function sandboxRequests() {
  const sandbox = bot.test.bot.core.cloud.sandbox;
  if (!sandbox) throw new Error('the test bot is not in sandbox mode');
  return sandbox.requests({ method: 'GET', path: new RegExp(`^/v1/${PROJECT}/vpc-endpoint-services`) });
}

/** The project's calls of each whole pass: from one service list to the next. */
function passes() {
  const all = sandboxRequests();
  const starts = all.flatMap((r, i) => (r.path.endsWith('/vpc-endpoint-services') ? [i] : []));
  return starts.slice(0, -1).map((start, n) => all.slice(start, starts[n + 1]));
}

describe('the approval poller under APPROVAL_POLL_RATE', () => {
  it('should space one pass of calls evenly at the rate, one connection list per approval-enabled service', async () => {
    const services = [];
    for (let i = 0; i < SERVICES; i++)
      services.push(
        await seedService(bot.test, { users: ['U0OWNER'], groups: [], approvalChannel: 'C0PACED' }),
      );
    const ids = new Set(services.map((s) => s.id));
    const covering = (pass: ReturnType<typeof passes>[number]) =>
      [...ids].every((id) => pass.some((r) => r.path.endsWith(`/${id}/connections`)));
    const pass = (await eventually(passes, (all) => all.some(covering), 20_000)).find(covering) ?? [];

    const lists = pass.filter((r) => r.path.endsWith('/connections'));
    for (const id of ids) expect(lists.filter((r) => r.path.endsWith(`/${id}/connections`))).toHaveLength(1);
    const gaps = pass.slice(1).map((r, i) => r.at - (pass[i]?.at ?? 0));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(1000 / RATE - SLACK_MS);

    // A connection on one of them is found by the paced passes and posted once.
    const target = services[Math.floor(SERVICES / 2)];
    const endpointId = await requestConnection(bot.test, target?.id ?? '');
    await waitForRequestPost(fake, endpointId);
    await eventually(passes, (all) => all.length >= 2);
    const posts = fake
      .calls('chat.postMessage')
      .filter((c) => c.args.channel === 'C0PACED' && JSON.stringify(c.args.blocks).includes(endpointId));
    expect(posts).toHaveLength(1);
  });

  it('should not take a request for a service made during a pass as gone', async () => {
    // A pass starts (it has read the service list); the service, its connection and a workflow's
    // request for it all come after, while the pass still lists the other services' connections.
    const before = passes().length;
    await eventually(
      sandboxRequests,
      (all) => all.filter((r) => r.path.endsWith('/vpc-endpoint-services')).length > before + 1,
    );
    const service = await seedService(bot.test, {
      users: ['U0OWNER'],
      groups: [],
      approvalChannel: 'C0PACED',
    });
    const endpointId = await requestConnection(bot.test, service.id);
    const { execution } = await bot.slack.functionExecuted({
      callbackId: FUNCTION_ROUTE_APPROVAL,
      inputs: { service_id: service.id, endpoint_id: endpointId },
    });
    const stores = approvalStores(redis, bot);
    const id = stores.requests.requestId(PROJECT, service.id, endpointId);
    expect(await eventually(() => stores.requests.get(id), Boolean)).toMatchObject({ state: 'pending' });
    // That pass, and the next whole one, leave it waiting for the owners.
    const seen = passes().length;
    await eventually(passes, (all) => all.length >= seen + 2, 20_000);
    expect(await stores.requests.get(id)).toMatchObject({ state: 'pending' });
    expect(fake.functionExecution(execution.executionId)?.completion).toBeUndefined();
  });

  it('should post a request as soon as its service is read, not at the end of the pass', async () => {
    for (let i = 0; i < 10; i++)
      await seedService(bot.test, { users: ['U0OWNER'], groups: [], approvalChannel: 'C0PACED' });
    // The service each pass reads first: a connection on it is found at the start of a pass.
    const [, last] = await eventually(passes, (all) => all.length >= 2);
    const first = (last ?? []).find((r) => r.path.endsWith('/connections'))?.path ?? '';
    const serviceId = first.split('/').at(-2) ?? '';
    const endpointId = await requestConnection(bot.test, serviceId);
    const landed = Date.now();
    const post = await fake.waitForCall(
      'chat.postMessage',
      (c) => !c.args.thread_ts && JSON.stringify(c.args.blocks).includes(endpointId),
      { timeoutMs: 15_000 },
    );
    // The pass that found it: the first to read the service after it landed.
    const pass = await eventually(
      () => passes().find((p) => p.some((r) => r.path === first && r.at >= landed)),
      Boolean,
      20_000,
    );
    const lastList = (pass ?? []).filter((r) => r.path.endsWith('/connections')).at(-1)?.at ?? 0;
    expect(post.at).toBeLessThan(lastList);
  });

  it('should never send a payload Slack would refuse', () => {
    fake.assertNoRejections();
  });
});
