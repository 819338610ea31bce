/**
 * zod schemas of the VPCEP wire format (reference §2), each transforming snake_case into the domain
 * types of `../../types.ts`.
 */
import { z } from 'zod';
import type {
  Connection,
  ConnectionStatus,
  EndpointService,
  PortMapping,
  Quota,
  ServerType,
  ServiceStatus,
  WhitelistEntry,
} from '../../types.js';
import {
  bigIntegerText,
  lenientArray,
  lenientBoolean,
  optionalText,
  resourceErrors,
  timestamp,
  wholeNumber,
} from './common.js';

const SERVICE_STATUSES: readonly ServiceStatus[] = ['creating', 'available', 'failed', 'deleting'];
const CONNECTION_STATUSES: readonly ConnectionStatus[] = [
  'pendingAcceptance',
  'creating',
  'accepted',
  'rejected',
  'failed',
  'deleting',
];

/** Matches a documented value ignoring case, returning the documented spelling. */
function caseInsensitiveEnum<T extends string>(values: readonly T[]) {
  return z.string().transform((text, ctx): T => {
    const found = values.find((v) => v.toLowerCase() === text.toLowerCase());
    if (found) return found;
    ctx.addIssue({ code: 'custom', message: `unexpected value "${text}"` });
    return z.NEVER;
  });
}

export const portMappingWire = z
  .object({ client_port: wholeNumber, server_port: wholeNumber, protocol: z.string().nullish() })
  .transform(
    (p): PortMapping => ({
      clientPort: p.client_port,
      serverPort: p.server_port,
      protocol: p.protocol ?? 'TCP',
    }),
  );

const tagWire = z.object({ key: z.string(), value: z.string().nullish() });

/** `region.name.id` or `region.id` → the user's name part, if any. A bare name is taken as is. */
export function shortServiceName(serviceName: string, id: string): string | undefined {
  const suffix = `.${id}`;
  if (!serviceName.endsWith(suffix))
    return /^[A-Za-z0-9_-]{1,16}$/.test(serviceName) ? serviceName : undefined;
  const head = serviceName.slice(0, -suffix.length);
  const dot = head.indexOf('.');
  return dot < 0 ? undefined : head.slice(dot + 1) || undefined;
}

export const endpointServiceWire = z
  .object({
    id: z.string(),
    service_name: z.string().nullish(),
    status: caseInsensitiveEnum(SERVICE_STATUSES),
    vpc_id: z.string(),
    port_id: z.string(),
    server_type: caseInsensitiveEnum<ServerType>(['LB', 'VM', 'VIP', 'BMS']),
    service_type: z.string().nullish(),
    approval_enabled: lenientBoolean.nullish(),
    ports: lenientArray(portMappingWire),
    tags: lenientArray(tagWire),
    tcp_proxy: optionalText,
    description: optionalText,
    connection_count: wholeNumber.nullish(),
    project_id: optionalText,
    domain_id: optionalText,
    created_at: timestamp,
    updated_at: timestamp,
    error: resourceErrors,
  })
  .transform(
    (s): EndpointService => ({
      id: s.id,
      serviceName: s.service_name ?? '',
      name: shortServiceName(s.service_name ?? '', s.id),
      status: s.status,
      vpcId: s.vpc_id,
      portId: s.port_id,
      serverType: s.server_type,
      serviceType: s.service_type ?? 'interface',
      // Absent means the API default, which is true (reference §2.1).
      approvalEnabled: s.approval_enabled ?? true,
      ports: s.ports,
      tags: s.tags.map((t) => ({ key: t.key, value: t.value ?? '' })),
      tcpProxy: s.tcp_proxy,
      description: s.description,
      connectionCount: s.connection_count ?? undefined,
      projectId: s.project_id,
      domainId: s.domain_id,
      createdAt: s.created_at,
      updatedAt: s.updated_at,
      errors: s.error,
    }),
  );

export const serviceListWire = z.object({
  endpoint_services: lenientArray(endpointServiceWire),
  total_count: wholeNumber.nullish(),
});

export const connectionWire = z
  .object({
    id: z.string(),
    marker_id: bigIntegerText,
    domain_id: optionalText,
    status: caseInsensitiveEnum(CONNECTION_STATUSES),
    created_at: timestamp,
    updated_at: timestamp,
    error: resourceErrors,
  })
  .transform(
    (c): Connection => ({
      endpointId: c.id,
      markerId: c.marker_id,
      domainId: c.domain_id,
      status: c.status,
      createdAt: c.created_at,
      updatedAt: c.updated_at,
      errors: c.error,
    }),
  );

export const connectionListWire = z.object({
  connections: lenientArray(connectionWire),
  total_count: wholeNumber.nullish(),
});

const PERMISSION_PREFIX = 'iam:domain::';

/** `iam:domain::abc` → `abc`; `*` stays `*`. */
export function domainIdOfPermission(permission: string): string {
  return permission.startsWith(PERMISSION_PREFIX) ? permission.slice(PERMISSION_PREFIX.length) : permission;
}

/** `abc` → `iam:domain::abc`; `*` and already-prefixed entries stay as they are (reference §2.11). */
export function permissionOfDomainId(domainIdOrStar: string): string {
  return domainIdOrStar === '*' || domainIdOrStar.startsWith(PERMISSION_PREFIX)
    ? domainIdOrStar
    : `${PERMISSION_PREFIX}${domainIdOrStar}`;
}

export const whitelistEntryWire = z
  .object({ id: optionalText, permission: z.string(), created_at: timestamp })
  .transform(
    (p): WhitelistEntry => ({
      id: p.id,
      permission: p.permission,
      domainId: domainIdOfPermission(p.permission),
      createdAt: p.created_at,
    }),
  );

export const whitelistListWire = z.object({
  permissions: lenientArray(whitelistEntryWire),
  total_count: wholeNumber.nullish(),
});

export const whitelistActionWire = z.object({ permissions: lenientArray(z.string()) });

export const connectionActionWire = z.object({ connections: lenientArray(connectionWire) });

export const quotasWire = z
  .object({
    quotas: z.object({
      resources: lenientArray(z.object({ type: z.string(), used: wholeNumber, quota: wholeNumber })),
    }),
  })
  .transform((q) => q.quotas.resources);

/** Picks one quota type out of the quotas answer. */
export function quotaOf(resources: readonly { type: string; used: number; quota: number }[], type: string) {
  const found = resources.find((r) => r.type === type);
  return found ? ({ used: found.used, quota: found.quota } satisfies Quota) : undefined;
}
