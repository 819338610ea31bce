/** zod schemas of the whitelist on the wire (reference §2.10–2.11), and the entry format. */
import { z } from 'zod';
import type { WhitelistEntry } from '../../types.js';
import { lenientArray, optionalText, timestamp, wholeNumber } from './common-wire.js';

const PERMISSION_PREFIX = 'iam:domain::';

/** `iam:domain::abc` → `abc`; `*` stays `*`. */
export function domainIdOfPermission(permission: string): string {
  return permission.startsWith(PERMISSION_PREFIX) ? permission.slice(PERMISSION_PREFIX.length) : permission;
}

/** `abc` → `iam:domain::abc`; `*` and already-prefixed entries stay as they are (reference §2.11). */
export function permissionOfDomainId(domainIdOrStar: string): string {
  return domainIdOrStar === '*' || domainIdOrStar.startsWith(PERMISSION_PREFIX)
    ? domainIdOrStar
    : `${PERMISSION_PREFIX}${domainIdOrStar}`;
}

export const whitelistEntryWire = z
  .object({ id: optionalText, permission: z.string(), created_at: timestamp })
  .transform(
    (p): WhitelistEntry => ({
      id: p.id,
      permission: p.permission,
      domainId: domainIdOfPermission(p.permission),
      createdAt: p.created_at,
    }),
  );

export const whitelistListWire = z.object({
  permissions: lenientArray(whitelistEntryWire),
  total_count: wholeNumber.nullish(),
});

export const whitelistActionWire = z.object({ permissions: lenientArray(z.string()) });
