/**
 * What the emulator keeps in Redis, as zod schemas (Redis is an edge too). Statuses that change with
 * time are not stored: they derive from timestamps (`readyAtMs`, `deleteAtMs`), so no timer is lost
 * when the process restarts.
 */
import { z } from 'zod';
import { CONNECTION_STATUSES } from '../types.js';

export const storedPortMapping = z.object({
  clientPort: z.number(),
  serverPort: z.number(),
  protocol: z.string(),
});

export const storedService = z.object({
  id: z.string(),
  projectId: z.string(),
  domainId: z.string(),
  region: z.string(),
  name: z.string().optional(),
  vpcId: z.string(),
  portId: z.string(),
  serverType: z.string(),
  serviceType: z.string(),
  approvalEnabled: z.boolean(),
  ports: z.array(storedPortMapping),
  tags: z.array(z.object({ key: z.string(), value: z.string() })),
  tcpProxy: z.string(),
  description: z.string().optional(),
  createdAtMs: z.number(),
  updatedAtMs: z.number(),
  /** `creating` until then, `available` after. */
  readyAtMs: z.number(),
  /** Set by DELETE: `deleting` until then, gone (404) after. */
  deleteAtMs: z.number().optional(),
  /** Set through the admin API: the service reports `failed` with this error. */
  failure: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type StoredService = z.infer<typeof storedService>;

export const storedConnection = z.object({
  id: z.string(),
  /** Decimal string: may exceed 2^53. */
  markerId: z.string(),
  domainId: z.string(),
  status: z.enum(CONNECTION_STATUSES),
  createdAtMs: z.number(),
  updatedAtMs: z.number(),
});
export type StoredConnection = z.infer<typeof storedConnection>;

export const storedPermission = z.object({ id: z.string(), permission: z.string(), createdAtMs: z.number() });

export const sandboxVpc = z.object({
  id: z.string(),
  name: z.string(),
  cidr: z.string(),
  subnetId: z.string(),
  /** `0` (absent): the default enterprise project. */
  enterpriseProjectId: z.string().optional(),
  createdAtMs: z.number(),
});
export type SandboxVpc = z.infer<typeof sandboxVpc>;

export const sandboxPort = z.object({
  id: z.string(),
  vpcId: z.string(),
  subnetId: z.string(),
  ipAddress: z.string(),
  macAddress: z.string(),
  deviceId: z.string(),
  /** What the port belongs to: decides which `server_type` may use it. */
  role: z.enum(['lb', 'ecs', 'bms']),
  securityGroups: z.array(z.string()),
  portSecurityEnabled: z.boolean(),
});
export type SandboxPort = z.infer<typeof sandboxPort>;

export const sandboxLoadBalancer = z.object({
  id: z.string(),
  name: z.string(),
  family: z.enum(['dedicated', 'shared']),
  vpcId: z.string(),
  subnetId: z.string(),
  vipPortId: z.string(),
  vipAddress: z.string(),
  createdAtMs: z.number(),
});
export type SandboxLoadBalancer = z.infer<typeof sandboxLoadBalancer>;

export const sandboxServer = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['ecs', 'bms']),
  vpcId: z.string(),
  status: z.string(),
  portIds: z.array(z.string()),
  /** False: the server list shows its addresses without `OS-EXT-IPS:port_id` (NICs via os-interface). */
  addressesNamePorts: z.boolean(),
  createdAtMs: z.number(),
});
export type SandboxServer = z.infer<typeof sandboxServer>;

export const sandboxSecurityGroup = z.object({
  id: z.string(),
  name: z.string(),
  vpcId: z.string(),
  rules: z.array(
    z.object({
      id: z.string(),
      direction: z.enum(['ingress', 'egress']),
      protocol: z.string().nullable(),
      portRangeMin: z.number().nullable(),
      portRangeMax: z.number().nullable(),
      remoteIpPrefix: z.string().nullable(),
      remoteGroupId: z.string().nullable(),
    }),
  ),
});
export type SandboxSecurityGroup = z.infer<typeof sandboxSecurityGroup>;

/** An issued IAM token; `epoch` invalidates every older token at once (admin "revoke"). */
export const storedToken = z.object({
  projectId: z.string(),
  domainId: z.string(),
  expiresAtMs: z.number(),
  epoch: z.string(),
});
export type StoredToken = z.infer<typeof storedToken>;
