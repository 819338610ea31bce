/** The shapes of the fake workspace's people and places, as tests and the playground describe them. */

/** A user as tests describe it; the fake fills in the rest of Slack's user object. */
export interface FakeUser {
  id: string;
  name?: string;
  real_name?: string;
  is_bot?: boolean;
  is_admin?: boolean;
  deleted?: boolean;
  tz?: string;
  email?: string;
}

/** A user group (`S…`) with its members. */
export interface FakeUsergroup {
  id: string;
  handle: string;
  name: string;
  users: string[];
  description?: string;
}

/** A channel as tests describe it. */
export interface FakeChannel {
  id: string;
  name: string;
  is_private?: boolean;
  /** Whether the bot is a member (default true). */
  is_member?: boolean;
  members?: string[];
  is_im?: boolean;
  user?: string;
}
