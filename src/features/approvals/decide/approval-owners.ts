/**
 * `/vpcep owners <service> [@user|@group|#channel …]`: shows a service's owners to anyone; sets them
 * for admins and current owners. Admins may assign owners to any service, including the ones the bot
 * did not create (a record is created then). Rights and owners are user and group IDs from escaped
 * mentions, never display names. Every change is audited.
 */

import type { Owners, ServiceRecord } from '../../../access/service-records.js';
import { isMembershipUnknown } from '../../../access/usergroup-members.js';
import { isMention } from '../../../domain/command-text.js';
import { code } from '../../../domain/mrkdwn.js';
import { MAX_OWNER_GROUPS, MAX_OWNER_USERS } from '../../../domain/owner-limits.js';
import { isChannelId } from '../../../domain/slack-ids.js';
import { userMessageOf } from '../../../platform/errors/app-error.js';
import type { ApprovalDeps } from '../approvals-deps.js';
import { deliverToNewChannel, refreshCopies } from './request-delivery.js';

export interface OwnersCommand {
  readonly userId: string;
  /** The words after `owners`, mentions still escaped. */
  readonly args: readonly string[];
  readonly users: readonly string[];
  readonly groups: readonly string[];
  readonly channels: readonly string[];
}

/** What the answer shows about a service's owners. */
export interface OwnersView {
  readonly serviceName: string;
  readonly serviceId: string;
  readonly owners: Owners;
  readonly approvalChannel: string | undefined;
  /** `APPROVAL_CHANNEL`, used when the service names none. */
  readonly defaultChannel: string | undefined;
}

export type OwnersOutcome =
  | { readonly kind: 'usage' }
  | { readonly kind: 'invalid'; readonly problem: string }
  | { readonly kind: 'shown'; readonly view: OwnersView; readonly canChange: boolean }
  | { readonly kind: 'changed'; readonly view: OwnersView }
  | { readonly kind: 'forbidden'; readonly view: OwnersView }
  | { readonly kind: 'error'; readonly message: string };

const unique = (ids: readonly string[]) => [...new Set(ids)];

function problemOf(command: OwnersCommand): string | undefined {
  const stray = command.args.slice(1).filter((word) => !isMention(word));
  if (stray.length > 0) {
    const words = stray.map((w) => code(w)).join(', ');
    return `${words} ${stray.length === 1 ? 'is not a mention' : 'are not mentions'}. Type @ and pick each person or user group (and # for the approval channel) so Slack sends their IDs.`;
  }
  if (unique(command.channels).length > 1) return 'Name at most one approval channel.';
  const users = unique(command.users).length;
  const groups = unique(command.groups).length;
  if (users > MAX_OWNER_USERS || groups > MAX_OWNER_GROUPS)
    return `A service takes at most ${MAX_OWNER_USERS} owner users and ${MAX_OWNER_GROUPS} owner user groups (you named ${users} users and ${groups} groups). For a larger team, make a user group and name it instead.`;
  if (command.channels.some((c) => !isChannelId(c)))
    return 'The approval channel must be a channel, not a direct message.';
  return undefined;
}

function viewOf(
  deps: ApprovalDeps,
  service: { serviceName: string; id: string },
  record: ServiceRecord | undefined,
): OwnersView {
  return {
    serviceName: service.serviceName,
    serviceId: service.id,
    owners: record?.owners ?? { users: [], groups: [] },
    approvalChannel: record?.approvalChannel,
    defaultChannel: deps.settings.defaultChannel,
  };
}

export async function ownersCommand(deps: ApprovalDeps, command: OwnersCommand): Promise<OwnersOutcome> {
  const ref = command.args[0];
  if (!ref || isMention(ref)) return { kind: 'usage' };
  const problem = problemOf(command);
  if (problem) return { kind: 'invalid', problem };
  try {
    const { projectId, service } = await deps.lookup.find(ref);
    const record = await deps.records.get(projectId, service.id);
    const changing = command.args.length > 1;
    if (!changing) {
      // Showing decides nothing: while a group's members are unknown, the hint just says "owners may".
      const canChange = await deps.permissions
        .canManage(command.userId, record?.owners)
        .catch((err: unknown) => {
          if (isMembershipUnknown(err)) return false;
          throw err;
        });
      return { kind: 'shown', view: viewOf(deps, service, record), canChange };
    }
    if (!(await deps.permissions.canManage(command.userId, record?.owners)))
      return { kind: 'forbidden', view: viewOf(deps, service, record) };

    const replaceOwners = command.users.length > 0 || command.groups.length > 0;
    const owners = replaceOwners
      ? { users: unique(command.users), groups: unique(command.groups) }
      : (record?.owners ?? { users: [], groups: [] });
    const approvalChannel = command.channels[0] ?? record?.approvalChannel;
    const next: ServiceRecord = {
      ...(record ?? { projectId, serviceId: service.id }),
      owners,
      ...(approvalChannel ? { approvalChannel } : {}),
      ownersChangedBy: command.userId,
    };
    await deps.records.put(next);
    await deps.audit.append({
      action: 'owners.changed',
      actor: command.userId,
      projectId,
      serviceId: service.id,
      detail: `users=${owners.users.join(',')} groups=${owners.groups.join(',')} channel=${approvalChannel ?? ''}`,
    });
    deps.logger.info({ serviceId: service.id, userId: command.userId }, 'service owners changed');
    // Open requests reach the new approval channel and mention the new owners from now on.
    for (const request of await deps.requests.listOpenForService(projectId, service.id)) {
      await deliverToNewChannel(deps, request);
      await refreshCopies(deps, request.id);
    }
    return { kind: 'changed', view: viewOf(deps, service, next) };
  } catch (err) {
    deps.logger.warn({ err }, 'owners command failed');
    return { kind: 'error', message: userMessageOf(err) };
  }
}
