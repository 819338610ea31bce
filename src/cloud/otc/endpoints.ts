/**
 * Where each OTC service lives, in this order of preference:
 *
 * 1. `OTC_ENDPOINT_<SERVICE>` (one service's host, e.g. `OTC_ENDPOINT_VPCEP`);
 * 2. `OTC_ENDPOINT_TEMPLATE`; without `{service}` it sends every service to one host (the sandbox, a
 *    proxy), which works because the paths the bot uses do not collide;
 * 3. the IAM token's service catalog, with token auth (it knows hosts no reference writes down);
 * 4. the table of known regions below; a region not in it gets `https://{service}.{region}.otc.t-systems.com`.
 *
 * A service the table leaves out of a known region (BMS outside eu-de) is not offered there: calls
 * to it fail at once with `ServiceNotOfferedError`, without a request.
 */
import { AppError } from '../../platform/errors/app-error.js';

/** The catalog service types the bot calls. */
export type OtcServiceName = 'vpcep' | 'vpc' | 'elb' | 'ecs' | 'bms' | 'iam';
export const OTC_SERVICES: readonly OtcServiceName[] = ['vpcep', 'vpc', 'elb', 'ecs', 'bms', 'iam'];

/** For regions the table does not know. */
export const DEFAULT_ENDPOINT_TEMPLATE = 'https://{service}.{region}.otc.t-systems.com';

/**
 * The known regions' hosts (reference §1). eu-de and eu-nl from the OTC catalog dump; BMS is listed for
 * eu-de only. eu-ch2 (Swiss Cloud) lives under `sc.otc.t-systems.com` and its IAM is `iam-pub`; its VPC,
 * ELB and ECS hosts appear in public Terraform and driver configurations, its VPCEP host in none
 * (the pattern is assumed), which is why the catalog, when there is one, comes first.
 */
export const REGION_HOSTS: Readonly<Record<string, Readonly<Partial<Record<OtcServiceName, string>>>>> = {
  'eu-de': {
    vpcep: 'https://vpcep.eu-de.otc.t-systems.com',
    vpc: 'https://vpc.eu-de.otc.t-systems.com',
    elb: 'https://elb.eu-de.otc.t-systems.com',
    ecs: 'https://ecs.eu-de.otc.t-systems.com',
    bms: 'https://bms.eu-de.otc.t-systems.com',
    iam: 'https://iam.eu-de.otc.t-systems.com',
  },
  'eu-nl': {
    vpcep: 'https://vpcep.eu-nl.otc.t-systems.com',
    vpc: 'https://vpc.eu-nl.otc.t-systems.com',
    elb: 'https://elb.eu-nl.otc.t-systems.com',
    ecs: 'https://ecs.eu-nl.otc.t-systems.com',
    iam: 'https://iam.eu-nl.otc.t-systems.com',
  },
  'eu-ch2': {
    vpcep: 'https://vpcep.eu-ch2.sc.otc.t-systems.com',
    vpc: 'https://vpc.eu-ch2.sc.otc.t-systems.com',
    elb: 'https://elb.eu-ch2.sc.otc.t-systems.com',
    ecs: 'https://ecs.eu-ch2.sc.otc.t-systems.com',
    iam: 'https://iam-pub.eu-ch2.sc.otc.t-systems.com',
  },
};

/** The operator's endpoint settings. */
export interface EndpointSettings {
  /** `OTC_ENDPOINT_TEMPLATE`, when set. */
  readonly template?: string | undefined;
  /** `OTC_ENDPOINT_<SERVICE>`, when set; `{region}` is replaced. */
  readonly overrides?: Readonly<Partial<Record<OtcServiceName, string>>> | undefined;
}

/** The base URL (no trailing slash) of `service` in `region` per `template`. */
export function serviceBaseUrl(template: string, service: OtcServiceName, region: string): string {
  return template.replaceAll('{service}', service).replaceAll('{region}', region).replace(/\/+$/, '');
}

/** Where a base URL came from, for logs and tests. */
export type EndpointSource = 'override' | 'template' | 'catalog' | 'table';

/** The host the operator configured (override or template), or undefined. */
export function configuredEndpoint(
  settings: EndpointSettings,
  service: OtcServiceName,
  region: string,
): { url: string; source: EndpointSource } | undefined {
  const override = settings.overrides?.[service];
  if (override) return { url: serviceBaseUrl(override, service, region), source: 'override' };
  if (settings.template)
    return { url: serviceBaseUrl(settings.template, service, region), source: 'template' };
  return undefined;
}

/** The table's host of `service` in `region`; undefined when a known region does not offer it. */
export function tableEndpoint(service: OtcServiceName, region: string): string | undefined {
  const known = REGION_HOSTS[region];
  if (!known) return serviceBaseUrl(DEFAULT_ENDPOINT_TEMPLATE, service, region);
  return known[service];
}

/**
 * The base URL of `service` in `region`: configured, else from the catalog (`fromCatalog`), else the
 * table; undefined when the service is not offered there.
 */
export function resolveEndpoint(
  settings: EndpointSettings,
  service: OtcServiceName,
  region: string,
  fromCatalog?: string,
): { url: string; source: EndpointSource } | undefined {
  const configured = configuredEndpoint(settings, service, region);
  if (configured) return configured;
  if (fromCatalog) return { url: fromCatalog.replace(/\/+$/, ''), source: 'catalog' };
  const table = tableEndpoint(service, region);
  return table ? { url: table, source: 'table' } : undefined;
}

/** A path segment that would change which resource a URL names: refused before any request is sent. */
export class UnsafeCloudPathError extends AppError {
  constructor() {
    super('CLOUD_UNSAFE_PATH', 'refused to build a cloud URL with an empty, "." or ".." path segment', {
      userMessage:
        'The bot refused to send that request to the cloud because an ID in it is not valid. Nothing was sent. Run the command again with the ID or name shown by `/vpcep list`.',
    });
  }
}

/**
 * Joins path segments, percent-encoding each: `apiPath('v1', projectId, 'vpcs')` → `/v1/<id>/vpcs`.
 * Encoding keeps `/` inside a segment, but `.` and `..` pass `encodeURIComponent` unchanged and URL
 * parsing would resolve them (`…/services/..` is `…/`), so those, and empty segments, are refused.
 */
export function apiPath(...segments: readonly string[]): string {
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..') throw new UnsafeCloudPathError();
  }
  return `/${segments.map((s) => encodeURIComponent(s)).join('/')}`;
}
