/** What a failed channel call tells the person: which call failed, and how to fix it. */
import { ErrorCode } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { channelPostError } from '#src/slack/slack-errors.js';

const platformError = (error: string) =>
  Object.assign(new Error(`An API error occurred: ${error}`), {
    code: ErrorCode.PlatformError,
    data: { ok: false, error },
  });

describe('channelPostError', () => {
  it('should name chat.postMessage by default and chat.update when an update failed', () => {
    const post = channelPostError('C1', platformError('msg_too_long'));
    expect(post.message).toBe('chat.postMessage in C1 failed: msg_too_long');
    expect(post.userMessage).toContain('Slack refused my post in <#C1> (msg_too_long, chat.postMessage)');
    const update = channelPostError('C1', platformError('cant_update_message'), 'chat.update');
    expect(update.message).toBe('chat.update in C1 failed: cant_update_message');
    expect(update.userMessage).toContain(
      'Slack refused my update of a message in <#C1> (cant_update_message, chat.update)',
    );
  });

  it('should keep the fix-it advice for a channel the bot is not in', () => {
    const err = channelPostError('C1', platformError('not_in_channel'), 'chat.update');
    expect(err.userMessage).toContain('Invite me with `/invite @vpcep-bot` there');
    expect(err.code).toBe('SLACK_NOT_IN_CHANNEL');
  });
});
