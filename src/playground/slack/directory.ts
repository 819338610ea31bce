/**
 * The people and places the fake workspace knows: users, user groups, channels and DMs. By default any
 * well-formed user or channel id is known (`autoUsers`, `autoChannels`); tests add details or make ids fail.
 */
import { slackUser } from './directory-shapes.js';
import type { FakeChannel, FakeUser, FakeUsergroup } from './directory-types.js';
import { FAKE_TEAM } from './ids.js';

export type { FakeChannel, FakeUser, FakeUsergroup } from './directory-types.js';

// As Slack's IDs: they may contain `_` (see src/domain/slack-ids.ts).
const USER_ID = /^[UW][A-Z0-9_]+$/;
const CHANNEL_ID = /^[CGD][A-Z0-9_]+$/;

/** Users, user groups and channels, with Slack-shaped views of them. */
export class Directory {
  /** Answer any well-formed `U…`/`W…` id as an existing user. */
  autoUsers = true;
  /** Accept any well-formed `C…`/`G…`/`D…` id as an existing public channel the bot is in. */
  autoChannels = true;
  readonly users = new Map<string, FakeUser>();
  readonly usergroups = new Map<string, FakeUsergroup>();
  readonly channels = new Map<string, FakeChannel>();
  /** Errors forced for channel ids (`channel_not_found`, `not_in_channel`, `is_archived`…). */
  readonly channelErrors = new Map<string, string>();
  private dmCounter = 0;

  constructor() {
    this.users.set(FAKE_TEAM.botUserId, { id: FAKE_TEAM.botUserId, name: FAKE_TEAM.botName, is_bot: true });
  }

  /** The user with this id, Slack-shaped, or `undefined` (`user_not_found`). */
  user(id: string): Record<string, unknown> | undefined {
    const known = this.users.get(id) ?? (this.autoUsers && USER_ID.test(id) ? { id } : undefined);
    return known ? slackUser(known) : undefined;
  }

  /** Every known user (bot included), Slack-shaped. */
  allUsers(): Array<Record<string, unknown>> {
    return [...this.users.values()].map(slackUser);
  }

  /** The channel for an id or `#name`, or the error Slack gives for it. */
  channel(idOrName: string): { channel: FakeChannel } | { error: string } {
    const forced = this.channelErrors.get(idOrName);
    if (forced) return { error: forced };
    const name = idOrName.replace(/^#/, '');
    const known =
      this.channels.get(idOrName) ?? [...this.channels.values()].find((c) => c.name === name && !c.is_im);
    if (known) return { channel: known };
    if (this.autoChannels && CHANNEL_ID.test(idOrName)) {
      const created: FakeChannel = {
        id: idOrName,
        name: idOrName.toLowerCase(),
        is_im: idOrName.startsWith('D'),
      };
      this.channels.set(created.id, created);
      return { channel: created };
    }
    return { error: 'channel_not_found' };
  }

  /** The DM channel (`D…`) with a user, created on first use. */
  openDm(userId: string): FakeChannel {
    const existing = [...this.channels.values()].find((c) => c.is_im && c.user === userId);
    if (existing) return existing;
    this.dmCounter += 1;
    const dm: FakeChannel = {
      id: `D${String(this.dmCounter).padStart(8, '0')}`,
      name: userId,
      is_im: true,
      user: userId,
    };
    dm.members = [userId, FAKE_TEAM.botUserId];
    this.channels.set(dm.id, dm);
    return dm;
  }
}
