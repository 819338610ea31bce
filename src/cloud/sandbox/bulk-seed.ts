/**
 * Bulk state for paging tests, written straight to the store past any quota: available services,
 * connections, whitelist entries, servers with one NIC each, load balancers with their VIP ports, and
 * VPCs with one subnet each.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { SandboxPort, SandboxVpc, StoredConnection, StoredService } from './models.js';
import type { SandboxEnv } from './router.js';
import { vpcepError } from './sandbox-wire.js';
import { emptyWorld, mac, stableId, type World, writeWorld } from './seed.js';
import { liveService } from './service-state.js';

/** `count` resources in `vpcId`, the first demo VPC by default. */
const inVpc = z.object({ count: z.number().int().min(1).max(5000), vpcId: z.string().optional() });

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
  /** Servers of one kind, each with one NIC, in `vpcId` (the first demo VPC by default). */
  servers: inVpc.extend({ kind: z.enum(['ecs', 'bms']) }).optional(),
  /** Load balancers of one family, each with its VIP port, in `vpcId` (the first demo VPC by default). */
  loadBalancers: inVpc.extend({ family: z.enum(['dedicated', 'shared']) }).optional(),
  /** Empty VPCs, each with one subnet, in the default enterprise project unless one is named. */
  vpcs: z
    .object({
      count: z.number().int().min(1).max(5000),
      enterpriseProjectId: z.string().optional(),
      /** One name for all of them (to show how same-named VPCs are told apart); numbered otherwise. */
      name: z.string().optional(),
    })
    .optional(),
});

/** What to add; every part optional. */
export type BulkSpec = z.input<typeof bulkSpec>;

export interface BulkResult {
  readonly serviceIds: readonly string[];
  /** IDs of the load balancers added (empty unless `loadBalancers` was asked for). */
  readonly loadBalancerIds: readonly string[];
  /** IDs of the VPCs added (empty unless `vpcs` was asked for). */
  readonly vpcIds: readonly string[];
}

/** VPCs oldest first, then by name: the seeded demo VPCs (`vpc-demo-a` first) before bulk ones. */
function demoOrder(vpcs: readonly SandboxVpc[]): SandboxVpc[] {
  return [...vpcs].sort((a, b) => a.createdAtMs - b.createdAtMs || a.name.localeCompare(b.name));
}

/** The VPC named by `vpcId`, or the first demo VPC; `EndPoint.2001` for an unknown ID. */
async function targetVpc(env: SandboxEnv, projectId: string, vpcId: string | undefined): Promise<SandboxVpc> {
  const vpcs = demoOrder(await env.store.vpcs(projectId).all());
  const vpc = vpcId ? vpcs.find((v) => v.id === vpcId) : vpcs[0];
  if (!vpc) throw vpcepError(400, 'EndPoint.2001', 'The VPC does not exist.');
  return vpc;
}

async function seedServices(env: SandboxEnv, projectId: string, count: number): Promise<string[]> {
  const lbs = await env.store.loadBalancers(projectId).all();
  const vpc = demoOrder(await env.store.vpcs(projectId).all()).find((v) => lbs.some((l) => l.vpcId === v.id));
  const lb = lbs.find((l) => l.vpcId === vpc?.id);
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

/** A fresh batch tag, so repeated bulk seeds add resources instead of overwriting earlier ones. */
function newBatch(): string {
  return randomBytes(3).toString('hex');
}

/** `prefix-batch-0007`: bulk names sort in creation order. */
function bulkName(prefix: string, batch: string, i: number): string {
  return `${prefix}-${batch}-${String(i).padStart(4, '0')}`;
}

/** The one port of bulk resource `deviceId` in `vpc`. */
function bulkPort(
  id: string,
  vpc: SandboxVpc,
  deviceId: string,
  role: SandboxPort['role'],
  ipAddress: string,
) {
  return {
    id,
    vpcId: vpc.id,
    subnetId: vpc.subnetId,
    ipAddress,
    macAddress: mac(id),
    deviceId,
    role,
    securityGroups: [],
    portSecurityEnabled: true,
  } satisfies SandboxPort;
}

/** `count` extra servers of `kind` in `vpcId`, each with one NIC (for paging tests). */
function bulkServers(
  projectId: string,
  kind: 'ecs' | 'bms',
  vpc: SandboxVpc,
  count: number,
  nowMs: number,
): World {
  const world = emptyWorld();
  const batch = newBatch();
  for (let i = 0; i < count; i++) {
    const id = stableId(projectId, kind, batch, String(i));
    const portId = stableId(id, 'nic');
    world.ports.push(bulkPort(portId, vpc, id, kind, `172.31.${Math.floor(i / 250)}.${(i % 250) + 2}`));
    world.servers.push({
      id,
      name: bulkName(`${kind}-bulk`, batch, i),
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

/** `count` load balancers of `family` in `vpc`, each with its VIP port (for paging tests). */
function bulkLoadBalancers(
  projectId: string,
  family: 'dedicated' | 'shared',
  vpc: SandboxVpc,
  count: number,
  nowMs: number,
): World {
  const world = emptyWorld();
  const batch = newBatch();
  for (let i = 0; i < count; i++) {
    const id = stableId(projectId, 'lb', family, batch, String(i));
    const portId = stableId(id, 'vip');
    const ipAddress = `172.30.${Math.floor(i / 250)}.${(i % 250) + 2}`;
    world.ports.push(bulkPort(portId, vpc, id, 'lb', ipAddress));
    world.loadBalancers.push({
      id,
      name: bulkName(`elb-${family}-bulk`, batch, i),
      family,
      vpcId: vpc.id,
      subnetId: vpc.subnetId,
      vipPortId: portId,
      vipAddress: ipAddress,
      createdAtMs: nowMs + i,
    });
  }
  return world;
}

/** `count` VPCs with one subnet each and nothing in them (for paging tests). */
function bulkVpcs(
  projectId: string,
  {
    count,
    enterpriseProjectId,
    name,
  }: { count: number; enterpriseProjectId?: string | undefined; name?: string | undefined },
  nowMs: number,
): World {
  const world = emptyWorld();
  const batch = newBatch();
  for (let i = 0; i < count; i++) {
    const id = stableId(projectId, 'vpc', batch, String(i));
    world.vpcs.push({
      id,
      name: name ?? bulkName('vpc-bulk', batch, i),
      ...(enterpriseProjectId ? { enterpriseProjectId } : {}),
      cidr: `10.${100 + Math.floor(i / 256)}.${i % 256}.0/24`,
      subnetId: stableId(id, 'subnet'),
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
    const vpc = await targetVpc(env, projectId, vpcId);
    await writeWorld(env.store, projectId, bulkServers(projectId, kind, vpc, count, Date.now()));
  }
  let loadBalancerIds: string[] = [];
  if (spec.loadBalancers) {
    const { family, count, vpcId } = spec.loadBalancers;
    const vpc = await targetVpc(env, projectId, vpcId);
    const world = bulkLoadBalancers(projectId, family, vpc, count, Date.now());
    await writeWorld(env.store, projectId, world);
    loadBalancerIds = world.loadBalancers.map((l) => l.id);
  }
  let vpcIds: string[] = [];
  if (spec.vpcs) {
    const world = bulkVpcs(projectId, spec.vpcs, Date.now());
    await writeWorld(env.store, projectId, world);
    vpcIds = world.vpcs.map((v) => v.id);
  }
  return { serviceIds, loadBalancerIds, vpcIds };
}
