/**
 * Starts the OTC-compatible emulator: an HTTP server speaking the API paths the bot uses, its state in
 * Redis (so it survives restarts and is shared by replicas), demo resources seeded per project.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { OtcProject } from '../../platform/config/config-types.js';
import type { Logger } from '../../platform/logging/logger.js';
import { createControl, type SandboxControl } from './control.js';
import { RequestLog } from './request-log.js';
import type { Route, SandboxEnv } from './router.js';
import { adminRoutes } from './routes/admin-routes.js';
import { connectionRoutes } from './routes/connections-routes.js';
import { elbRoutes } from './routes/elb-routes.js';
import { iamRoutes } from './routes/iam-routes.js';
import { permissionRoutes } from './routes/permissions-routes.js';
import { quotaRoutes } from './routes/quotas-routes.js';
import { serverRoutes } from './routes/servers-routes.js';
import { serviceRoutes } from './routes/services-routes.js';
import { vpcRoutes } from './routes/vpc-routes.js';
import type { SandboxAkSk } from './sandbox-auth.js';
import { FaultRegistry } from './sandbox-faults.js';
import { createPipeline } from './sandbox-server.js';
import { demoWorld, writeWorld } from './seed.js';
import { type RedisClient, SandboxStore } from './store.js';

/** An IAM user the emulator accepts for `POST /v3/auth/tokens`. */
export interface SandboxUser {
  readonly username: string;
  readonly password: string;
  readonly domainName: string;
}

export interface SandboxOptions {
  readonly redis: RedisClient;
  readonly keyPrefix: string;
  readonly projects: readonly OtcProject[];
  /** The AK/SK the emulator verifies signatures with, and optionally IAM users for tokens. */
  readonly credentials: SandboxAkSk & { readonly users?: readonly SandboxUser[] };
  readonly logger: Logger;
  /** Loopback by default; the admin API answers loopback callers only anyway. */
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** How long a new service stays `creating`; default 3000 ms. */
  readonly createDelayMs?: number;
  /** How long a deleted service stays `deleting`; default 3000 ms. */
  readonly deleteDelayMs?: number;
  /** Seed the demo VPCs, load balancers and servers (default true). */
  readonly seed?: boolean;
  /** Endpoint services per project before `Endpoint.1018`; default 20. */
  readonly quota?: number;
  /** Lifetime of issued IAM tokens; default 24 h. */
  readonly tokenTtlMs?: number;
  /**
   * The largest page of the shared (ELB v2.0) load balancer list, default 2000. A larger `limit` is
   * capped, not refused, as Neutron's `pagination_max_limit` does; the `next` link leads on.
   */
  readonly sharedLbPageCap?: number;
  /**
   * Make connection requests respect each service's whitelist (`EndPoint.2012` otherwise), as the
   * real API does. Off by default: asking to connect is a sandbox power for tests and demos, and a
   * request may still opt in with `enforceWhitelist: true`.
   */
  readonly enforceWhitelist?: boolean;
}

export interface SandboxHandle {
  /** Base URL, e.g. `http://127.0.0.1:40123`: an endpoint template without `{service}`. */
  readonly url: string;
  readonly control: SandboxControl;
  close(): Promise<void>;
}

/** Seeded resources carry a fixed creation time, so re-seeding writes identical values. */
const SEED_TIME_MS = Date.UTC(2024, 0, 1);

/** The account that owns the sandbox projects, derived from them (the same in every replica). */
export function sandboxDomainId(projects: readonly OtcProject[]): string {
  return createHash('sha256')
    .update(`domain:${projects.map((p) => p.projectId).join(',')}`)
    .digest('hex')
    .slice(0, 32);
}

const API_ROUTES: readonly Route[] = [
  ...serviceRoutes,
  ...connectionRoutes,
  ...permissionRoutes,
  ...quotaRoutes,
  ...vpcRoutes,
  ...elbRoutes,
  ...serverRoutes,
  ...iamRoutes,
];

export async function startSandbox(options: SandboxOptions): Promise<SandboxHandle> {
  const store = new SandboxStore(options.redis, options.keyPrefix);
  const env: SandboxEnv = {
    store,
    projects: options.projects,
    domainId: sandboxDomainId(options.projects),
    createDelayMs: options.createDelayMs ?? 3000,
    deleteDelayMs: options.deleteDelayMs ?? 3000,
    defaultQuota: options.quota ?? 20,
    tokenTtlMs: options.tokenTtlMs ?? 24 * 3600_000,
    sharedLbPageCap: options.sharedLbPageCap ?? 2000,
    users: options.credentials.users ?? [],
    logger: options.logger.child({ component: 'sandbox' }),
  };
  if (options.seed ?? true) {
    for (const project of options.projects) {
      await writeWorld(store, project.projectId, demoWorld(project.projectId, SEED_TIME_MS));
    }
  }
  const faults = new FaultRegistry();
  const log = new RequestLog();
  const control = createControl(env, faults, log, {
    ...(options.enforceWhitelist !== undefined ? { enforceWhitelist: options.enforceWhitelist } : {}),
  });
  const closing = new AbortController();
  const pipeline = createPipeline({
    env,
    credentials: options.credentials,
    routes: API_ROUTES,
    adminRoutes: adminRoutes(control),
    faults,
    log,
    closing: closing.signal,
  });
  const server = createServer((req, res) => {
    pipeline(req, res).catch((error: unknown) => {
      env.logger.error({ err: error }, 'sandbox request failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const bound = server.address();
  if (bound === null || typeof bound === 'string') throw new Error('the sandbox is not listening on TCP');
  const { address, port } = bound;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  env.logger.debug({ url }, 'sandbox listening');
  return {
    url,
    control,
    async close() {
      closing.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
