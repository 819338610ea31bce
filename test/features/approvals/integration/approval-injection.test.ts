/**
 * Text an attacker controls, rendered by the bot: a reject reason typed into the modal, and a service
 * name the cloud reports (whoever named the service in the console). Slack reads a message's fallback
 * `text` and its blocks as mrkdwn, so neither may carry a live `<!channel>`, `<!here>` or link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REJECT_REASON_BLOCK, REJECT_REASON_INPUT } from '#src/features/approvals/views/approval-ids.js';
import type { FakeSlack } from '#src/playground/slack/index.js';
import { assertionClient } from '../../../helpers/redis-test.js';
import {
  type ApprovalBot,
  click,
  current,
  eventually,
  hasButtons,
  renameInCloud,
  requestConnection,
  seedService,
  startApprovalTest,
  stopApprovalTest,
  waitForPolls,
  waitForRequestPost,
} from './approval-fixture.js';

const OWNER = 'U0OWNER1';
const CHANNEL = 'C0APPROVALS';
const PHISH = '<!channel> <https://evil.example|Approve here>';

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

describe('attacker text in approval requests and lists', () => {
  it('should escape a reject reason with <!channel> in the fallback text as in the blocks', async () => {
    const service = await seedService(bot.test, { users: [OWNER], groups: [], approvalChannel: CHANNEL });
    const endpointId = await requestConnection(bot.test, service.id);
    const message = await waitForRequestPost(fake, endpointId);
    await click(bot.slack, fake, message, OWNER, 'reject');
    const opened = await fake.waitForCall('views.open', (c) => JSON.stringify(c.args).includes(endpointId));
    const view = fake.currentView(String((opened.response.view as { id: string }).id));
    if (!view) throw new Error('modal not open');
    await bot.slack.viewSubmission({
      userId: OWNER,
      view: view as unknown as Record<string, unknown>,
      values: { [REJECT_REASON_BLOCK]: { [REJECT_REASON_INPUT]: PHISH } },
    });
    const updated = await eventually(
      () => current(fake, message),
      (m) => !hasButtons(m),
    );
    expect(updated.text).toContain('Reason: &lt;!channel&gt;');
    for (const shown of [updated.text ?? '', JSON.stringify(updated.blocks)]) {
      expect(shown).not.toContain('<!channel>');
      expect(shown).not.toContain('<https://evil.example');
    }
  });

  it("should take no channel or message from a Reject modal's metadata that is not a Slack ID and ts", async () => {
    const service = await seedService(bot.test, { users: [OWNER], groups: [], approvalChannel: CHANNEL });
    const endpointId = await requestConnection(bot.test, service.id);
    const message = await waitForRequestPost(fake, endpointId);
    await click(bot.slack, fake, message, OWNER, 'reject');
    const opened = await fake.waitForCall('views.open', (c) => JSON.stringify(c.args).includes(endpointId));
    const view = fake.currentView(String((opened.response.view as { id: string }).id));
    if (!view) throw new Error('modal not open');
    // The metadata names a "channel" with markup and a "ts" with a space in it.
    const forged = 'C0EVIL> <!channel';
    const metadata = { ...JSON.parse(String(view.private_metadata)), c: forged, t: '1 2' };
    const since = fake.callCount();
    const response = await bot.slack.viewSubmission({
      userId: OWNER,
      view: { ...view, private_metadata: JSON.stringify(metadata) } as unknown as Record<string, unknown>,
      values: { [REJECT_REASON_BLOCK]: { [REJECT_REASON_INPUT]: 'no' } },
    });
    expect(response.status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    const calls = fake.calls().filter((c) => c.index >= since);
    expect(calls.filter((c) => JSON.stringify(c.args).includes('C0EVIL'))).toEqual([]);
    expect(hasButtons(current(fake, message))).toBe(true);
  });

  it('should escape a cloud service name with <!here> in the approval request and in /vpcep list', async () => {
    const service = await seedService(bot.test, { users: [OWNER], groups: [], approvalChannel: CHANNEL });
    await renameInCloud(redis, bot, service.id, 'pay<!here>');
    // A poll that listed the services before the rename must not name the request: wait it out.
    await waitForPolls(bot.test, 2);
    const endpointId = await requestConnection(bot.test, service.id);
    const request = await waitForRequestPost(fake, endpointId);
    expect(JSON.stringify(request.blocks)).toContain('pay&lt;!here&gt;');

    const since = fake.callCount();
    await bot.slack.command({ text: 'list', userId: OWNER, channelId: 'C0LIST' });
    const list = await fake.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === 'C0LIST' && JSON.stringify(c.args).includes(service.id),
      { since, timeoutMs: 10_000 },
    );
    expect(JSON.stringify(list.args.blocks)).toContain('pay&lt;!here&gt;');
    for (const shown of [request.text ?? '', JSON.stringify(request.blocks), JSON.stringify(list.args)])
      expect(shown).not.toContain('<!here>');
  });
});
