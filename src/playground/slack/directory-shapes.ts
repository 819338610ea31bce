/**
 * Slack's user and conversation objects for the fake directory's entries.
 */
import type { FakeChannel, FakeUser } from './directory-types.js';
import { FAKE_TEAM } from './ids.js';

/** Slack's user object for a fake user. */
export function slackUser(user: FakeUser): Record<string, unknown> {
  const name = user.name ?? user.id.toLowerCase();
  const realName = user.real_name ?? name;
  return {
    id: user.id,
    team_id: FAKE_TEAM.teamId,
    name,
    real_name: realName,
    deleted: user.deleted ?? false,
    is_bot: user.is_bot ?? false,
    is_admin: user.is_admin ?? false,
    is_owner: false,
    is_app_user: false,
    tz: user.tz ?? 'Europe/Berlin',
    tz_label: 'Central European Time',
    tz_offset: 3600,
    profile: { real_name: realName, display_name: name, email: user.email, team: FAKE_TEAM.teamId },
    updated: 1_700_000_000,
  };
}

/** Slack's conversation object for a fake channel. */
export function slackChannel(channel: FakeChannel): Record<string, unknown> {
  if (channel.is_im)
    return { id: channel.id, is_im: true, user: channel.user, is_member: true, created: 1_700_000_000 };
  return {
    id: channel.id,
    name: channel.name,
    is_channel: !channel.is_private,
    is_group: false,
    is_im: false,
    is_mpim: false,
    is_private: channel.is_private ?? false,
    is_archived: false,
    is_member: channel.is_member ?? true,
    created: 1_700_000_000,
    num_members: channel.members?.length ?? 0,
  };
}
