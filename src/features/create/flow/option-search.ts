/**
 * Searches behind the form's `external_select`s: VPCs and backend resources when a list is over 100
 * entries (of the project, or of the backend type and VPC, the select was rendered for), and the
 * workspace's user groups. Slack waits at most 3 s for options, so an uncached list gets a bounded wait, then nothing.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { BackendType } from '../../../domain/endpoint-service-spec.js';
import type { CreateDeps, Who } from './create-context.js';
import { ACK_RIGHTS_WAIT_MS, loadDraft } from './draft-access.js';
import { type Choice, searchChoices } from './resource-catalog.js';

// With the bounded rights check (≤ 0.5 s) and Redis reads, the answer stays well inside 3 s.
const OPTIONS_BUDGET_MS = 1800;

async function within(load: () => Promise<Choice[]>, log: CreateDeps['logger']): Promise<Choice[]> {
  const loading = load().catch((err: unknown) => {
    log.warn({ err }, 'could not load options for an external select');
    return [] as Choice[];
  });
  return (await Promise.race([loading, sleep(OPTIONS_BUDGET_MS).then(() => undefined)])) ?? [];
}

/** What a select of the form searches (the listener reads it from the select's ids). */
export type OptionSearch =
  | { readonly kind: 'ownerGroups'; readonly query: string }
  | { readonly kind: 'vpcs'; readonly projectId: string; readonly query: string }
  | {
      readonly kind: 'backends';
      readonly backendType: BackendType;
      readonly vpcId: string;
      /** The draft the form shows (its project). */
      readonly draftRef: string;
      readonly query: string;
    };

/** Options for `search`, matching its query; none for a project not configured or a draft not one's own. */
export async function searchOptions(deps: CreateDeps, who: Who, search: OptionSearch): Promise<Choice[]> {
  if (!(await deps.permissions.canCreate(who.userId, { maxWaitMs: ACK_RIGHTS_WAIT_MS }))) return [];
  const projectOf = (id: string | undefined) => deps.projects.find((p) => p.projectId === id)?.projectId;
  switch (search.kind) {
    case 'ownerGroups':
      return searchChoices(await within(() => deps.groups.all(), deps.logger), search.query);
    case 'vpcs': {
      const projectId = projectOf(search.projectId);
      if (!projectId) return [];
      const cached = await deps.catalog.cachedVpcs(projectId);
      return searchChoices(
        cached ?? (await within(() => deps.catalog.vpcs(projectId), deps.logger)),
        search.query,
      );
    }
    case 'backends': {
      const { backendType, vpcId } = search;
      const draft = await loadDraft(deps, who, search.draftRef).catch(() => undefined);
      const projectId = projectOf(draft?.values.projectId);
      if (!projectId) return [];
      const cached = await deps.catalog.cachedBackends(projectId, vpcId, backendType);
      const choices =
        cached ?? (await within(() => deps.catalog.backends(projectId, vpcId, backendType), deps.logger));
      return searchChoices(choices, search.query);
    }
  }
}
