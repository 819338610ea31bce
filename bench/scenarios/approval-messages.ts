/** The approval request messages of the approval-click scenario: finding the bot's, making bare Bolt's. */

import { APPROVE_ACTION } from '#src/features/approvals/views/approval-ids.js';
import type { FakeSlack, SlackCall } from '#src/playground/slack/index.js';
import type { ButtonMessage } from '../slack-side.js';

function hasApprove(call: SlackCall): boolean {
  return JSON.stringify(call.args.blocks ?? []).includes(APPROVE_ACTION);
}

/** The approve button's value (the request ID) of a posted message. */
function requestIdOf(blocks: unknown): string | undefined {
  const match = new RegExp(`"action_id":"${APPROVE_ACTION}"[^}]*?"value":"([^"]+)"`).exec(
    JSON.stringify(blocks),
  );
  return match?.[1];
}

/** A live approval request the bot posted: every copy of its message (the first is clicked). */
export interface PostedRequest {
  readonly requestId: string;
  readonly copies: readonly [ButtonMessage, ...ButtonMessage[]];
}

/** The requests the bot posted so far, each with all its copies (a channel post, or owners' DMs). */
function postedRequests(fake: FakeSlack): PostedRequest[] {
  const byRequest = new Map<string, [ButtonMessage, ...ButtonMessage[]]>();
  for (const call of fake.calls('chat.postMessage')) {
    if (!call.response.ok || !hasApprove(call)) continue;
    const channel = String(call.response.channel ?? call.args.channel);
    const ts = String(call.response.ts);
    const stored = fake.message(channel, ts);
    const blocks = (stored?.blocks ?? call.args.blocks) as unknown[];
    const id = requestIdOf(blocks) ?? ts;
    const copy = { channel, ts, blocks, text: String(call.args.text ?? '') };
    const copies = byRequest.get(id);
    if (copies) copies.push(copy);
    else byRequest.set(id, [copy]);
  }
  return [...byRequest].map(([requestId, copies]) => ({ requestId, copies }));
}

/** Waits until the bot posted `count` requests (or the time is up) and returns those it posted. */
export async function waitForPosts(
  fake: FakeSlack,
  count: number,
  timeoutMs: number,
): Promise<PostedRequest[]> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const posted = postedRequests(fake);
    if (posted.length >= count || performance.now() > deadline) return posted;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A `chat.update` that shows the request approved: no Approve button left, and it says so. */
export const decided = (call: SlackCall): boolean => {
  const shown = JSON.stringify([call.args.text, call.args.blocks ?? []]);
  return !shown.includes(APPROVE_ACTION) && /\bapproved\b/i.test(shown);
};

/** Messages with an Approve button for the bare Bolt app, posted straight into the fake's store. */
export function postBareMessages(fake: FakeSlack, count: number): ButtonMessage[] {
  return Array.from({ length: count }, (_, i) => {
    const channel = `CBENCHBARE${i % 10}`;
    const blocks = [
      {
        type: 'actions',
        block_id: 'bare_decision_block',
        elements: [
          {
            type: 'button',
            action_id: APPROVE_ACTION,
            text: { type: 'plain_text', text: 'Approve' },
            value: `r${i}`,
          },
        ],
      },
    ];
    const { ts } = fake.state.messages.post(channel, { text: 'Connection request', blocks });
    return { channel, ts, blocks, text: 'Connection request' };
  });
}
