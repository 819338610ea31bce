/**
 * Load balancers of a VPC, both families (reference §4.3): dedicated ELB v3 (`/v3/{project}/elb/…`,
 * marker paging via `page_info`) and shared ELB v2.0 (`/v2.0/lbaas/…`, no project in the path, so the
 * request carries `X-Project-Id`; paging by following the `next` link of `loadbalancers_links`). An
 * endpoint service takes the `vipPortId`. A load balancer both lists show is offered once, as dedicated.
 *
 * Shared load balancers carry no `vpc_id` and the v2.0 `vpc_id` filter is uncertain, so they are kept
 * by subnet: those whose `vip_subnet_id` is one of the VPC's Neutron subnets (VPC API subnets list).
 */
import { NotFoundError, ServiceNotOfferedError } from '../../errors.js';
import type { LoadBalancer } from '../../types.js';
import { apiPath } from '../endpoints.js';
import type { OtcTransport } from '../http.js';
import { collectByMarker, collectByNextLink, type QueryRecord } from '../paging.js';
import { elbV2ListWire, elbV3ListWire } from '../wire/resources-wire.js';
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

/**
 * The query of the `next` link. Only its query is followed: the link's host is the service's internal
 * one (the documented example says `network.Region.dc1…`), and its path is the list's own.
 */
function nextLinkQuery(links: readonly { href: string; rel: string }[]): URLSearchParams | undefined {
  const next = links.find((l) => l.rel.toLowerCase() === 'next');
  if (!next) return undefined;
  try {
    return new URL(next.href, 'http://placeholder').searchParams;
  } catch {
    return undefined;
  }
}

/** A link's query as the transport takes it: a repeated name keeps every value. */
function queryOf(params: URLSearchParams): QueryRecord {
  const record: Record<string, string | string[]> = {};
  for (const name of new Set(params.keys())) {
    const values = params.getAll(name);
    record[name] = values.length === 1 ? (values[0] ?? '') : values;
  }
  return record;
}

async function shared(http: OtcTransport, projectId: string, vpcId: string): Promise<LoadBalancer[]> {
  const [subnetIds, all] = await both(
    listNeutronSubnetIds(http, projectId, vpcId),
    collectByNextLink(
      (entry: { loadBalancer: LoadBalancer }) => entry.loadBalancer.id,
      async (link) => {
        const page = await http.request(
          {
            service: 'elb',
            method: 'GET',
            path: apiPath('v2.0', 'lbaas', 'loadbalancers'),
            // `vpc_id` is sent as documented, though it may be ignored (reference §4.3): the subnet
            // filter decides. Later pages ask exactly what the `next` link says.
            query: link ? queryOf(link) : { vpc_id: vpcId, limit: PAGE },
            operation: 'list shared load balancers',
            retry: 'idempotent',
          },
          elbV2ListWire,
        );
        return { items: page.loadbalancers, next: nextLinkQuery(page.loadbalancers_links) };
      },
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

/**
 * Every load balancer with a VIP port in `vpcId`: dedicated first, then shared, each by name. The v2.0
 * list may show a dedicated load balancer too; the one the v3 list gave (same ID or VIP port) is kept.
 */
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
  const dedicatedKeys = new Set(v3.flatMap((lb) => [lb.id, ...(lb.vipPortId ? [lb.vipPortId] : [])]));
  const sharedOnly = v2.filter((lb) => !dedicatedKeys.has(lb.id) && !dedicatedKeys.has(lb.vipPortId));
  return [...v3.sort(byName), ...sharedOnly.sort(byName)].filter((lb) => lb.vipPortId !== '');
}
