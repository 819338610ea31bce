import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REJECT_REASON_BLOCK, REJECT_REASON_INPUT } from '../../../src/ui/approval-ids.js';
import { FUNCTION_ROUTE_APPROVAL } from '../../../src/ui/ids.js';
import { type FakeSlack, startFakeSlack } from '../../fakes/fake-slack/index.js';
import {
  type ApprovalBot,
  click,
  cloudActions,
  current,
  eventually,
  hasButtons,
  PROJECT,
  requestConnection,
  requestPosts,
  sandboxControl,
  seedService,
  startApprovalBot,
  waitForRequestPost,
} from './approval-fixture.js';

const OWNER = 'U0OWNER';
const REQUESTER = 'U0REQUESTER';
const CHANNEL = 'C0STEPS';

let fake: FakeSlack;
let bot: ApprovalBot;

beforeAll(async () => {
  fake = await startFakeSlack();
  bot = await startApprovalBot(fake);
});

afterAll(async () => {
  await bot.test.stop();
  await fake.close();
});

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
    const { service, endpointId } = await pendingConnection([OWNER, REQUESTER]);
    const { execution } = await runStep({
      service_id: service.id,
      endpoint_id: endpointId,
      requester: REQUESTER,
      reason: 'Team X needs the payments API',
    });
    const message = await waitForRequestPost(fake, endpointId);
    expect(JSON.stringify(message.blocks)).toContain(`through a workflow by <@${REQUESTER}>`);
    expect(JSON.stringify(message.blocks)).toContain('Team X needs the payments API');

    const selfClick = await click(bot.slack, fake, message, REQUESTER, 'approve');
    const [refusal] = await eventually(
      () => fake.responses(selfClick.responseUrl),
      (r) => r.length > 0,
    );
    expect(JSON.stringify(refusal?.body)).toContain('someone else must decide');
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
    expect(hasButtons(current(fake, message))).toBe(false);
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

  it('should handle a retried function_executed once', async () => {
    const { service, endpointId } = await pendingConnection();
    const ids = {
      executionId: `Fx${randomUUID().slice(0, 8).toUpperCase()}`,
      botAccessToken: 'xwfp-retry-token',
    };
    const inputs = { service_id: service.id, endpoint_id: endpointId };
    await runStep(inputs, ids);
    await runStep(inputs, ids);
    const message = await waitForRequestPost(fake, endpointId);
    await click(bot.slack, fake, message, OWNER, 'approve');
    await completionOf(ids.executionId);
    expect(requestPosts(fake, endpointId)).toHaveLength(1);
    const completions = fake
      .calls()
      .filter((c) => c.method.startsWith('functions.') && c.args.function_execution_id === ids.executionId);
    expect(completions.map((c) => c.method)).toEqual(['functions.completeSuccess']);
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
