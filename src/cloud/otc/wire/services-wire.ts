/** zod schemas of endpoint services on the wire (reference §2.1–2.3), read into `EndpointService`. */
import { z } from 'zod';
import { type EndpointService, type PortMapping, SERVICE_STATUSES, type ServerType } from '../../types.js';
import {
  documentedValue,
  type Listed,
  lenientArray,
  lenientBoolean,
  optionalText,
  resourceErrors,
  strictItem,
  timestamp,
  wholeNumber,
} from './common-wire.js';

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

const SERVER_TYPES: readonly ServerType[] = ['LB', 'VM', 'VIP', 'BMS'];

/** A service on the wire with `status` and `server_type` still as sent. */
const serviceObject = z.object({
  id: z.string(),
  service_name: z.string().nullish(),
  status: z.string(),
  vpc_id: z.string(),
  port_id: z.string(),
  server_type: z.string(),
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
});

/** The service, or why it cannot be one: a status or server type the API does not document. */
function readService(s: z.output<typeof serviceObject>): Listed<EndpointService> {
  const status = documentedValue(SERVICE_STATUSES, s.status);
  const serverType = documentedValue(SERVER_TYPES, s.server_type);
  if (!status) return { kind: 'undocumented', id: s.id, reason: `status "${s.status}"` };
  if (!serverType) return { kind: 'undocumented', id: s.id, reason: `server_type "${s.server_type}"` };
  return {
    kind: 'item',
    item: {
      id: s.id,
      serviceName: s.service_name ?? '',
      name: shortServiceName(s.service_name ?? '', s.id),
      status,
      vpcId: s.vpc_id,
      portId: s.port_id,
      serverType,
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
    },
  };
}

/** One service (create, get, update): an undocumented status or server type fails clearly. */
export const endpointServiceWire = strictItem(serviceObject, readService);

/**
 * The service list: an item with an undocumented status or server type is set aside (the caller
 * drops it with a warning) instead of failing the page. Other defects still fail the page.
 */
export const serviceListWire = z.object({
  endpoint_services: lenientArray(serviceObject.transform(readService)),
  total_count: wholeNumber.nullish(),
});
