/**
 * Slack user, group and channel IDs may contain `_` (issue 12): every parser of an ID takes them, with
 * the one shared pattern, and still refuses anything that could carry markup.
 */
import { describe, expect, it } from 'vitest';
import { parseCommandText } from '#src/domain/command-text.js';
import { parseApprovalClick } from '#src/features/approvals/listeners/approval-click-payload.js';
import { isChannel } from '#src/features/create/creation/attempt-model.js';
import { formatAttemptRef, parseAttemptRef } from '#src/features/create/store/create-attempts.js';
import { formatReviewRef, parseDraftRef } from '#src/features/create/store/drafts.js';
import { loadConfig } from '#src/platform/config/load-config.js';

const TEAM = 'T0TEAM_1';
const USER = 'U0ALICE_01';

function click(userId: string, channelId: string) {
  return parseApprovalClick({
    action: { value: 'req-1', block_id: 'x' } as never,
    body: {
      user: { id: userId },
      channel: { id: channelId },
      container: { type: 'message', channel_id: channelId, message_ts: '1700000000.000100' },
    } as never,
  });
}

describe('IDs containing _', () => {
  it('should round-trip draft and review refs', () => {
    const ref = formatReviewRef({ teamId: TEAM, userId: USER, id: 'a1b2c3', reviewId: 'd4e5f6' });
    expect(parseDraftRef(ref)).toEqual({ teamId: TEAM, userId: USER, draftId: 'a1b2c3', reviewId: 'd4e5f6' });
  });

  it('should round-trip attempt refs', () => {
    const ref = { teamId: TEAM, userId: USER, id: 'a1b2c3.d4e5f6' };
    expect(parseAttemptRef(formatAttemptRef(ref))).toEqual(ref);
  });

  it('should read users, groups and channels from escaped command text', () => {
    const parsed = parseCommandText(`owners svc <@${USER}|alice> <!subteam^S0OPS_2|@ops> <#C0OPS_3|ops>`);
    expect(parsed.users).toEqual([USER]);
    expect(parsed.groups).toEqual(['S0OPS_2']);
    expect(parsed.channels).toEqual(['C0OPS_3']);
  });

  it('should take an approval click by such a user in such a channel', () => {
    expect(click(USER, 'C0APPROVALS_1')).toMatchObject({ userId: USER, channel: 'C0APPROVALS_1' });
  });

  it('should refuse a click whose user or channel carries markup', () => {
    expect(click('U0EVIL> <!channel>', 'C0OK')).toBeUndefined();
    expect(click(USER, 'C0OK> <!here>')).toBeUndefined();
  });

  it('should accept such IDs in the configuration', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1-abc',
      SLACK_SIGNING_SECRET: 'signing-secret-1',
      VPCEP_ADMINS: USER,
      VPCEP_CREATORS: `${USER},S0CREATORS_1`,
      APPROVAL_CHANNEL: 'C0APPROVALS_1',
    });
    expect(config.access).toEqual({ admins: [USER], creators: [USER, 'S0CREATORS_1'] });
  });

  it('should announce in channels only, whatever their ID holds', () => {
    expect(isChannel('C0OPS_1')).toBe(true);
    expect(isChannel('G0PRIVATE_1')).toBe(true);
    expect(isChannel('D0DIRECT_1')).toBe(false);
    expect(isChannel('C0OPS> <!channel>')).toBe(false);
  });
});
