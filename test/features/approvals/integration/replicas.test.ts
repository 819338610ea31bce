/**
 * Several replicas at once, in one process: three bots on one Redis prefix (each with its own sandbox
 * emulator on that Redis, so all see one cloud) run the approval poll directly and concurrently, as
 * happens when leadership moves in the middle of a tick. Their own pollers wait an hour.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalSettings, Approvals, PollSummary } from '#src/features/approvals/approval-use-cases.js';
import { type FakeSlack, startFakeSlack } from '#src/playground/slack/index.js';
import {
  ADMIN,
  type ApprovalBot,
  approvalsOf,
  eventually,
  POLL,
  QUIET,
  requestConnection,
  requestPosts,
  seedService,
  startApprovalBot,
  startQuietApprovalBot,
} from './approval-fixture.js';

const OWNER = 'U0OWNER';
const CHANNEL = 'C0REPLICA';

let fake: FakeSlack;
const bots: ApprovalBot[] = [];

beforeAll(async () => {
  fake = await startFakeSlack();
  // The first bot leads its poller (for an hour) and has run its one tick before anything is seeded.
  const first = await startQuietApprovalBot(fake);
  bots.push(first);
  for (let i = 0; i < 2; i++) bots.push(await startApprovalBot(fake, QUIET, first.test.keyPrefix));
});

afterAll(async () => {
  await Promise.all(bots.map((b) => b.test.stop()));
  await fake.close();
});

/** Each replica's approval services (settings from its configuration, plus `more`). */
function replicas(more: Partial<ApprovalSettings> = {}): Approvals[] {
  return bots.map((bot) => approvalsOf(bot, more));
}

const total = (summaries: PollSummary[], key: keyof PollSummary) =>
  summaries.reduce((sum, s) => sum + s[key], 0);

describe('approval polls on several replicas at once', () => {
  it('should create and post one request for a pending connection, whichever replica wins', async () => {
    const [first] = bots;
    if (!first) throw new Error('no bot');
    const service = await seedService(first.test, { users: [OWNER], groups: [], approvalChannel: CHANNEL });
    const endpointId = await requestConnection(first.test, service.id);
    // A slow post keeps the winner's claim open while the others poll the same connection.
    fake.setLatency('chat.postMessage', 500);
    let summaries: PollSummary[];
    try {
      const all = replicas();
      summaries = (await Promise.all(all.map((a) => a.poll(POLL)))).concat(
        await Promise.all(all.map((a) => a.poll(POLL))),
      );
    } finally {
      fake.setLatency('chat.postMessage', 0);
    }
    expect(total(summaries, 'created')).toBe(1);
    expect(total(summaries, 'posted')).toBe(1);
    expect(requestPosts(fake, endpointId)).toHaveLength(1);
  });

  it('should keep the post claim while the post waits longer than the claim lasts', async () => {
    const [first] = bots;
    if (!first) throw new Error('no bot');
    const service = await seedService(first.test, { users: [OWNER], groups: [], approvalChannel: CHANNEL });
    const endpointId = await requestConnection(first.test, service.id);
    // A 0.3 s claim and a post that takes 1.5 s: other replicas poll while the post is still waiting.
    const [poster, ...others] = replicas({ postClaimMs: 300 });
    if (!poster) throw new Error('no replica');
    fake.setLatency('chat.postMessage', 1500);
    const summaries: PollSummary[] = [];
    try {
      const posting = poster.poll(POLL);
      for (let i = 0; i < 6; i++) {
        await new Promise((r) => setTimeout(r, 200));
        summaries.push(...(await Promise.all(others.map((a) => a.poll(POLL)))));
      }
      summaries.push(await posting);
    } finally {
      fake.setLatency('chat.postMessage', 0);
    }
    expect(total(summaries, 'posted')).toBe(1);
    expect(requestPosts(fake, endpointId)).toHaveLength(1);
  });

  it('should send the reminder and the escalation once each, however many replicas poll', async () => {
    const [first] = bots;
    if (!first) throw new Error('no bot');
    const service = await seedService(first.test, { users: [OWNER], groups: [], approvalChannel: CHANNEL });
    const endpointId = await requestConnection(first.test, service.id);
    const all = replicas({ remindAfterMs: 1000, escalateAfterMs: 2000 });
    const summaries: PollSummary[] = [];
    const round = async () => {
      summaries.push(...(await Promise.all(all.map((a) => a.poll(POLL)))));
    };
    await round();
    const [post] = requestPosts(fake, endpointId);
    const ts = String(post?.response.ts);
    await eventually(
      async () => {
        await round();
        return fake.replies(CHANNEL, ts);
      },
      (replies) => replies.length >= 2,
    );
    for (let i = 0; i < 5; i++) await round();
    // Every open request (this one and the one before) got its reminder and escalation once.
    const requests = fake.messages(CHANNEL).filter((m) => !m.thread_ts || m.thread_ts === m.ts);
    expect(requests.map((m) => m.ts)).toContain(ts);
    for (const request of requests) {
      const thread = fake.replies(CHANNEL, request.ts);
      // Once each; replicas racing may post them in either order.
      expect(thread.map((m) => /Reminder|Escalation/.exec(m.text ?? '')?.[0]).sort()).toEqual([
        'Escalation',
        'Reminder',
      ]);
      expect(thread.find((m) => m.text?.includes('Escalation'))?.text).toContain(`<@${ADMIN}>`);
    }
    expect(total(summaries, 'reminders')).toBe(requests.length);
    expect(total(summaries, 'escalations')).toBe(requests.length);
  });

  it('should never send a payload Slack would refuse', () => {
    fake.assertNoRejections();
  });
});

describe('delivering many requests in one poll', () => {
  it('should not hold one channel’s requests behind another channel’s paced posts', async () => {
    const [first] = bots;
    if (!first) throw new Error('no bot');
    const channels = ['C0DELIVA', 'C0DELIVB', 'C0DELIVC'];
    const endpoints = new Map<string, string[]>();
    for (const approvalChannel of channels) {
      const service = await seedService(first.test, { users: [OWNER], groups: [], approvalChannel });
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push(await requestConnection(first.test, service.id));
      endpoints.set(approvalChannel, ids);
    }
    const since = fake.callCount();
    const [approvals] = replicas();
    const summary = await approvals?.poll(POLL);
    expect(summary?.posted).toBe(9);
    const posts = fake
      .calls('chat.postMessage')
      .filter((c) => c.index >= since && channels.includes(String(c.args.channel)));
    expect(posts).toHaveLength(9);
    // Each channel's first post leaves before any channel's third: channels are served side by side.
    const firsts = channels.map((ch) => posts.findIndex((p) => p.args.channel === ch));
    const thirds = channels.map((ch) => posts.map((p) => p.args.channel).lastIndexOf(ch));
    expect(Math.max(...firsts)).toBeLessThan(Math.min(...thirds));
    fake.assertNoRejections();
  });
});
