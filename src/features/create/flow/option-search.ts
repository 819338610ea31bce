/**
 * Searches behind the form's `external_select`s: VPCs and backend resources when a list is over 100
 * entries (the block_id names the project, or the backend type and VPC), and the workspace's user
 * groups. Slack waits at most 3 s for options, so an uncached list gets a bounded wait, then nothing.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { BACKEND_TYPES, type BackendType } from '../../../domain/endpoint-service-spec.js';
import { BACKEND_BLOCK_PREFIX, CREATE_ACTION, VPC_BLOCK_PREFIX } from '../views/create-ids.js';
import type { CreateDeps, Who } from './create-context.js';
import { ACK_RIGHTS_WAIT_MS, loadDraft } from './drafting.js';
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

function backendOf(blockId: string): { type: BackendType; vpcId: string } | undefined {
  const rest = blockId.slice(BACKEND_BLOCK_PREFIX.length);
  const cut = rest.indexOf('_');
  const type = rest.slice(0, cut) as BackendType;
  const vpcId = rest.slice(cut + 1);
  return cut > 0 && BACKEND_TYPES.includes(type) && vpcId && vpcId !== 'none' ? { type, vpcId } : undefined;
}

/** Options for the select `actionId` in block `blockId`, matching `query`. */
export async function searchOptions(
  deps: CreateDeps,
  who: Who,
  request: { actionId: string; blockId: string; query: string; draftRef: string },
): Promise<Choice[]> {
  if (!(await deps.permissions.canCreate(who.userId, { maxWaitMs: ACK_RIGHTS_WAIT_MS }))) return [];
  const { actionId, blockId, query } = request;
  const projectOf = (id: string | undefined) => deps.projects.find((p) => p.projectId === id)?.projectId;
  if (actionId === CREATE_ACTION.ownerGroups)
    return searchChoices(await within(() => deps.groups.all(), deps.logger), query);
  if (actionId === CREATE_ACTION.vpc && blockId.startsWith(VPC_BLOCK_PREFIX)) {
    const projectId = projectOf(blockId.slice(VPC_BLOCK_PREFIX.length));
    if (!projectId) return [];
    const cached = await deps.catalog.cachedVpcs(projectId);
    return searchChoices(cached ?? (await within(() => deps.catalog.vpcs(projectId), deps.logger)), query);
  }
  if (actionId === CREATE_ACTION.backend && blockId.startsWith(BACKEND_BLOCK_PREFIX)) {
    const backend = backendOf(blockId);
    const draft = await loadDraft(deps, who, request.draftRef).catch(() => undefined);
    const projectId = projectOf(draft?.values.projectId);
    if (!backend || !projectId) return [];
    const cached = await deps.catalog.cachedBackends(projectId, backend.vpcId, backend.type);
    const choices =
      cached ??
      (await within(() => deps.catalog.backends(projectId, backend.vpcId, backend.type), deps.logger));
    return searchChoices(choices, query);
  }
  return [];
}
