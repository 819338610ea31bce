/**
 * Where each OTC service lives. `OTC_ENDPOINT_TEMPLATE` defaults to
 * `https://{service}.{region}.otc.t-systems.com`; a template without `{service}` sends every service to
 * one host (the sandbox, a proxy), which works because the paths the bot uses do not collide.
 */

/** The catalog service types the bot calls. */
export type OtcServiceName = 'vpcep' | 'vpc' | 'elb' | 'ecs' | 'bms' | 'iam';

export const DEFAULT_ENDPOINT_TEMPLATE = 'https://{service}.{region}.otc.t-systems.com';

/** The base URL (no trailing slash) of `service` in `region`. */
export function serviceBaseUrl(template: string, service: OtcServiceName, region: string): string {
  return template.replaceAll('{service}', service).replaceAll('{region}', region).replace(/\/+$/, '');
}

/** Joins path segments, percent-encoding each: `apiPath('v1', projectId, 'vpcs')` → `/v1/<id>/vpcs`. */
export function apiPath(...segments: readonly string[]): string {
  return `/${segments.map((s) => encodeURIComponent(s)).join('/')}`;
}
