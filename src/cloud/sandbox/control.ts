/**
 * What only a sandbox can do: play the consumer (ask to connect, accept or reject "in the console",
 * delete the endpoint), mark a service failed, change the quota, bulk-seed services, connections,
 * whitelist entries and servers past any quota, inject faults, read the request log and revoke tokens.
 * The bot uses `requestConnection` for `/vpcep sandbox connect`; tests use the rest, in process or
 * through the admin routes.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Connection, ConnectionAction } from '../types.js';
import type { FaultRegistry, FaultSpec } from './faults.js';
import type { StoredConnection, StoredService } from './models.js';
import type { LoggedRequest, RequestFilter, RequestLog } from './request-log.js';
import type { SandboxEnv } from './router.js';
import { applyAction } from './routes/connections.js';
import { bulkServers, writeWorld } from './seed.js';
import { liveService } from './service-state.js';
import { vpcepError } from './wire.js';

export const bulkSpec = z.object({
  /** Available services on the first load balancer of the first VPC, past the quota. */
  services: z.number().int().min(1).max(10_000).optional(),
  connections: z
    .object({
      serviceId: z.string(),
      count: z.number().int().min(1).max(10_000),
      status: z.enum(['pendingAcceptance', 'accepted', 'rejected']).optional(),
    })
    .optional(),
  permissions: z.object({ serviceId: z.string(), count: z.number().int().min(1).max(1000) }).optional(),
  servers: z
    .object({
      kind: z.enum(['ecs', 'bms']),
      count: z.number().int().min(1).max(5000),
      vpcId: z.string().optional(),
    })
    .optional(),
});
export type BulkSpec = z.input<typeof bulkSpec>;

export interface BulkResult {
  readonly serviceIds: readonly string[];
}

export interface ConnectionRequest {
  /** The consumer's account; a random one when absent. */
  readonly domainId?: string;
  /** The endpoint's packet ID as a decimal string (may exceed 2^53); random when absent. */
  readonly markerId?: string;
}

/** The sandbox's own powers. */
export interface SandboxControl {
  /** The account (domain) ID that owns the sandbox projects. */
  readonly domainId: string;
  /** A consumer's VPC endpoint asks to connect: `pendingAcceptance` when the service needs approval. */
  requestConnection(projectId: string, serviceId: string, request?: ConnectionRequest): Promise<Connection>;
  /** Accepts or rejects outside the bot, as the console would. */
  resolveConnection(
    projectId: string,
    serviceId: string,
    endpointId: string,
    action: ConnectionAction,
  ): Promise<Connection>;
  /** The consumer deleted its endpoint: the connection vanishes. */
  removeConnection(projectId: string, serviceId: string, endpointId: string): Promise<void>;
  /** Makes the service report `failed` with this error. */
  failService(projectId: string, serviceId: string, error?: { code: string; message: string }): Promise<void>;
  setQuota(projectId: string, quota: number): Promise<void>;
  bulkSeed(projectId: string, spec: BulkSpec): Promise<BulkResult>;
  addFault(spec: FaultSpec): number;
  clearFaults(): void;
  requests(filter?: RequestFilter): LoggedRequest[];
  clearRequests(): void;
  /** Invalidates every IAM token issued so far. */
  revokeTokens(): Promise<void>;
}

function toConnection(c: StoredConnection): Connection {
  return {
    endpointId: c.id,
    markerId: c.markerId,
    domainId: c.domainId,
    status: c.status,
    createdAt: new Date(c.createdAtMs).toISOString(),
    updatedAt: new Date(c.updatedAtMs).toISOString(),
    errors: [],
  };
}

function consumerDomain(): string {
  return randomBytes(16).toString('hex');
}

async function seedServices(env: SandboxEnv, projectId: string, count: number): Promise<string[]> {
  const vpc = (await env.store.vpcs(projectId).all()).sort((a, b) => a.name.localeCompare(b.name))[0];
  const lb = (await env.store.loadBalancers(projectId).all()).find((l) => l.vpcId === vpc?.id);
  if (!vpc || !lb) throw new Error(`sandbox project ${projectId} has no seeded VPC with a load balancer`);
  const region = env.projects.find((p) => p.projectId === projectId)?.region ?? 'eu-de';
  const base = Date.now() - count;
  const services: StoredService[] = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    projectId,
    domainId: env.domainId,
    region,
    name: `bulk-${i}`,
    vpcId: vpc.id,
    portId: lb.vipPortId,
    serverType: 'LB',
    serviceType: 'interface',
    approvalEnabled: true,
    // Distinct server ports keep the bulk services clear of EndPoint.3044.
    ports: [{ clientPort: 80, serverPort: 10_000 + (i % 50_000), protocol: 'TCP' }],
    tags: [],
    tcpProxy: 'close',
    createdAtMs: base + i,
    updatedAtMs: base + i,
    readyAtMs: base + i,
  }));
  await env.store.services(projectId).putMany(services.map((s) => [s.id, s]));
  return services.map((s) => s.id);
}

export function createControl(env: SandboxEnv, faults: FaultRegistry, log: RequestLog): SandboxControl {
  const now = () => Date.now();
  return {
    domainId: env.domainId,
    async requestConnection(projectId, serviceId, request = {}) {
      const service = await liveService(env, projectId, serviceId, now());
      if (service.deleteAtMs !== undefined || service.failure || now() < service.readyAtMs) {
        throw vpcepError(400, 'EndPoint.2004', 'The endpoint service is unavailable.');
      }
      const connection: StoredConnection = {
        id: randomUUID(),
        markerId: request.markerId ?? String(randomInt(16_777_216, 2_147_483_647)),
        domainId: request.domainId ?? consumerDomain(),
        status: service.approvalEnabled ? 'pendingAcceptance' : 'accepted',
        createdAtMs: now(),
        updatedAtMs: now(),
      };
      await env.store.connections(projectId, serviceId).put(connection.id, connection);
      env.logger.info(
        { projectId, serviceId, endpointId: connection.id },
        'sandbox: a consumer asks to connect',
      );
      return toConnection(connection);
    },
    async resolveConnection(projectId, serviceId, endpointId, action) {
      await liveService(env, projectId, serviceId, now());
      return toConnection(await applyAction(env, projectId, serviceId, endpointId, action, now()));
    },
    async removeConnection(projectId, serviceId, endpointId) {
      await env.store.connections(projectId, serviceId).remove(endpointId);
    },
    async failService(
      projectId,
      serviceId,
      error = { code: 'EndPoint.3005', message: 'Failed to create the endpoint service.' },
    ) {
      const service = await liveService(env, projectId, serviceId, now());
      await env.store.services(projectId).put(serviceId, { ...service, failure: error, updatedAtMs: now() });
    },
    setQuota: (projectId, quota) => env.store.setQuota(projectId, quota),
    async bulkSeed(projectId, rawSpec) {
      const spec = bulkSpec.parse(rawSpec);
      const serviceIds = spec.services ? await seedServices(env, projectId, spec.services) : [];
      if (spec.connections) {
        const { serviceId, count, status } = spec.connections;
        await liveService(env, projectId, serviceId, now());
        const base = now() - count;
        await env.store.connections(projectId, serviceId).putMany(
          Array.from({ length: count }, (_, i) => {
            const c: StoredConnection = {
              id: randomUUID(),
              markerId: String(16_777_216 + i),
              domainId: consumerDomain(),
              status: status ?? 'pendingAcceptance',
              createdAtMs: base + i,
              updatedAtMs: base + i,
            };
            return [c.id, c] as const;
          }),
        );
      }
      if (spec.permissions) {
        const { serviceId, count } = spec.permissions;
        await liveService(env, projectId, serviceId, now());
        const base = now() - count;
        await env.store.permissions(projectId, serviceId).putMany(
          Array.from({ length: count }, (_, i) => {
            const permission = `iam:domain::${randomBytes(16).toString('hex')}`;
            return [permission, { id: randomUUID(), permission, createdAtMs: base + i }] as const;
          }),
        );
      }
      if (spec.servers) {
        const vpcs = await env.store.vpcs(projectId).all();
        const vpc = spec.servers.vpcId ? vpcs.find((v) => v.id === spec.servers?.vpcId) : vpcs[0];
        if (!vpc) throw vpcepError(400, 'EndPoint.2001', 'The VPC does not exist.');
        const batch = randomBytes(3).toString('hex');
        await writeWorld(
          env.store,
          projectId,
          bulkServers(projectId, spec.servers.kind, vpc, spec.servers.count, now(), batch),
        );
      }
      return { serviceIds };
    },
    addFault: (spec) => faults.add(spec),
    clearFaults: () => faults.clear(),
    requests: (filter) => log.list(filter),
    clearRequests: () => log.clear(),
    revokeTokens: () => env.store.revokeTokens(),
  };
}
