/**
 * Who may do what, decided on the server by immutable Slack user IDs (never display names):
 * admins (`VPCEP_ADMINS`) may do everything; creators (`VPCEP_CREATORS`, users or groups; empty =
 * everyone) may create; a service's owners (users, or members of its owner groups) manage and approve it.
 * Owner-group membership is only ever taken from a fresh answer of Slack: when it is unknown,
 * `isOwner`/`canManage` throw `UsergroupMembersUnknownError` (a refusal with its reason), never guess.
 */
import type { AccessConfig } from '../platform/config/config-types.js';
import type { Owners } from './service-records.js';
import type { MembersOptions, UsergroupMembers } from './usergroup-members.js';

export interface Permissions {
  isAdmin(userId: string): boolean;
  /** `options.maxWaitMs` bounds the wait for group members (an ack path); see `MembersOptions`. */
  canCreate(userId: string, options?: MembersOptions): Promise<boolean>;
  /** `canCreate` when the configuration alone answers it (no creator group to look up), else false. */
  canCreateNow(userId: string): boolean;
  /** Throws `UsergroupMembersUnknownError` when only an unknown group could make `userId` an owner. */
  isOwner(userId: string, owners: Owners | undefined): Promise<boolean>;
  /** Owners and admins; throws like `isOwner`. */
  canManage(userId: string, owners: Owners | undefined): Promise<boolean>;
}

export function createPermissions(access: AccessConfig, groups: UsergroupMembers): Permissions {
  const admins = new Set(access.admins);
  const creatorUsers = access.creators.filter((id) => !id.startsWith('S'));
  const creatorGroups = access.creators.filter((id) => id.startsWith('S'));
  const isOwner = async (userId: string, owners: Owners | undefined) => {
    if (!owners) return false;
    if (owners.users.includes(userId)) return true;
    return groups.isMemberOfAny(userId, owners.groups);
  };
  const canCreateNow = (userId: string) =>
    access.creators.length === 0 || admins.has(userId) || creatorUsers.includes(userId);
  return {
    isAdmin: (userId) => admins.has(userId),
    canCreateNow,
    async canCreate(userId, options) {
      if (canCreateNow(userId)) return true;
      // Starting a create decides nothing about anyone else's service: the last known list may answer.
      return groups.isMemberOfAny(userId, creatorGroups, { ...options, lastKnown: true });
    },
    isOwner,
    async canManage(userId, owners) {
      return admins.has(userId) || (await isOwner(userId, owners));
    },
  };
}
