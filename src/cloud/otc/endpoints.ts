/**
 * Where each OTC service lives. `OTC_ENDPOINT_TEMPLATE` defaults to
 * `https://{service}.{region}.otc.t-systems.com`; a template without `{service}` sends every service to
 * one host (the sandbox, a proxy), which works because the paths the bot uses do not collide.
 */
import { AppError } from '../../platform/errors/app-error.js';

/** The catalog service types the bot calls. */
export type OtcServiceName = 'vpcep' | 'vpc' | 'elb' | 'ecs' | 'bms' | 'iam';

export const DEFAULT_ENDPOINT_TEMPLATE = 'https://{service}.{region}.otc.t-systems.com';

/** The base URL (no trailing slash) of `service` in `region`. */
export function serviceBaseUrl(template: string, service: OtcServiceName, region: string): string {
  return template.replaceAll('{service}', service).replaceAll('{region}', region).replace(/\/+$/, '');
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
