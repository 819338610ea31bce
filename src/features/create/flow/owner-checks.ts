/**
 * Whether the owners and the approval channel a create form names exist in Slack. The IDs come from
 * the request, so their form is checked first (by the spec); this asks Slack (`users.info`,
 * `conversations.info`) and the user groups the form offered. Only Slack's own "no such user / channel"
 * refuses: a look-up Slack does not answer in time lets a well-formed ID through, since nothing about
 * it can mention or link (the submission must be answered within 3 s). Both answers are cached: a known
 * ID for 10 minutes, an unknown one for 30 s.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { DraftValues } from '../../../domain/endpoint-service-spec.js';
import { isChannelId, isSlackIdOf } from '../../../domain/slack-ids.js';
import type { FormErrors } from '../model/screen-models.js';
import type { UsergroupCatalog } from './usergroup-catalog.js';

export type Existence = 'known' | 'unknown' | 'unanswered';

/** A port: `slack/slack-directory.ts` asks Slack. */
export interface SlackDirectory {
  user(id: string): Promise<Existence>;
  /** `unknown` also for a private channel the bot is not in: it could not post there either. */
  channel(id: string): Promise<Existence>;
}

/** How long a submission waits for these look-ups before letting well-formed IDs through. */
export const OWNER_CHECK_WAIT_MS = 800;

async function bounded<T>(work: Promise<T>, fallback: T, waitMs: number): Promise<T> {
  return (await Promise.race([work.catch(() => fallback), sleep(waitMs).then(() => fallback)])) ?? fallback;
}

/**
 * Field errors for owners, owner groups and an approval channel Slack does not know. IDs of the wrong
 * form are left to the spec (which refuses them without asking anyone).
 */
export async function ownerErrors(
  directory: SlackDirectory,
  groups: UsergroupCatalog,
  values: DraftValues,
  waitMs = OWNER_CHECK_WAIT_MS,
): Promise<FormErrors> {
  const users = [...new Set(values.ownerUsers ?? [])].filter((u) => isSlackIdOf(u, 'UW'));
  const groupIds = [...new Set(values.ownerGroups ?? [])].filter((g) => isSlackIdOf(g, 'S'));
  const channel = isChannelId(values.approvalChannel) ? values.approvalChannel : undefined;
  const [userStates, offeredGroups, channelState] = await Promise.all([
    Promise.all(users.map((u) => bounded(directory.user(u), 'unanswered' as Existence, waitMs))),
    groupIds.length ? bounded(groups.all(), undefined, waitMs) : Promise.resolve([]),
    channel ? bounded(directory.channel(channel), 'unanswered' as Existence, waitMs) : undefined,
  ]);
  const errors: FormErrors = {};
  const unknownUsers = users.filter((_, i) => userStates[i] === 'unknown');
  if (unknownUsers.length)
    errors.ownerUsers = `Slack does not know ${unknownUsers.length === 1 ? 'one of the owners' : `${unknownUsers.length} of the owners`} (deleted or deactivated?). Choose the owners again from the list.`;
  if (offeredGroups && groupIds.some((g) => !offeredGroups.some((o) => o.value === g)))
    errors.ownerGroups =
      'An owner group is not among the workspace’s active user groups. Choose the groups again from the list.';
  if (channelState === 'unknown')
    errors.approvalChannel =
      'I cannot see this channel: it was deleted or archived, or it is private and I am not in it. Invite me with `/invite @vpcep-bot` there, or choose another channel.';
  return errors;
}
