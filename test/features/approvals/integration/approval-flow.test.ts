import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  REJECT_ACTION,
  REJECT_MODAL,
  REJECT_REASON_BLOCK,
  REJECT_REASON_INPUT,
} from '#src/features/approvals/views/approval-ids.js';
import type { FakeSlack } from '#src/playground/slack/index.js';
import { assertionClient } from '../../../helpers/redis-test.js';
import {
  ADMIN,
  type ApprovalBot,
  approvalStores,
  auditFor,
  click,
  cloudActions,
  current,
  eventually,
  hasButtons,
  PROJECT,
  privateAnswer,
  requestConnection,
  requestPosts,
  sandboxControl,
  seedService,
  startApprovalTest,
  stopApprovalTest,
  waitForPolls,
  waitForRequestPost,
} from './approval-fixture.js';

const OWNER = 'U0OWNER';
const STRANGER = 'U0STRANGER';
const CHANNEL = 'C0APPROVALS';

let fake: FakeSlack;
let bot: ApprovalBot;
const redis = assertionClient();

beforeAll(async () => {
  ({ fake, bot } = await startApprovalTest());
});

afterAll(async () => {
  await stopApprovalTest({ fake, bot });
  redis.disconnect();
});

async function pendingRequest(owners = { users: [OWNER], groups: [] as string[], approvalChannel: CHANNEL }) {
  const service = await seedService(bot.test, owners);
  const endpointId = await requestConnection(bot.test, service.id);
  const message = await waitForRequestPost(fake, endpointId);
  return { service, endpointId, message };
}

describe('approval requests', () => {
  it('should post each pending connection once to the approval channel, mentioning the owners, with every detail', async () => {
    const { service, endpointId, message } = await pendingRequest();
    await waitForPolls(bot.test, 3);
    expect(requestPosts(fake, endpointId)).toHaveLength(1);
    expect(message.channel).toBe(CHANNEL);
    const shown = JSON.stringify(message.blocks);
    for (const detail of [service.serviceName, service.id, endpointId, 'c0ffee00c0ffee00c0ffee00c0ffee00'])
      expect(shown).toContain(detail);
    expect(shown).toContain('TCP: service port 10000, terminal port 80');
    expect(shown).toContain('<!date^');
    expect(shown).toContain(`<@${OWNER}>`);
    expect(shown).toContain('Sandbox');
    expect(message.text).toContain('[sandbox]');
    expect(message.text).toContain(`<@${OWNER}>`);
    expect(hasButtons(message)).toBe(true);
    expect(shown).toMatch(/"text":"Approve".*"text":"Reject"/);
  });

  it('should refuse a click by someone who is not an owner, privately, with no cloud call', async () => {
    const { service, endpointId, message } = await pendingRequest();
    const stores = approvalStores(redis, bot);
    const id = stores.requests.requestId(PROJECT, service.id, endpointId);
    const before = await stores.requests.get(id);
    expect(before).toMatchObject({ state: 'pending' });
    const res = await click(bot.slack, fake, message, STRANGER, 'approve');
    expect(res.status).toBe(200);
    const answer = await privateAnswer(fake, res.responseUrl);
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    const told = JSON.stringify(answer);
    expect(told).toContain('Only the owners of');
    expect(told).toContain(`<@${OWNER}>`);
    expect(told).toContain('Nothing was changed');
    expect(cloudActions(bot.test, endpointId)).toEqual([]);
    expect(hasButtons(current(fake, message))).toBe(true);
    expect(await stores.requests.get(id)).toMatchObject({
      state: 'pending',
      version: before?.version,
      lease: undefined,
      decidedBy: undefined,
    });
  });

  it("should make one receive call on an owner's click, update the message and write an audit entry", async () => {
    const { service, endpointId, message } = await pendingRequest();
    await click(bot.slack, fake, message, OWNER, 'approve');
    const updated = await eventually(
      () => current(fake, message),
      (m) => !hasButtons(m),
    );
    expect(cloudActions(bot.test, endpointId)).toEqual([{ endpoints: [endpointId], action: 'receive' }]);
    expect(JSON.stringify(updated.blocks)).toContain(`*Approved* by <@${OWNER}>`);
    expect(updated.text).toContain(`approved by <@${OWNER}>`);
    const [connection] = await bot.test.bot.core.cloud
      .project(PROJECT)
      .listConnections(service.id, { endpointId });
    expect(connection?.status).toBe('accepted');
    expect(await auditFor(redis, bot.test, endpointId)).toEqual([
      expect.objectContaining({ action: 'connection.approved', actor: OWNER, serviceId: service.id }),
    ]);
  });

  it('should let a member of an owning user group decide', async () => {
    fake.setUsergroup('S0NETOPS', { handle: 'netops', name: 'Network ops', users: ['U0MEMBER'] });
    const { endpointId, message } = await pendingRequest({
      users: [],
      groups: ['S0NETOPS'],
      approvalChannel: CHANNEL,
    });
    expect(JSON.stringify(message.blocks)).toContain('<!subteam^S0NETOPS>');
    await click(bot.slack, fake, message, 'U0MEMBER', 'approve');
    const updated = await eventually(
      () => current(fake, message),
      (m) => !hasButtons(m),
    );
    expect(JSON.stringify(updated.blocks)).toContain('*Approved* by <@U0MEMBER>');
    expect(cloudActions(bot.test, endpointId)).toHaveLength(1);
  });

  it('should reject with the reason given in the modal', async () => {
    const { endpointId, message } = await pendingRequest();
    await click(bot.slack, fake, message, OWNER, 'reject');
    const opened = await fake.waitForCall('views.open', (c) => JSON.stringify(c.args).includes(endpointId));
    expect(opened.response.ok).toBe(true);
    const view = fake.currentView(String((opened.response.view as { id: string }).id));
    if (!view) throw new Error('modal not open');
    expect(cloudActions(bot.test, endpointId)).toEqual([]);
    const submitted = await bot.slack.viewSubmission({
      userId: OWNER,
      view: view as unknown as Record<string, unknown>,
      values: { [REJECT_REASON_BLOCK]: { [REJECT_REASON_INPUT]: 'Account <not> on the allow list' } },
    });
    expect(submitted.ackIssues).toEqual([]);
    const updated = await eventually(
      () => current(fake, message),
      (m) => !hasButtons(m),
    );
    expect(cloudActions(bot.test, endpointId)).toEqual([{ endpoints: [endpointId], action: 'reject' }]);
    const shown = JSON.stringify(updated.blocks);
    expect(shown).toContain(`*Rejected* by <@${OWNER}>`);
    expect(shown).toContain('Account &lt;not&gt; on the allow list');
    expect(await auditFor(redis, bot.test, endpointId)).toEqual([
      expect.objectContaining({
        action: 'connection.rejected',
        actor: OWNER,
        detail: 'Account <not> on the allow list',
      }),
    ]);
    expect(view.callback_id).toBe(REJECT_MODAL);
  });

  it('should tell the owner privately when the reject form cannot open (a stale click), and change nothing', async () => {
    const { endpointId, message } = await pendingRequest();
    const now = current(fake, message);
    const res = await bot.slack.blockActions({
      userId: OWNER,
      message: { channel: now.channel, ts: now.ts, blocks: now.blocks ?? [], text: now.text ?? '' },
      actions: [{ action_id: REJECT_ACTION }],
      // Slack's trigger lives 3 s: this click's trigger ran out before the bot opened the modal.
      triggerIssuedAtMs: Date.now() - 60_000,
    });
    const answer = await privateAnswer(fake, res.responseUrl);
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(JSON.stringify(answer)).toContain('I could not open the reject form');
    expect(JSON.stringify(answer)).toContain('click Reject again');
    expect(
      fake.calls('views.open').filter((c) => c.response.ok && JSON.stringify(c.args).includes(endpointId)),
    ).toEqual([]);
    expect(cloudActions(bot.test, endpointId)).toEqual([]);
    expect(hasButtons(current(fake, message))).toBe(true);
  });

  it('should update the message when the connection is accepted outside Slack', async () => {
    const { service, endpointId, message } = await pendingRequest();
    await sandboxControl(bot.test).resolveConnection(PROJECT, service.id, endpointId, 'receive');
    const updated = await eventually(
      () => current(fake, message),
      (m) => !hasButtons(m),
    );
    expect(JSON.stringify(updated.blocks)).toContain('*accepted* outside Slack');
    expect(cloudActions(bot.test, endpointId)).toEqual([]);
    expect(await auditFor(redis, bot.test, endpointId)).toEqual([
      expect.objectContaining({ action: 'connection.resolved_elsewhere', detail: 'accepted' }),
    ]);
  });

  it('should say so when the consumer deletes its endpoint before anyone decides', async () => {
    const { service, endpointId, message } = await pendingRequest();
    await sandboxControl(bot.test).removeConnection(PROJECT, service.id, endpointId);
    const updated = await eventually(
      () => current(fake, message),
      (m) => !hasButtons(m),
    );
    expect(JSON.stringify(updated.blocks)).toContain('no longer exists');
  });

  it('should keep the buttons and show the error when the cloud fails, then succeed on the next click', async () => {
    const { service, endpointId, message } = await pendingRequest();
    const control = sandboxControl(bot.test);
    control.addFault({
      match: 'connections/action$',
      method: 'POST',
      status: 400,
      errorCode: 'EndPoint.2019',
      errorMsg: 'The endpoint is creating.',
      count: 1,
    });
    await click(bot.slack, fake, message, OWNER, 'approve');
    const failed = await eventually(
      () => current(fake, message),
      (m) => JSON.stringify(m.blocks).includes('did not go through'),
    );
    expect(hasButtons(failed)).toBe(true);
    const stores = approvalStores(redis, bot);
    expect(
      await stores.requests.get(stores.requests.requestId(PROJECT, service.id, endpointId)),
    ).toMatchObject({
      state: 'pending',
      lastError: expect.stringContaining('The endpoint is creating.'),
    });
    expect(JSON.stringify(failed.blocks)).toContain('The endpoint is creating.');
    await click(bot.slack, fake, message, OWNER, 'approve');
    const approved = await eventually(
      () => current(fake, message),
      (m) => !hasButtons(m),
    );
    expect(JSON.stringify(approved.blocks)).toContain('*Approved*');
    expect(cloudActions(bot.test, endpointId).map((a) => a.action)).toEqual(['receive', 'receive']);
  });

  it('should let owners that an admin assigned decide a service the bot did not create', async () => {
    const service = await seedService(bot.test, null);
    const endpointId = await requestConnection(bot.test, service.id);
    const message = await waitForRequestPost(fake, endpointId);
    expect(message.channel).toMatch(/^D/);
    const denied = await bot.slack.command({
      text: `owners ${service.id} <@U0NEWOWNER|newowner> <#${CHANNEL}|approvals>`,
      userId: STRANGER,
      channelId: 'C0OPS',
    });
    const deniedAnswer = await privateAnswer(fake, denied.responseUrl);
    expect(JSON.stringify(deniedAnswer)).toContain('nothing was changed');
    const assigned = await bot.slack.command({
      text: `owners ${service.id} <@U0NEWOWNER|newowner> <#${CHANNEL}|approvals>`,
      userId: ADMIN,
      channelId: 'C0OPS',
    });
    const answer = await privateAnswer(fake, assigned.responseUrl);
    expect(JSON.stringify(answer)).toContain('<@U0NEWOWNER>');
    expect(await bot.test.bot.core.records.get(PROJECT, service.id)).toMatchObject({
      owners: { users: ['U0NEWOWNER'], groups: [] },
      approvalChannel: CHANNEL,
      ownersChangedBy: ADMIN,
    });
    const inChannel = await eventually(
      () => requestPosts(fake, endpointId).filter((p) => p.args.channel === CHANNEL),
      (p) => p.length === 1,
    );
    const channelCopy = { channel: CHANNEL, ts: String(inChannel[0]?.response.ts) };
    expect(JSON.stringify(current(fake, channelCopy).blocks)).toContain('<@U0NEWOWNER>');
    await click(bot.slack, fake, channelCopy, 'U0NEWOWNER', 'approve');
    for (const copy of [message, channelCopy]) {
      const updated = await eventually(
        () => current(fake, copy),
        (m) => !hasButtons(m),
      );
      expect(JSON.stringify(updated.blocks)).toContain('*Approved* by <@U0NEWOWNER>');
    }
    expect(cloudActions(bot.test, endpointId)).toHaveLength(1);
    const audit = await redis.xrange(`${bot.test.keyPrefix}audit`, '-', '+');
    expect(JSON.stringify(audit)).toContain('owners.changed');
  });

  it('should send the request to each owner by DM when the service has no channel, and update every copy', async () => {
    const { endpointId, message } = await pendingRequest({
      users: [OWNER, 'U0SECOND'],
      groups: [],
      approvalChannel: '',
    });
    const posts = await eventually(
      () => requestPosts(fake, endpointId),
      (p) => p.length === 2,
    );
    expect(posts.map((p) => p.args.channel).sort()).toEqual([OWNER, 'U0SECOND'].sort());
    await click(bot.slack, fake, message, 'U0SECOND', 'approve');
    for (const post of posts) {
      const copy = { channel: String(post.response.channel), ts: String(post.response.ts) };
      await eventually(
        () => current(fake, copy),
        (m) => JSON.stringify(m.blocks).includes('*Approved* by <@U0SECOND>') && !hasButtons(m),
      );
    }
  });

  it('should keep a posted copy current even when its record was lost, once someone clicks it', async () => {
    const { service, endpointId, message } = await pendingRequest();
    const stores = approvalStores(redis, bot);
    const id = stores.requests.requestId(PROJECT, service.id, endpointId);
    await eventually(
      () => stores.requests.get(id),
      (r) => r?.postedAt !== undefined,
    );
    // What a failed record of the post leaves: the message is in Slack, Redis does not know it.
    await redis.del(`${bot.test.keyPrefix}{apr:${id}}:copies`);
    expect((await stores.requests.get(id))?.copies).toEqual([]);
    await click(bot.slack, fake, message, OWNER, 'approve');
    const updated = await eventually(
      () => current(fake, message),
      (m) => !hasButtons(m),
    );
    expect(JSON.stringify(updated.blocks)).toContain(`*Approved* by <@${OWNER}>`);
    expect((await stores.requests.get(id))?.copies).toEqual([{ channel: message.channel, ts: message.ts }]);
  });

  it('should open the reject modal at once while a cold user-group look-up is slow, and decide on submit', async () => {
    const group = 'S0SLOWGRP';
    fake.setUsergroup(group, { handle: 'slow', name: 'Slow group', users: ['U0SLOWMEMBER'] });
    const { endpointId, message } = await pendingRequest({
      users: [],
      groups: [group],
      approvalChannel: CHANNEL,
    });
    // Slower than the 3 s a trigger lives: the modal must not wait for it.
    fake.setLatency('usergroups.users.list', 3500);
    try {
      await click(bot.slack, fake, message, 'U0SLOWMEMBER', 'reject');
      const opened = await fake.waitForCall('views.open', (c) => JSON.stringify(c.args).includes(endpointId));
      expect(opened.response.ok).toBe(true);
      const view = fake.currentView(String((opened.response.view as { id: string }).id));
      if (!view) throw new Error('modal not open');
      await bot.slack.viewSubmission({
        userId: 'U0SLOWMEMBER',
        view: view as unknown as Record<string, unknown>,
        values: { [REJECT_REASON_BLOCK]: { [REJECT_REASON_INPUT]: 'Not ours' } },
      });
      const updated = await eventually(
        () => current(fake, message),
        (m) => !hasButtons(m),
      );
      expect(JSON.stringify(updated.blocks)).toContain('*Rejected* by <@U0SLOWMEMBER>');
      expect(cloudActions(bot.test, endpointId)).toEqual([{ endpoints: [endpointId], action: 'reject' }]);
    } finally {
      fake.setLatency('usergroups.users.list', 0);
    }
  });

  it('should turn the open reject modal into the refusal when the slow look-up says no', async () => {
    const group = 'S0SLOWOTHERS';
    fake.setUsergroup(group, { handle: 'others', name: 'Others', users: ['U0INSIDER'] });
    const { endpointId, message } = await pendingRequest({
      users: [],
      groups: [group],
      approvalChannel: CHANNEL,
    });
    fake.setLatency('usergroups.users.list', 3500);
    try {
      await click(bot.slack, fake, message, STRANGER, 'reject');
      const opened = await fake.waitForCall('views.open', (c) => JSON.stringify(c.args).includes(endpointId));
      const viewId = String((opened.response.view as { id: string }).id);
      const refused = await eventually(
        () => fake.currentView(viewId),
        (v) => JSON.stringify(v?.blocks).includes('Only the owners of'),
      );
      expect(refused?.submit ?? undefined).toBeUndefined();
      expect(cloudActions(bot.test, endpointId)).toEqual([]);
    } finally {
      fake.setLatency('usergroups.users.list', 0);
    }
  });

  it('should never send a payload Slack would refuse', () => {
    fake.assertNoRejections();
  });
});
