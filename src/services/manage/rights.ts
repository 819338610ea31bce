/**
 * Who may change a service: its owners (users, or members of its owner groups) and the bot admins,
 * decided by immutable Slack user IDs, always before any cloud write. A refusal names who may.
 */
import { ForbiddenError } from '../../errors/app-error.js';
import type { ServiceRecord, ServiceRecords } from '../../stores/service-records.js';
import type { Permissions } from '../permissions.js';
import type { FoundService } from '../service-lookup.js';

export interface RightsDeps {
  readonly permissions: Permissions;
  readonly records: ServiceRecords;
  readonly admins: readonly string[];
}

function whoMay(record: ServiceRecord | undefined, admins: readonly string[]): string {
  const owners = [
    ...(record?.owners.users ?? []).map((u) => `<@${u}>`),
    ...(record?.owners.groups ?? []).map((g) => `members of <!subteam^${g}>`),
  ];
  const adminText = admins.length
    ? `the bot admins (${admins.map((a) => `<@${a}>`).join(', ')})`
    : 'the bot admins';
  if (owners.length === 0)
    return `It has no owners recorded, so only ${adminText} may; an admin can assign owners with \`/vpcep owners\`.`;
  return `Only its owners (${owners.join(', ')}) and ${adminText} may.`;
}

/** The refusal for `userId` doing `what` (a phrase: "delete", "edit", "change the whitelist of"). */
export class ManageForbiddenError extends ForbiddenError {
  constructor(
    what: string,
    serviceLabel: string,
    record: ServiceRecord | undefined,
    admins: readonly string[],
  ) {
    super(`:no_entry: You may not ${what} \`${serviceLabel}\`. ${whoMay(record, admins)}`);
  }
}

/**
 * The service's record when `userId` may manage it; throws `ManageForbiddenError` otherwise.
 * Redis being away surfaces as `StateUnavailableError` (nothing is changed then either).
 */
export async function requireManage(
  deps: RightsDeps,
  userId: string,
  found: FoundService,
  what: string,
): Promise<ServiceRecord | undefined> {
  const record = await deps.records.get(found.projectId, found.service.id);
  if (await deps.permissions.canManage(userId, record?.owners)) return record;
  throw new ManageForbiddenError(what, found.service.name ?? found.service.id, record, deps.admins);
}
