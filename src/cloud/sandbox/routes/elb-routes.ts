/**
 * Load balancers: dedicated `GET /v3/{project_id}/elb/loadbalancers` (array filters such as `vpc_id`,
 * `page_info.next_marker`) and shared `GET /v2.0/lbaas/loadbalancers` (no project in the path,
 * `loadbalancers_links` with rel `next`; its objects carry no `vpc_id`, only `vip_subnet_id`).
 *
 * The shared list ignores `vpc_id`: the reference marks that v2.0 filter uncertain (§4.3), so the
 * emulator answers as if it did not work, and the client must filter by subnet itself. It caps
 * `limit` at `sharedLbPageCap` instead of refusing a larger one, and its `next` link names the
 * service's internal host, as the documented example does: a client must follow the link's query.
 */
import { randomUUID } from 'node:crypto';
import type { SandboxLoadBalancer } from '../models.js';
import { type ApiRequest, type ApiResponse, route, type SandboxEnv } from '../router.js';
import { zonedSeconds } from '../sandbox-wire.js';
import { neutronSubnetId } from '../seed.js';
import { markerPage } from './paging-routes.js';
import { scopeOf } from './scope-routes.js';

/** Not reachable from the client, like the host in the documented example's links. */
const INTERNAL_HOST = 'https://network.eu-de.sandbox.invalid';

async function family(req: ApiRequest, env: SandboxEnv, wanted: SandboxLoadBalancer['family']) {
  const { projectId } = scopeOf(req);
  const vpcIds = wanted === 'dedicated' ? req.query.getAll('vpc_id') : [];
  const all = await env.store.loadBalancers(projectId).all();
  return all.filter((lb) => lb.family === wanted && (vpcIds.length === 0 || vpcIds.includes(lb.vpcId)));
}

async function listDedicated(req: ApiRequest, env: SandboxEnv): Promise<ApiResponse> {
  const { page, more } = markerPage(await family(req, env, 'dedicated'), req.query, 2000);
  return {
    status: 200,
    body: {
      loadbalancers: page.map((lb) => ({
        id: lb.id,
        name: lb.name,
        vpc_id: lb.vpcId,
        vip_subnet_cidr_id: neutronSubnetId(lb.subnetId),
        vip_port_id: lb.vipPortId,
        vip_address: lb.vipAddress,
        provisioning_status: 'ACTIVE',
        operating_status: 'ONLINE',
        guaranteed: true,
        eips: [],
        availability_zone_list: ['eu-de-01'],
        created_at: zonedSeconds(lb.createdAtMs),
      })),
      page_info: {
        previous_marker: page[0]?.id ?? null,
        next_marker: more ? (page.at(-1)?.id ?? null) : null,
        current_count: page.length,
      },
      request_id: randomUUID(),
    },
  };
}

async function listShared(req: ApiRequest, env: SandboxEnv): Promise<ApiResponse> {
  const { projectId } = scopeOf(req);
  const asked = req.query.get('limit');
  const capped = new URLSearchParams(req.query);
  const cap = env.sharedLbPageCap;
  if (asked === null || (/^\d+$/.test(asked) && Number(asked) > cap)) capped.set('limit', String(cap));
  const { page, more } = markerPage(await family(req, env, 'shared'), capped, cap);
  const last = page.at(-1);
  const next = new URLSearchParams(capped);
  if (last) next.set('marker', last.id);
  return {
    status: 200,
    body: {
      loadbalancers: page.map((lb) => ({
        id: lb.id,
        name: lb.name,
        tenant_id: projectId,
        vip_subnet_id: neutronSubnetId(lb.subnetId),
        vip_port_id: lb.vipPortId,
        vip_address: lb.vipAddress,
        provisioning_status: 'ACTIVE',
        operating_status: 'ONLINE',
        admin_state_up: true,
        provider: 'vlb',
      })),
      loadbalancers_links: more
        ? [{ href: `${INTERNAL_HOST}/v2.0/lbaas/loadbalancers?${next.toString()}`, rel: 'next' }]
        : [],
    },
  };
}

export const elbRoutes = [
  route('GET', '/v3/{project_id}/elb/loadbalancers', listDedicated),
  route('GET', '/v2.0/lbaas/loadbalancers', listShared),
];
