/**
 * The whitelist of an endpoint service (reference §2.10–2.11): accounts allowed to connect. Entries are
 * `iam:domain::<domain id>` or the bare `*` (everyone); `iam:domain::*` is refused by the cloud.
 */
import type { WhitelistEntry } from '../types.js';
import { collectByOffset } from './paging.js';
import { servicePath, type VpcepContext } from './vpcep-services.js';
import { permissionOfDomainId, whitelistActionWire, whitelistListWire } from './wire/whitelist-wire.js';

/** The whitelist allows at most 500 a page. */
export const WHITELIST_PAGE_LIMIT = 500;

export async function listWhitelist(ctx: VpcepContext, serviceId: string): Promise<WhitelistEntry[]> {
  return collectByOffset(
    WHITELIST_PAGE_LIMIT,
    (p) => p.permission,
    async (offset) => {
      const page = await ctx.http.request(
        {
          service: 'vpcep',
          method: 'GET',
          path: servicePath(ctx, serviceId, 'permissions'),
          query: { limit: WHITELIST_PAGE_LIMIT, offset },
          operation: 'list the whitelist of the endpoint service',
          retry: 'idempotent',
        },
        whitelistListWire,
      );
      return { items: page.permissions, total: page.total_count ?? undefined };
    },
  );
}

/**
 * Adds or removes accounts. Takes bare domain IDs (or `*`); returns the permissions the cloud reports.
 */
export async function updateWhitelist(
  ctx: VpcepContext,
  serviceId: string,
  action: 'add' | 'remove',
  domainIdsOrStar: readonly string[],
): Promise<string[]> {
  const answer = await ctx.http.request(
    {
      service: 'vpcep',
      method: 'POST',
      path: servicePath(ctx, serviceId, 'permissions', 'action'),
      body: { permissions: domainIdsOrStar.map(permissionOfDomainId), action },
      operation: `${action} whitelist entries`,
      retry: 'unprocessed-only',
    },
    whitelistActionWire,
  );
  return answer.permissions;
}
