/**
 * VPCs of a project (reference §4.2): VPC v1, marker paging (the marker is the last ID of a page).
 * Without `enterprise_project_id` the API lists the default enterprise project's VPCs only
 * (`querying_vpcs`); `all_granted_eps` asks for those of every enterprise project the credentials see.
 */
import type { Vpc } from '../../types.js';
import { apiPath } from '../endpoints.js';
import type { OtcTransport } from '../http.js';
import { collectByMarker } from '../paging.js';
import { vpcListWire } from '../wire/resources-wire.js';

const PAGE = 2000;
const ALL_GRANTED_EPS = 'all_granted_eps';

export async function listVpcs(http: OtcTransport, projectId: string): Promise<Vpc[]> {
  return collectByMarker(
    (v) => v.id,
    async (marker) => {
      const page = await http.request(
        {
          service: 'vpc',
          method: 'GET',
          path: apiPath('v1', projectId, 'vpcs'),
          query: { limit: PAGE, marker, enterprise_project_id: ALL_GRANTED_EPS },
          operation: 'list VPCs',
          retry: 'idempotent',
        },
        vpcListWire,
      );
      return { items: page.vpcs, nextMarker: page.vpcs.at(-1)?.id };
    },
    PAGE,
  );
}
