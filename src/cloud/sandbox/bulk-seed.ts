/**
 * Bulk state for paging tests, written straight to the store past any quota: available services,
 * connections, whitelist entries and servers with one NIC each.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { SandboxVpc, StoredConnection, StoredService } from './models.js';
import type { SandboxEnv } from './router.js';
import { mac, stableId, type World, writeWorld } from './seed.js';
import { liveService } from './service-state.js';
import { vpcepError } from './wire.js';

export const bulkSpec = z.object({
  /** Available services on the first load balancer of the first VPC. */
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

/** What to add; every part optional. */
export type BulkSpec = z.input<typeof bulkSpec>;

export interface BulkResult {
  readonly serviceIds: readonly string[];
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
    ports: [{ clientPort: 80, serverPort: 10_000 + i, protocol: 'TCP' }],
    tags: [],
    tcpProxy: 'close',
    createdAtMs: base + i,
    updatedAtMs: base + i,
    readyAtMs: base + i,
  }));
  await env.store.services(projectId).putMany(services.map((s) => [s.id, s]));
  return services.map((s) => s.id);
}

async function seedConnections(
  env: SandboxEnv,
  projectId: string,
  spec: NonNullable<z.output<typeof bulkSpec>['connections']>,
) {
  await liveService(env, projectId, spec.serviceId, Date.now());
  const base = Date.now() - spec.count;
  const connections = Array.from(
    { length: spec.count },
    (_, i): StoredConnection => ({
      id: randomUUID(),
      markerId: String(16_777_216 + i),
      domainId: randomBytes(16).toString('hex'),
      status: spec.status ?? 'pendingAcceptance',
      createdAtMs: base + i,
      updatedAtMs: base + i,
    }),
  );
  await env.store.connections(projectId, spec.serviceId).putMany(connections.map((c) => [c.id, c]));
}

async function seedPermissions(env: SandboxEnv, projectId: string, serviceId: string, count: number) {
  await liveService(env, projectId, serviceId, Date.now());
  const base = Date.now() - count;
  await env.store.permissions(projectId, serviceId).putMany(
    Array.from({ length: count }, (_, i) => {
      const permission = `iam:domain::${randomBytes(16).toString('hex')}`;
      return [permission, { id: randomUUID(), permission, createdAtMs: base + i }] as const;
    }),
  );
}

/** `count` extra servers of `kind` in `vpcId`, each with one NIC (for paging tests). */
function bulkServers(
  projectId: string,
  kind: 'ecs' | 'bms',
  vpc: SandboxVpc,
  count: number,
  nowMs: number,
  batch: string,
): World {
  const world: World = { vpcs: [], ports: [], loadBalancers: [], servers: [], securityGroups: [] };
  for (let i = 0; i < count; i++) {
    const id = stableId(projectId, kind, batch, String(i));
    const portId = stableId(id, 'nic');
    world.ports.push({
      id: portId,
      vpcId: vpc.id,
      subnetId: vpc.subnetId,
      ipAddress: `172.31.${Math.floor(i / 250)}.${(i % 250) + 2}`,
      macAddress: mac(portId),
      deviceId: id,
      role: kind,
      securityGroups: [],
      portSecurityEnabled: true,
    });
    world.servers.push({
      id,
      name: `${kind}-bulk-${batch}-${String(i).padStart(4, '0')}`,
      kind,
      vpcId: vpc.id,
      status: 'ACTIVE',
      portIds: [portId],
      addressesNamePorts: true,
      createdAtMs: nowMs + i,
    });
  }
  return world;
}

/** Adds everything `rawSpec` asks for to one project. */
export async function bulkSeed(env: SandboxEnv, projectId: string, rawSpec: BulkSpec): Promise<BulkResult> {
  const spec = bulkSpec.parse(rawSpec);
  const serviceIds = spec.services ? await seedServices(env, projectId, spec.services) : [];
  if (spec.connections) await seedConnections(env, projectId, spec.connections);
  if (spec.permissions)
    await seedPermissions(env, projectId, spec.permissions.serviceId, spec.permissions.count);
  if (spec.servers) {
    const { kind, count, vpcId } = spec.servers;
    const vpcs = await env.store.vpcs(projectId).all();
    const vpc = vpcId ? vpcs.find((v) => v.id === vpcId) : vpcs[0];
    if (!vpc) throw vpcepError(400, 'EndPoint.2001', 'The VPC does not exist.');
    const batch = randomBytes(3).toString('hex');
    await writeWorld(env.store, projectId, bulkServers(projectId, kind, vpc, count, Date.now(), batch));
  }
  return { serviceIds };
}
