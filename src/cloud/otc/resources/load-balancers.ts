/**
 * Load balancers of a VPC, both families (reference §4.3): dedicated ELB v3 (`/v3/{project}/elb/…`,
 * marker paging via `page_info`) and shared ELB v2.0 (`/v2.0/lbaas/…`, no project in the path, so the
 * request carries `X-Project-Id`; marker paging via `loadbalancers_links`). An endpoint service takes
 * the `vipPortId`.
 *
 * Shared load balancers carry no `vpc_id` and the v2.0 `vpc_id` filter is uncertain, so they are kept
 * by subnet: those whose `vip_subnet_id` is one of the VPC's Neutron subnets (VPC API subnets list).
 */
import { NotFoundError, ServiceNotOfferedError } from '../../errors.js';
import type { LoadBalancer } from '../../types.js';
import { apiPath } from '../endpoints.js';
import type { OtcTransport } from '../http.js';
import { collectByMarker } from '../paging.js';
import { elbV2ListWire, elbV3ListWire } from '../wire/resources.js';
import { listNeutronSubnetIds } from './subnets.js';

const PAGE = 2000;

async function dedicated(http: OtcTransport, projectId: string, vpcId: string): Promise<LoadBalancer[]> {
  return collectByMarker(
    (lb) => lb.id,
    async (marker) => {
      const page = await http.request(
        {
          service: 'elb',
          method: 'GET',
          path: apiPath('v3', projectId, 'elb', 'loadbalancers'),
          query: { vpc_id: vpcId, limit: PAGE, marker },
          operation: 'list dedicated load balancers',
          retry: 'idempotent',
        },
        elbV3ListWire,
      );
      return { items: page.loadbalancers, nextMarker: page.page_info?.next_marker };
    },
    PAGE,
  );
}

function nextMarkerOf(links: readonly { href: string; rel: string }[]): string | undefined {
  const next = links.find((l) => l.rel === 'next');
  if (!next) return undefined;
  try {
    return new URL(next.href, 'http://placeholder').searchParams.get('marker') ?? undefined;
  } catch {
    return undefined;
  }
}

async function shared(http: OtcTransport, projectId: string, vpcId: string): Promise<LoadBalancer[]> {
  const [subnetIds, all] = await both(
    listNeutronSubnetIds(http, projectId, vpcId),
    collectByMarker(
      (entry: { loadBalancer: LoadBalancer }) => entry.loadBalancer.id,
      async (marker) => {
        const page = await http.request(
          {
            service: 'elb',
            method: 'GET',
            path: apiPath('v2.0', 'lbaas', 'loadbalancers'),
            // Sent as documented, though it may be ignored (reference §4.3): the subnet filter decides.
            query: { vpc_id: vpcId, limit: PAGE, marker },
            operation: 'list shared load balancers',
            retry: 'idempotent',
          },
          elbV2ListWire,
        );
        return { items: page.loadbalancers, nextMarker: nextMarkerOf(page.loadbalancers_links) };
      },
      PAGE,
    ),
  );
  return all.flatMap(({ loadBalancer, vipSubnetId }) => {
    const inVpc =
      loadBalancer.vpcId !== undefined
        ? loadBalancer.vpcId === vpcId
        : vipSubnetId !== undefined && subnetIds.has(vipSubnetId);
    return inVpc ? [{ ...loadBalancer, vpcId }] : [];
  });
}

/** Both results, like `Promise.all`, but settled only once both calls ended: no request outlives a failure. */
async function both<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [first, second] = await Promise.allSettled([a, b]);
  if (first.status === 'rejected') throw first.reason;
  if (second.status === 'rejected') throw second.reason;
  return [first.value, second.value];
}

/** A family the region does not offer (404) contributes nothing rather than failing the list. */
async function orEmpty(list: Promise<LoadBalancer[]>): Promise<LoadBalancer[]> {
  try {
    return await list;
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ServiceNotOfferedError) return [];
    throw error;
  }
}

/** Every load balancer with a VIP port in `vpcId`: dedicated first, then shared, each by name. */
export async function listLoadBalancers(
  http: OtcTransport,
  projectId: string,
  vpcId: string,
): Promise<LoadBalancer[]> {
  const [v3, v2] = await both(
    orEmpty(dedicated(http, projectId, vpcId)),
    orEmpty(shared(http, projectId, vpcId)),
  );
  const byName = (a: LoadBalancer, b: LoadBalancer) => a.name.localeCompare(b.name);
  return [...v3.sort(byName), ...v2.sort(byName)].filter((lb) => lb.vipPortId !== '');
}
