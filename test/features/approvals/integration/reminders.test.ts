import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeSlack } from '#src/playground/slack/index.js';
import {
  ADMIN,
  type ApprovalBot,
  eventually,
  requestConnection,
  seedService,
  startApprovalTest,
  stopApprovalTest,
  waitForPolls,
  waitForRequestPost,
} from './approval-fixture.js';

const OWNER = 'U0OWNER';
const CHANNEL = 'C0REMIND';

let fake: FakeSlack;
let bot: ApprovalBot;

beforeAll(async () => {
  ({ fake, bot } = await startApprovalTest({ APPROVAL_REMIND_AFTER: '1s', APPROVAL_ESCALATE_AFTER: '2s' }));
});

afterAll(() => stopApprovalTest({ fake, bot }));

describe('reminders and escalations', () => {
  it('should remind the owners in the thread, then mention the admins, each exactly once', async () => {
    const service = await seedService(bot.test, { users: [OWNER], groups: [], approvalChannel: CHANNEL });
    const endpointId = await requestConnection(bot.test, service.id);
    const message = await waitForRequestPost(fake, endpointId);
    const replies = await eventually(
      () => fake.replies(CHANNEL, message.ts),
      (r) => r.length >= 2,
    );
    await waitForPolls(bot.test, 10);
    const thread = fake.replies(CHANNEL, message.ts);
    expect(thread).toHaveLength(2);
    const [reminder, escalation] = replies;
    expect(reminder?.text).toContain('Reminder');
    expect(reminder?.text).toContain(`<@${OWNER}>`);
    expect(escalation?.text).toContain('Escalation');
    expect(escalation?.text).toContain(`<@${ADMIN}>`);
    const escalationCall = fake
      .calls('chat.postMessage')
      .find((c) => c.args.thread_ts === message.ts && String(c.args.text).includes('Escalation'));
    expect(String(escalationCall?.args.reply_broadcast)).toBe('true');
  });

  it('should never send a payload Slack would refuse', () => {
    fake.assertNoRejections();
  });
});
