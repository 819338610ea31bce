/**
 * The deciding lease against a slow or silent cloud, with the approval services of a real bot run
 * directly under short lease settings (the bot's own poller waits an hour), so each case takes seconds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalSettings, Approvals } from '#src/features/approvals/approval-use-cases.js';
import { decisionNotice } from '#src/features/approvals/views/approval-notices.js';
import { type FakeSlack, startFakeSlack } from '#src/playground/slack/index.js';
import {
  ADMIN,
  type ApprovalBot,
  approvalsOf,
  cloudActions,
  current,
  eventually,
  hasButtons,
  POLL,
  PROJECT,
  requestConnection,
  sandboxControl,
  seedService,
  startQuietApprovalBot,
  stopApprovalTest,
  waitForRequestPost,
} from './approval-fixture.js';

const OWNER = 'U0OWNER';
const CHANNEL = 'C0LEASES';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let fake: FakeSlack;
let bot: ApprovalBot;

beforeAll(async () => {
  fake = await startFakeSlack();
  bot = await startQuietApprovalBot(fake);
});

afterAll(() => stopApprovalTest({ fake, bot }));

/** The bot's approval services with a 1.5 s lease and a 0.5 s grace (and `more`). */
function approvalsWith(more: Partial<ApprovalSettings> = {}): Approvals {
  return approvalsOf(bot, { leaseMs: 1500, leaseGraceMs: 500, ...more });
}

/** A pending connection whose request the given services created and posted. */
async function postedRequest(approvals: Approvals) {
  const service = await seedService(bot.test, { users: [OWNER], groups: [], approvalChannel: CHANNEL });
  const endpointId = await requestConnection(bot.test, service.id);
  await approvals.poll(POLL);
  const message = await waitForRequestPost(fake, endpointId);
  const id = approvals.deps.requests.requestId(PROJECT, service.id, endpointId);
  return { service, endpointId, message, id };
}

/** Polls every 50 ms until `until` settles. */
async function pollWhile(approvals: Approvals, until: Promise<unknown>): Promise<void> {
  let settled = false;
  void until.finally(() => {
    settled = true;
  });
  while (!settled) {
    await approvals.poll(POLL);
    await sleep(50);
  }
}

/** Every text a message was updated to. */
const updatesOf = (message: { channel: string; ts: string }) =>
  fake
    .calls('chat.update')
    .filter((c) => c.args.channel === message.channel && c.args.ts === message.ts)
    .map((c) => JSON.stringify(c.args.blocks));

describe('the deciding lease', () => {
  it('should stay with the decider while the cloud takes longer than the lease and its grace', async () => {
    const approvals = approvalsWith();
    const { endpointId, message, id } = await postedRequest(approvals);
    sandboxControl(bot.test).addFault({
      match: 'connections/action$',
      method: 'POST',
      latencyMs: 3500,
      count: 1,
    });
    const decision = approvals.decide({ requestId: id, userId: OWNER, action: 'approve' });
    const polling = pollWhile(approvals, decision);
    await sleep(2600);
    // Past the lease and its grace: the request is still being decided, so a second click changes nothing.
    expect(await approvals.decide({ requestId: id, userId: ADMIN, action: 'reject' })).toMatchObject({
      kind: 'already',
      request: { state: 'deciding' },
    });
    expect((await decision).kind).toBe('decided');
    await polling;
    expect(cloudActions(bot.test, endpointId)).toEqual([{ endpoints: [endpointId], action: 'receive' }]);
    expect(await approvals.deps.requests.get(id)).toMatchObject({
      state: 'approved',
      decidedBy: OWNER,
    });
    expect(updatesOf(message).some((blocks) => blocks.includes('interrupted'))).toBe(false);
    expect(hasButtons(current(fake, message))).toBe(false);
  });

  it('should tell a decider whose action landed after the request was settled otherwise the truth', async () => {
    // The decider stops renewing after 0.2 s (its budget): the poller settles the request from the cloud.
    const approvals = approvalsWith({ decisionBudgetMs: 200 });
    const { message, id } = await postedRequest(approvals);
    sandboxControl(bot.test).addFault({
      match: 'connections/action$',
      method: 'POST',
      latencyMs: 5000,
      count: 1,
    });
    const late = approvals.decide({ requestId: id, userId: OWNER, action: 'approve' });
    const polling = pollWhile(approvals, late);
    const reopened = await eventually(
      () => current(fake, message),
      (m) => hasButtons(m) && JSON.stringify(m.blocks).includes('interrupted'),
    );
    expect(reopened).toBeDefined();
    expect((await approvals.decide({ requestId: id, userId: ADMIN, action: 'approve' })).kind).toBe(
      'decided',
    );
    const outcome = await late;
    await polling;
    expect(outcome).toMatchObject({ kind: 'superseded', request: { state: 'approved', decidedBy: ADMIN } });
    expect(decisionNotice(outcome, 'approve')).toContain('It was decided by someone else a moment ago');
    expect(JSON.stringify(current(fake, message).blocks)).toContain(`*Approved* by <@${ADMIN}>`);
  });

  it('should leave an unconfirmed decision to the poller, which reopens it only after reading the cloud', async () => {
    const approvals = approvalsWith();
    const { service, endpointId, message, id } = await postedRequest(approvals);
    const control = sandboxControl(bot.test);
    control.addFault({ match: 'connections/action$', method: 'POST', reset: true, count: 1 });
    control.addFault({ match: `${service.id}/connections$`, method: 'GET', status: 503, count: 10 });
    const outcome = await approvals.decide({ requestId: id, userId: OWNER, action: 'approve' });
    control.clearFaults();
    expect(outcome.kind).toBe('unconfirmed');
    expect(decisionNotice(outcome, 'approve')).toContain('did not confirm');
    expect((await approvals.deps.requests.get(id))?.state).toBe('deciding');
    const reopened = await eventually(
      async () => {
        await approvals.poll(POLL);
        return current(fake, message);
      },
      (m) => hasButtons(m) && JSON.stringify(m.blocks).includes('interrupted'),
    );
    expect(reopened).toBeDefined();
    expect((await approvals.deps.requests.get(id))?.state).toBe('pending');
    const [connection] = await bot.test.bot.core.cloud
      .project(PROJECT)
      .listConnections(service.id, { endpointId });
    expect(connection?.status).toBe('pendingAcceptance');
  });

  it('should never send a payload Slack would refuse', () => {
    fake.assertNoRejections();
  });
});
