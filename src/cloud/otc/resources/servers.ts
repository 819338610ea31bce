/**
 * ECS and BMS servers of a VPC with their NIC ports (reference §4.4–4.5). The server list pages by
 * page number (`offset` = 1, 2, …) and is filtered by `metadata.vpc_id`; each server's NICs come from
 * its `os-interface` call, a few servers at a time.
 */
import { NotFoundError } from '../../errors.js';
import type { ServerKind, ServerNic } from '../../types.js';
import { apiPath } from '../endpoints.js';
import type { OtcTransport } from '../http.js';
import { collectByPageNumber } from '../paging.js';
import { interfaceListWire, serverListWire } from '../wire/resources.js';

/** The largest page of ECS and BMS lists. */
const PAGE = 1000;
const NIC_CONCURRENCY = 6;

const PATHS: Record<ServerKind, { collection: string; label: string }> = {
  ecs: { collection: 'cloudservers', label: 'ECSs' },
  bms: { collection: 'baremetalservers', label: 'BMSs' },
};

interface ServerSummary {
  readonly id: string;
  readonly name: string;
  readonly status: string | undefined;
  readonly vpcId: string | undefined;
}

async function listServers(
  http: OtcTransport,
  projectId: string,
  kind: ServerKind,
): Promise<ServerSummary[]> {
  const { collection, label } = PATHS[kind];
  return collectByPageNumber(
    PAGE,
    (s) => s.id,
    async (pageNumber) => {
      const page = await http.request(
        {
          service: kind,
          method: 'GET',
          path: apiPath('v1', projectId, collection, 'detail'),
          query: { limit: PAGE, offset: pageNumber },
          operation: `list ${label}`,
          retry: 'idempotent',
        },
        serverListWire,
      );
      const items = page.servers.map((s) => ({
        id: s.id,
        name: s.name || s.id,
        status: s.status,
        vpcId: s.metadata?.vpc_id,
      }));
      return { items, total: page.count ?? undefined };
    },
  );
}

async function nicsOf(http: OtcTransport, projectId: string, kind: ServerKind, server: ServerSummary) {
  try {
    const answer = await http.request(
      {
        service: kind,
        method: 'GET',
        path: apiPath('v1', projectId, PATHS[kind].collection, server.id, 'os-interface'),
        operation: `list the NICs of ${server.name}`,
        retry: 'idempotent',
      },
      interfaceListWire,
    );
    return answer.interfaceAttachments.map((nic): ServerNic => {
      const ips = nic.fixed_ips.flatMap((ip) => (ip.ip_address ? [ip.ip_address] : []));
      return {
        kind,
        serverId: server.id,
        serverName: server.name,
        serverStatus: server.status,
        portId: nic.port_id,
        ipAddress: ips.find((ip) => !ip.includes(':')) ?? ips[0],
        ipAddresses: ips,
      };
    });
  } catch (error) {
    // A server deleted between the list and this call has no NICs to offer.
    if (error instanceof NotFoundError) return [];
    throw error;
  }
}

async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await fn(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Every NIC of every `kind` server in `vpcId`, ordered by server name. */
export async function listServerNics(
  http: OtcTransport,
  projectId: string,
  kind: ServerKind,
  vpcId: string,
): Promise<ServerNic[]> {
  const servers = (await listServers(http, projectId, kind))
    .filter((s) => s.vpcId === vpcId)
    .sort((a, b) => a.name.localeCompare(b.name));
  return (await mapLimited(servers, NIC_CONCURRENCY, (s) => nicsOf(http, projectId, kind, s))).flat();
}
