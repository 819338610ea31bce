/**
 * What the create form offers to choose from, per project: VPCs, and in a VPC the load balancers
 * (both ELB families, by VIP port) or the ECS/BMS NICs (by port, shown with their IP). Lists are cached
 * in Redis for a minute so re-renders and `external_select` searches do not ask the cloud again. The
 * VPC list is also held in the process for `MEMORY_FRESH_MS`, so `/vpcep create` can open the whole
 * form at once, with no Redis or cloud wait before `views.open`; it is refreshed in the background
 * once half that age, so a steady stream of commands never waits.
 */
import { z } from 'zod';
import type { Cloud } from '../../../cloud/index.js';
import type { LoadBalancer, ServerNic, Vpc } from '../../../cloud/types.js';
import type { BackendType } from '../../../domain/endpoint-service-spec.js';
import { clip } from '../../../domain/mrkdwn.js';
import type { CreateCache } from '../store/create-cache.js';

/** One entry of a select: the value sent back and the text shown (≤ 75 characters). */
export interface Choice {
  readonly value: string;
  readonly label: string;
}

const choicesSchema = z.array(z.object({ value: z.string(), label: z.string() }));

export const OPTION_TEXT_MAX = 75;
const CACHE_SECONDS = 60;
/** How long a VPC list held in memory may open a form without asking Redis or the cloud. */
export const MEMORY_FRESH_MS = 20_000;

/** `name` shortened so `name + suffix` fits an option text. */
export function fitLabel(name: string, suffix = ''): string {
  const room = OPTION_TEXT_MAX - [...suffix].length;
  return clip(`${clip(name, Math.max(2, room))}${suffix}`, OPTION_TEXT_MAX);
}

/** `EP 1a2b3c4d`: the enterprise project, when it helps tell the VPC apart (see `vpcChoices`). */
function enterpriseProjectSuffix(vpc: Vpc): string {
  const ep = vpc.enterpriseProjectId;
  return ep ? ` · EP ${ep === '0' ? 'default' : ep.slice(0, 8)}` : '';
}

export function vpcChoice(vpc: Vpc, showEnterpriseProject = false): Choice {
  const cidr = vpc.cidr ? ` (${vpc.cidr})` : '';
  const ep = showEnterpriseProject ? enterpriseProjectSuffix(vpc) : '';
  return { value: vpc.id, label: fitLabel(vpc.name || vpc.id, `${cidr}${ep}`) };
}

/**
 * The VPC options, by name. The enterprise project is named only where it tells VPCs apart: for a
 * VPC outside the default one (`0`), and for VPCs sharing a name.
 */
export function vpcChoices(vpcs: readonly Vpc[]): Choice[] {
  const named = new Map<string, number>();
  for (const vpc of vpcs) named.set(vpc.name, (named.get(vpc.name) ?? 0) + 1);
  return [...vpcs]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((vpc) => {
      const outsideDefault = vpc.enterpriseProjectId !== undefined && vpc.enterpriseProjectId !== '0';
      return vpcChoice(vpc, outsideDefault || (named.get(vpc.name) ?? 0) > 1);
    });
}

export function loadBalancerChoice(lb: LoadBalancer): Choice {
  const address = lb.vipAddress ? ` — ${lb.vipAddress}` : '';
  return { value: lb.vipPortId, label: fitLabel(lb.name || lb.id, `${address} (${lb.family})`) };
}

export function nicChoice(nic: ServerNic): Choice {
  const address = nic.ipAddress ? ` — ${nic.ipAddress}` : ` — port ${nic.portId.slice(0, 8)}`;
  return { value: nic.portId, label: fitLabel(nic.serverName || nic.serverId, address) };
}

/** Choices whose text or value contains every word of `query` (case-insensitive), at most `limit`. */
export function searchChoices(choices: readonly Choice[], query: string, limit = 100): Choice[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return choices
    .filter((c) => {
      const text = `${c.label} ${c.value}`.toLowerCase();
      return words.every((w) => text.includes(w));
    })
    .slice(0, limit);
}

export interface ResourceCatalog {
  vpcs(projectId: string): Promise<Choice[]>;
  /** The resources of `backendType` in `vpcId`. */
  backends(projectId: string, vpcId: string, backendType: BackendType): Promise<Choice[]>;
  /**
   * The VPC list this process holds, when younger than `MEMORY_FRESH_MS` (older than half that, a
   * refresh starts in the background); undefined when there is none fresh.
   */
  freshVpcs(projectId: string): Choice[] | undefined;
  /** Cached lists only (for a search that must answer at once). */
  cachedVpcs(projectId: string): Promise<Choice[] | undefined>;
  cachedBackends(projectId: string, vpcId: string, backendType: BackendType): Promise<Choice[] | undefined>;
}

export function createResourceCatalog(
  cloud: Cloud,
  cache: CreateCache,
  now: () => number = Date.now,
): ResourceCatalog {
  const vpcName = (projectId: string) => `${projectId}:vpcs`;
  const held = new Map<string, { readonly choices: Choice[]; readonly at: number }>();
  const refreshing = new Set<string>();
  const vpcs = async (projectId: string) => {
    const choices = await cache.through(vpcName(projectId), choicesSchema, CACHE_SECONDS, async () =>
      vpcChoices(await cloud.project(projectId).listVpcs()),
    );
    held.set(projectId, { choices, at: now() });
    return choices;
  };
  const refresh = (projectId: string) => {
    if (refreshing.has(projectId)) return;
    refreshing.add(projectId);
    // A failed refresh leaves the held list to age out; the next form then loads as before.
    void vpcs(projectId)
      .catch(() => undefined)
      .finally(() => refreshing.delete(projectId));
  };
  const backendName = (projectId: string, vpcId: string, type: BackendType) =>
    `${projectId}:${type}:${vpcId}`;
  return {
    vpcs,
    freshVpcs(projectId) {
      const entry = held.get(projectId);
      const age = entry ? now() - entry.at : Number.POSITIVE_INFINITY;
      if (age > MEMORY_FRESH_MS) return undefined;
      if (age > MEMORY_FRESH_MS / 2) refresh(projectId);
      return entry?.choices;
    },
    backends: (projectId, vpcId, type) =>
      cache.through(backendName(projectId, vpcId, type), choicesSchema, CACHE_SECONDS, async () => {
        const project = cloud.project(projectId);
        if (type === 'elb') return (await project.listLoadBalancers(vpcId)).map(loadBalancerChoice);
        return (await project.listServerNics(type, vpcId)).map(nicChoice);
      }),
    cachedVpcs: (projectId) => cache.peek(vpcName(projectId), choicesSchema),
    cachedBackends: (projectId, vpcId, type) =>
      cache.peek(backendName(projectId, vpcId, type), choicesSchema),
  };
}
