import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '#src/playground/slack/index.js';
import { FUNCTION_ROUTE_APPROVAL } from '#src/slack/app-ids.js';
import {
  type ApprovalBot,
  click,
  cloudActions,
  current,
  eventually,
  hasButtons,
  requestConnection,
  requestPosts,
  seedService,
  startApprovalBot,
  stopApprovalTest,
  waitForPolls,
  waitForRequestPost,
} from './approval-fixture.js';

const OWNER = 'U0OWNER';

let fake: FakeSlack;
let bot: ApprovalBot | undefined;

beforeAll(async () => {
  fake = await startFakeSlack();
});

afterAll(() => stopApprovalTest({ fake, bot }));

describe('a restart between the request and the click', () => {
  it('should lose nothing: the new process decides, updates the message and completes the waiting step', async () => {
    const before = await startApprovalBot(fake);
    const service = await seedService(before.test, {
      users: [OWNER],
      groups: [],
      approvalChannel: 'C0RESTART',
    });
    const endpointId = await requestConnection(before.test, service.id);
    const { execution } = await before.slack.functionExecuted({
      callbackId: FUNCTION_ROUTE_APPROVAL,
      inputs: { service_id: service.id, endpoint_id: endpointId, requester: 'U0REQUESTER' },
    });
    const message = await waitForRequestPost(fake, endpointId);
    await before.test.stop();

    bot = await startApprovalBot(fake, {}, before.test.keyPrefix);
    await waitForPolls(bot.test, 2);
    expect(requestPosts(fake, endpointId)).toHaveLength(1);
    await click(bot.slack, fake, message, OWNER, 'approve');
    const updated = await eventually(
      () => current(fake, message),
      (m) => !hasButtons(m),
    );
    expect(JSON.stringify(updated.blocks)).toContain(`*Approved* by <@${OWNER}>`);
    expect(cloudActions(bot.test, endpointId)).toEqual([{ endpoints: [endpointId], action: 'receive' }]);
    expect(
      await eventually(
        () => fake.functionExecution(execution.executionId)?.completion,
        (c) => c !== undefined,
      ),
    ).toEqual({
      kind: 'success',
      outputs: { decision: 'approved', approver: OWNER, endpoint_id: endpointId },
    });
  });

  it('should never send a payload Slack would refuse', () => {
    fake.assertNoRejections();
  });
});
