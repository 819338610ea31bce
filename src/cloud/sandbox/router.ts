/**
 * The emulator's route table: the reference's path templates (`/v1/{project_id}/vpcs`) compiled to
 * exact regular expressions, each with its handler.
 */

import type { OtcProject } from '../../platform/config/config-types.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { SandboxStore } from './store.js';

/** Who is calling, once authenticated: the project the request acts in and its account. */
export interface Scope {
  readonly projectId: string;
  readonly domainId: string;
}

export interface ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly params: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Undefined only on routes that need no authentication (IAM tokens). */
  readonly scope: Scope | undefined;
  readonly nowMs: number;
}

export interface ApiResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Everything a handler may use. */
export interface SandboxEnv {
  readonly store: SandboxStore;
  readonly projects: readonly OtcProject[];
  /** The account (domain) that owns every sandbox project. */
  readonly domainId: string;
  readonly createDelayMs: number;
  readonly deleteDelayMs: number;
  readonly defaultQuota: number;
  readonly tokenTtlMs: number;
  /** The largest page of the shared (v2.0) load balancer list; a larger `limit` is capped to it. */
  readonly sharedLbPageCap: number;
  readonly users: readonly { username: string; password: string; domainName: string }[];
  readonly logger: Logger;
}

export type Handler = (request: ApiRequest, env: SandboxEnv) => Promise<ApiResponse>;

export interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly template: string;
  readonly handler: Handler;
  /** False only for `POST /v3/auth/tokens`. */
  readonly authenticated: boolean;
}

/** `route('GET', '/v1/{project_id}/vpcs', handler)`: `{name}` matches one path segment. */
export function route(method: string, template: string, handler: Handler, authenticated = true): Route {
  const source = template
    .split('/')
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      return param ? `(?<${param[1]}>[^/]+)` : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { method, template, handler, authenticated, pattern: new RegExp(`^${source}/?$`) };
}

/** The route for `method` and `path`, with its decoded parameters. */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | undefined {
  for (const candidate of routes) {
    if (candidate.method !== method) continue;
    const match = candidate.pattern.exec(path);
    if (!match) continue;
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries(match.groups ?? {})) params[name] = decodeURIComponent(value);
    return { route: candidate, params };
  }
  return undefined;
}
