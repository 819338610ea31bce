/**
 * The IAM token's service catalog (reference §5.1: `token.catalog[]`, each `{type, endpoints[{region,
 * region_id, url, interface}]}`): where the cloud itself says each service of a region lives. Only the
 * origin of a catalog URL is used, because the bot's paths carry their own version and project
 * (`/v1/{project_id}/…`), while catalog URLs differ in what they append.
 */
import { z } from 'zod';
import { isSafeTransportUrl } from '../../platform/config/formats.js';
import type { OtcServiceName } from './endpoints.js';
import { lenientArray, optionalText } from './wire/common-wire.js';

export const catalogWire = lenientArray(
  z.object({
    type: z.string(),
    endpoints: lenientArray(
      z.object({ url: z.string(), region: optionalText, region_id: optionalText, interface: optionalText }),
    ),
  }),
);

export type ServiceCatalog = z.output<typeof catalogWire>;

/**
 * Catalog types per service, preferred first; each names the same host. gophertelekomcloud's clients
 * use `vpcep`, `vpc`/`network`, `elbv3`/`elb`, `ecs`/`compute` and `bms` (openstack/client.go).
 */
const CATALOG_TYPES: Readonly<Record<Exclude<OtcServiceName, 'iam'>, readonly string[]>> = {
  vpcep: ['vpcep'],
  vpc: ['vpc', 'network'],
  elb: ['elbv3', 'elb'],
  ecs: ['ecs', 'compute'],
  bms: ['bms'],
};

function originOf(url: string): string | undefined {
  // The catalog may still hold `$(tenant_id)s` placeholders; only the origin matters.
  if (!isSafeTransportUrl(url)) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** The public origin the catalog names for `service` in `region`, or undefined. */
export function catalogOrigin(
  catalog: ServiceCatalog,
  service: OtcServiceName,
  region: string,
): string | undefined {
  if (service === 'iam') return undefined;
  for (const type of CATALOG_TYPES[service]) {
    for (const entry of catalog.filter((e) => e.type === type)) {
      for (const endpoint of entry.endpoints) {
        const named = [endpoint.region, endpoint.region_id].filter((r) => r !== undefined);
        // "*" marks a global service (the IAM document's example).
        const inRegion = named.length === 0 || named.some((r) => r === region || r === '*');
        if ((endpoint.interface ?? 'public') !== 'public' || !inRegion) continue;
        const origin = originOf(endpoint.url);
        if (origin) return origin;
      }
    }
  }
  return undefined;
}
