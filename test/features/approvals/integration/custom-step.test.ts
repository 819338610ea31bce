import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalStores } from '#src/features/approvals/store/approval-stores.js';
import { REJECT_REASON_BLOCK, REJECT_REASON_INPUT } from '#src/features/approvals/views/approval-ids.js';
import { SELF_DECIDED_MESSAGE } from '#src/features/approvals/workflow/step-completion.js';
import type { FakeSlack } from '#src/playground/slack/index.js';
import { FUNCTION_ROUTE_APPROVAL } from '#src/slack/app-ids.js';
import { assertionClient } from '../../../helpers/redis-test.js';
import {
  ADMIN,
  type ApprovalBot,
  approvalStores,
  click,
  cloudActions,
  current,
  eventually,
  hasButtons,
  PROJECT,
  privateAnswer,
  renameInCloud,
  requestConnection,
  requestPosts,
  sandboxControl,
  seedService,
  startApprovalTest,
  startQuietApprovalBot,
  stopApprovalTest,
  waitForPolls,
  waitForRequestPost,
} from './approval-fixture.js';

const OWNER = 'U0OWNER';
const REQUESTER = 'U0REQUESTER';
const CHANNEL = 'C0STEPS';

let fake: FakeSlack;
let bot: ApprovalBot;
let stores: ApprovalStores;
const redis = assertionClient();

beforeAll(async () => {
  ({ fake, bot } = await startApprovalTest());
  stores = approvalStores(redis, bot);
});

afterAll(async () => {
  await stopApprovalTest({ fake, bot });
  redis.disconnect();
});

/** The completion calls made for one execution, in order. */
function completionCalls(executionId: string): string[] {
  return fake
    .calls()
    .filter((c) => c.method.startsWith('functions.') && c.args.function_execution_id === executionId)
    .map((c) => c.method);
}

async function pendingConnection(owners: string[] = [OWNER]) {
  const service = await seedService(bot.test, { users: owners, groups: [], approvalChannel: CHANNEL });
  const endpointId = await requestConnection(bot.test, service.id);
  return { service, endpointId };
}

function runStep(
  inputs: Record<string, unknown>,
  ids: { executionId?: string; botAccessToken?: string } = {},
) {
  return bot.slack.functionExecuted({ callbackId: FUNCTION_ROUTE_APPROVAL, inputs, ...ids });
}

async function completionOf(executionId: string) {
  const completion = await eventually(
    () => fake.functionExecution(executionId)?.completion,
    (c) => c !== undefined,
  );
  if (!completion) throw new Error('not completed');
  return completion;
}

const errorOf = (completion: Awaited<ReturnType<typeof completionOf>>) =>
  completion.kind === 'error' ? completion.error : '';

describe('the route_connection_approval step', () => {
  it('should post the request and complete with the decision, the approver and the endpoint', async () => {
    // The requester may not decide this service: the bar keeps them out should they gain the right.
    const { service, endpointId } = await pendingConnection();
    const { execution } = await runStep({
      service_id: service.id,
      endpoint_id: endpointId,
      requester: REQUESTER,
      reason: 'Team X needs the payments API',
    });
    // The poller may post the request before the step joins it: the workflow note comes with an update.
    const posted = await waitForRequestPost(fake, endpointId);
    const message = await eventually(
      () => current(fake, posted),
      (m) => JSON.stringify(m.blocks).includes(`through a workflow by <@${REQUESTER}>`),
    );
    expect(JSON.stringify(message.blocks)).toContain('Team X needs the payments API');

    const selfClick = await click(bot.slack, fake, message, REQUESTER, 'approve');
    const refusal = await privateAnswer(fake, selfClick.responseUrl);
    expect(JSON.stringify(refusal)).toContain('someone else must decide');
    expect(cloudActions(bot.test, endpointId)).toEqual([]);

    await click(bot.slack, fake, message, OWNER, 'approve');
    expect(await completionOf(execution.executionId)).toEqual({
      kind: 'success',
      outputs: { decision: 'approved', approver: OWNER, endpoint_id: endpointId },
    });
    const completed = fake
      .calls('functions.completeSuccess')
      .find((c) => c.args.function_execution_id === execution.executionId);
    expect(completed?.token).toBe(execution.botAccessToken);
    expect(cloudActions(bot.test, endpointId)).toEqual([{ endpoints: [endpointId], action: 'receive' }]);
    // A refresh that read the request before the decision may land just after it; the newest version wins.
    await eventually(
      () => current(fake, message),
      (m) => !hasButtons(m),
    );
    expect(hasButtons(current(fake, message))).toBe(false);
  });

  it('should accept the Approve of an owner whom a workflow names as the requester, not refuse it as their own', async () => {
    const { service, endpointId } = await pendingConnection();
    const { execution } = await runStep({
      service_id: service.id,
      endpoint_id: endpointId,
      requester: OWNER,
      reason: 'Named by the workflow author, not by Slack',
    });
    const posted = await waitForRequestPost(fake, endpointId);
    const message = await eventually(
      () => current(fake, posted),
      (m) => JSON.stringify(m.blocks).includes(`through a workflow by <@${OWNER}>`),
    );

    const approve = await click(bot.slack, fake, message, OWNER, 'approve');
    expect(await completionOf(execution.executionId)).toEqual({
      kind: 'success',
      outputs: { decision: 'approved', approver: OWNER, endpoint_id: endpointId },
    });
    expect(cloudActions(bot.test, endpointId)).toEqual([{ endpoints: [endpointId], action: 'receive' }]);
    expect(JSON.stringify(fake.responses(approve.responseUrl))).not.toContain('someone else must decide');
    expect(
      await stores.requests.get(stores.requests.requestId(PROJECT, service.id, endpointId)),
    ).toMatchObject({
      state: 'approved',
      decidedBy: OWNER,
    });
  });

  it('should let an admin whom a workflow names as the requester decide', async () => {
    const { service, endpointId } = await pendingConnection();
    const { execution } = await runStep({
      service_id: service.id,
      endpoint_id: endpointId,
      requester: ADMIN,
    });
    const posted = await waitForRequestPost(fake, endpointId);
    const message = await eventually(
      () => current(fake, posted),
      (m) => JSON.stringify(m.blocks).includes(`through a workflow by <@${ADMIN}>`),
    );
    await click(bot.slack, fake, message, ADMIN, 'reject');
    const opened = await fake.waitForCall('views.open', (c) => JSON.stringify(c.args).includes(endpointId));
    const view = fake.currentView(String((opened.response.view as { id: string }).id));
    await bot.slack.viewSubmission({
      userId: ADMIN,
      view: view as unknown as Record<string, unknown>,
      values: { [REJECT_REASON_BLOCK]: { [REJECT_REASON_INPUT]: 'Not this consumer' } },
    });
    expect(await completionOf(execution.executionId)).toEqual({
      kind: 'success',
      outputs: { decision: 'rejected', approver: ADMIN, endpoint_id: endpointId },
    });
  });

  it('should join the request the poller already posted, and complete after a reject with a reason', async () => {
    const { service, endpointId } = await pendingConnection();
    const message = await waitForRequestPost(fake, endpointId);
    const { execution } = await runStep({ service_id: service.id, endpoint_id: endpointId });
    await eventually(
      () => current(fake, message),
      (m) => JSON.stringify(m.blocks).includes('through a workflow'),
    );
    expect(requestPosts(fake, endpointId)).toHaveLength(1);

    await click(bot.slack, fake, message, OWNER, 'reject');
    const opened = await fake.waitForCall('views.open', (c) => JSON.stringify(c.args).includes(endpointId));
    const view = fake.currentView(String((opened.response.view as { id: string }).id));
    await bot.slack.viewSubmission({
      userId: OWNER,
      view: view as unknown as Record<string, unknown>,
      values: { [REJECT_REASON_BLOCK]: { [REJECT_REASON_INPUT]: 'Unknown consumer' } },
    });
    expect(await completionOf(execution.executionId)).toEqual({
      kind: 'success',
      outputs: { decision: 'rejected', approver: OWNER, endpoint_id: endpointId },
    });
    expect(cloudActions(bot.test, endpointId)).toEqual([{ endpoints: [endpointId], action: 'reject' }]);
  });

  it('should handle a retried function_executed once, and complete it once while the poller races the decider', async () => {
    const { service, endpointId } = await pendingConnection();
    const ids = {
      executionId: `Fx${randomUUID().slice(0, 8).toUpperCase()}`,
      botAccessToken: 'xwfp-retry-token',
    };
    const inputs = { service_id: service.id, endpoint_id: endpointId };
    await runStep(inputs, ids);
    await runStep(inputs, ids);
    const message = await waitForRequestPost(fake, endpointId);
    // A slow completion keeps the decider's call open while the poller (every 0.2 s) looks for leftovers.
    fake.setLatency('functions.completeSuccess', 700);
    try {
      await click(bot.slack, fake, message, OWNER, 'approve');
      await completionOf(ids.executionId);
      await waitForPolls(bot.test, 4);
    } finally {
      fake.setLatency('functions.completeSuccess', 0);
    }
    expect(requestPosts(fake, endpointId)).toHaveLength(1);
    expect(completionCalls(ids.executionId)).toEqual(['functions.completeSuccess']);
  });

  it('should complete each of two workflows waiting on one request exactly once', async () => {
    const { service, endpointId } = await pendingConnection();
    const inputs = { service_id: service.id, endpoint_id: endpointId };
    const first = await runStep(inputs);
    const second = await runStep(inputs);
    const message = await waitForRequestPost(fake, endpointId);
    await eventually(
      () => current(fake, message),
      (m) => JSON.stringify(m.blocks).split('through a workflow').length === 3,
    );
    fake.setLatency('functions.completeSuccess', 700);
    try {
      await click(bot.slack, fake, message, OWNER, 'approve');
      for (const { execution } of [first, second]) await completionOf(execution.executionId);
      await waitForPolls(bot.test, 4);
    } finally {
      fake.setLatency('functions.completeSuccess', 0);
    }
    for (const { execution } of [first, second]) {
      expect(completionCalls(execution.executionId)).toEqual(['functions.completeSuccess']);
      expect(fake.functionExecution(execution.executionId)?.completion).toEqual({
        kind: 'success',
        outputs: { decision: 'approved', approver: OWNER, endpoint_id: endpointId },
      });
    }
  });

  it('should end with an error, not with the requester as approver, when the requester was deciding as the workflow joined', async () => {
    const { service, endpointId } = await pendingConnection();
    const message = await waitForRequestPost(fake, endpointId);
    sandboxControl(bot.test).addFault({
      match: 'connections/action$',
      method: 'POST',
      latencyMs: 1500,
      count: 1,
    });
    await click(bot.slack, fake, message, OWNER, 'approve');
    const id = stores.requests.requestId(PROJECT, service.id, endpointId);
    await eventually(
      () => stores.requests.get(id),
      (r) => r?.state === 'deciding',
    );
    // An owner named as requester is not barred; one who is no longer an owner as the step joins is.
    await bot.test.bot.core.records.put({
      projectId: PROJECT,
      serviceId: service.id,
      owners: { users: ['U0NEXTOWNER'], groups: [] },
      approvalChannel: CHANNEL,
      createdBy: OWNER,
    });
    const { execution } = await runStep({
      service_id: service.id,
      endpoint_id: endpointId,
      requester: OWNER,
    });
    expect(await completionOf(execution.executionId)).toEqual({ kind: 'error', error: SELF_DECIDED_MESSAGE });
    expect(await stores.requests.get(id)).toMatchObject({ state: 'approved', decidedBy: OWNER });
    expect(completionCalls(execution.executionId)).toEqual(['functions.completeError']);
  });

  it('should detach a step that failed after it joined, so no decision completes it later', async () => {
    const { service, endpointId } = await pendingConnection();
    await waitForRequestPost(fake, endpointId);
    const id = stores.requests.requestId(PROJECT, service.id, endpointId);
    // The request's copies become unreadable: the step joins, then fails reading the request back.
    const copiesKey = `${bot.test.keyPrefix}{apr:${id}}:copies`;
    const copies = await redis.smembers(copiesKey);
    await redis.del(copiesKey);
    await redis.set(copiesKey, 'not a set');
    try {
      const { execution } = await runStep({
        service_id: service.id,
        endpoint_id: endpointId,
        reason: 'joined',
      });
      expect((await completionOf(execution.executionId)).kind).toBe('error');
    } finally {
      await redis.del(copiesKey);
      if (copies.length > 0) await redis.sadd(copiesKey, ...copies);
    }
    expect((await stores.requests.get(id))?.workflow).toEqual([{ reason: 'joined' }]);
    expect(await stores.waits.executions(id)).toEqual([]);
    expect(await stores.waits.idsWithExecutions()).not.toContain(id);
  });

  it('should fail with a clear message when the service is unknown', async () => {
    const { endpointId } = await pendingConnection();
    const missing = randomUUID();
    const { execution } = await runStep({ service_id: missing, endpoint_id: endpointId });
    const completion = await completionOf(execution.executionId);
    expect(completion).toEqual({ kind: 'error', error: expect.stringContaining(`\`${missing}\``) });
    expect(errorOf(completion)).toContain('found no endpoint service');
  });

  it('should fail when the endpoint is not waiting for approval', async () => {
    const { service, endpointId } = await pendingConnection();
    await sandboxControl(bot.test).resolveConnection(PROJECT, service.id, endpointId, 'receive');
    const { execution } = await runStep({ service_id: service.id, endpoint_id: endpointId });
    expect(await completionOf(execution.executionId)).toEqual({
      kind: 'error',
      error: expect.stringContaining('is accepted, not waiting for approval'),
    });
    const unknown = await runStep({ service_id: service.id, endpoint_id: randomUUID() });
    expect(await completionOf(unknown.execution.executionId)).toEqual({
      kind: 'error',
      error: expect.stringContaining('has no connection to the endpoint service'),
    });
  });

  it("should escape the cloud's service name in the step's error text", async () => {
    // The cloud (or whatever answers in its place) reports a service name with markup in it.
    const { service, endpointId } = await pendingConnection();
    await sandboxControl(bot.test).resolveConnection(PROJECT, service.id, endpointId, 'receive');
    await renameInCloud(redis, bot, service.id, 'x<!channel>');
    const { execution } = await runStep({ service_id: service.id, endpoint_id: endpointId });
    const error = errorOf(await completionOf(execution.executionId));
    expect(error).toContain('is accepted, not waiting for approval');
    expect(error).toContain('x&lt;!channel&gt;');
    expect(error).not.toContain('<!channel>');
  });

  it('should fail with the cloud error when the cloud refuses the check', async () => {
    const { service, endpointId } = await pendingConnection();
    sandboxControl(bot.test).addFault({
      match: `${service.id}/connections$`,
      method: 'GET',
      status: 403,
      errorCode: 'EndPoint.0004',
      errorMsg: 'No permission.',
    });
    const { execution } = await runStep({ service_id: service.id, endpoint_id: endpointId });
    const completion = await completionOf(execution.executionId);
    sandboxControl(bot.test).clearFaults();
    expect(completion.kind).toBe('error');
    expect(errorOf(completion)).toMatch(/permission/i);
  });

  it('should fail naming the missing input', async () => {
    const { service } = await pendingConnection();
    const { execution } = await runStep({ service_id: service.id });
    expect(await completionOf(execution.executionId)).toEqual({
      kind: 'error',
      error: expect.stringContaining('endpoint_id is required'),
    });
  });

  it('should never send a payload Slack would refuse', () => {
    fake.assertNoRejections();
  });
});

describe('a request that came from a workflow', () => {
  let quiet: ApprovalBot;

  beforeAll(async () => {
    // A poller that ran once at start and then waits an hour: the step makes the first post.
    quiet = await startQuietApprovalBot(fake);
  });

  afterAll(async () => {
    await quiet.test.stop();
  });

  it('should still ask an owner whom a workflow names as the requester, in the channel and by DM', async () => {
    const channelled = await seedService(quiet.test, {
      users: [OWNER, REQUESTER],
      groups: [],
      approvalChannel: CHANNEL,
    });
    const first = await requestConnection(quiet.test, channelled.id);
    await quiet.slack.functionExecuted({
      callbackId: FUNCTION_ROUTE_APPROVAL,
      inputs: { service_id: channelled.id, endpoint_id: first, requester: REQUESTER },
    });
    const message = await waitForRequestPost(fake, first);
    const headline = JSON.stringify(message.blocks?.[0]);
    expect(headline).toContain(`<@${OWNER}> <@${REQUESTER}>: please approve or reject`);

    const direct = await seedService(quiet.test, { users: [OWNER, REQUESTER], groups: [] });
    const second = await requestConnection(quiet.test, direct.id);
    await quiet.slack.functionExecuted({
      callbackId: FUNCTION_ROUTE_APPROVAL,
      inputs: { service_id: direct.id, endpoint_id: second, requester: REQUESTER },
    });
    const quietStores = approvalStores(redis, quiet);
    const posted = await eventually(
      () => quietStores.requests.get(quietStores.requests.requestId(PROJECT, direct.id, second)),
      (r) => r?.postedAt !== undefined,
    );
    expect(posted?.copies.map((c) => c.channel)).toHaveLength(2);
    expect(requestPosts(fake, second).map((p) => p.args.channel)).toEqual([OWNER, REQUESTER]);
    fake.assertNoRejections();
  });
});
