/**
 * Subnets of a VPC (reference §4.2): VPC v1 `GET /v1/{project_id}/subnets?vpc_id=`, marker paging (the
 * marker is the last ID of a page). The subnet `id` is the Neutron network ID; `neutron_subnet_id` is
 * what shared load balancers report as `vip_subnet_id`.
 */

import type { z } from 'zod';
import { apiPath } from '../endpoints.js';
import type { OtcTransport } from '../http.js';
import { collectByMarker } from '../paging.js';
import { subnetListWire } from '../wire/resources-wire.js';

type Subnet = z.output<typeof subnetListWire>['subnets'][number];

const PAGE = 2000;

/** The Neutron subnet IDs of the subnets in `vpcId`. */
export async function listNeutronSubnetIds(
  http: OtcTransport,
  projectId: string,
  vpcId: string,
): Promise<Set<string>> {
  const subnets = await collectByMarker(
    (s: Subnet) => s.id,
    async (marker) => {
      const page = await http.request(
        {
          service: 'vpc',
          method: 'GET',
          path: apiPath('v1', projectId, 'subnets'),
          query: { vpc_id: vpcId, limit: PAGE, marker },
          operation: 'list the subnets of the VPC',
          retry: 'idempotent',
        },
        subnetListWire,
      );
      return { items: page.subnets, nextMarker: page.subnets.at(-1)?.id };
    },
    PAGE,
  );
  // The filter is the API's; the check keeps a subnet of another VPC out should it be ignored.
  return new Set(
    subnets.flatMap((s) =>
      s.neutron_subnet_id && (s.vpc_id === undefined || s.vpc_id === vpcId) ? [s.neutron_subnet_id] : [],
    ),
  );
}
