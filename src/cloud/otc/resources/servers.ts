/**
 * ECS and BMS servers of a VPC with their NIC ports (reference §4.4–4.5). The server list pages by
 * page number (`offset` = 1, 2, …) and is filtered by VPC: `metadata.vpc_id` where the server has it,
 * else the keys of `addresses`, which the BMS documents define as the VPC ID (the BMS list example
 * carries no `metadata.vpc_id` at all). Each fixed address in the list names its NIC port
 * (`OS-EXT-IPS:port_id`), so one call per page usually suffices; a server whose addresses lack port
 * IDs gets its NICs from `os-interface`, a few servers at a time.
 */
import type { z } from 'zod';
import { NotFoundError, ServiceNotOfferedError } from '../../errors.js';
import type { ServerKind, ServerNic } from '../../types.js';
import { apiPath } from '../endpoints.js';
import type { OtcTransport } from '../http.js';
import { collectByPageNumber } from '../paging.js';
import { interfaceListWire, serverListWire } from '../wire/resources-wire.js';

/** The largest page of ECS and BMS lists. */
const PAGE = 1000;
const NIC_CONCURRENCY = 6;

const PATHS: Record<ServerKind, { collection: string; label: string }> = {
  ecs: { collection: 'cloudservers', label: 'ECSs' },
  bms: { collection: 'baremetalservers', label: 'BMSs' },
};

type WireServer = z.output<typeof serverListWire>['servers'][number];

interface ServerSummary {
  readonly id: string;
  readonly name: string;
  readonly status: string | undefined;
  /** `metadata.vpc_id`, else the `addresses` keys (each a VPC ID per the BMS documents). */
  readonly vpcIds: readonly string[];
  /** NICs read from `addresses`; undefined when some fixed address names no port. */
  readonly nics: { portId: string; ips: string[] }[] | undefined;
}

function nicsFromAddresses(server: WireServer): ServerSummary['nics'] {
  const fixed = Object.values(server.addresses ?? {})
    .flat()
    .filter((a) => (a['OS-EXT-IPS:type'] ?? 'fixed') === 'fixed');
  if (fixed.length === 0 || fixed.some((a) => !a['OS-EXT-IPS:port_id'])) return undefined;
  const byPort = new Map<string, string[]>();
  for (const address of fixed) {
    const portId = address['OS-EXT-IPS:port_id'] ?? '';
    byPort.set(portId, [...(byPort.get(portId) ?? []), ...(address.addr ? [address.addr] : [])]);
  }
  return [...byPort].map(([portId, ips]) => ({ portId, ips }));
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
        vpcIds: s.metadata?.vpc_id ? [s.metadata.vpc_id] : Object.keys(s.addresses ?? {}),
        nics: nicsFromAddresses(s),
      }));
      return { items, total: page.count ?? undefined };
    },
  );
}

async function interfacesOf(http: OtcTransport, projectId: string, kind: ServerKind, server: ServerSummary) {
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
    return answer.interfaceAttachments.map((nic) => ({
      portId: nic.port_id,
      ips: nic.fixed_ips.flatMap((ip) => (ip.ip_address ? [ip.ip_address] : [])),
    }));
  } catch (error) {
    // A server deleted between the list and this call has no NICs to offer.
    if (error instanceof NotFoundError) return [];
    throw error;
  }
}

/** `fn` over `items`, at most `limit` at a time, results in input order. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  const queue = items.map((item, index) => ({ item, index }));
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) results[job.index] = await fn(job.item);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * The servers of `kind`. A region without BMS (the catalog lists it for eu-de only, reference §1) has
 * no BMS host (the transport refuses at once, and the resolver notes it once in the log), or answers
 * 404 for the BMS list: either way no BMSs, like a load-balancer family the region lacks.
 */
async function listServersOrNone(
  http: OtcTransport,
  projectId: string,
  kind: ServerKind,
): Promise<ServerSummary[]> {
  try {
    return await listServers(http, projectId, kind);
  } catch (error) {
    if (kind === 'bms' && (error instanceof NotFoundError || error instanceof ServiceNotOfferedError))
      return [];
    throw error;
  }
}

/** Every NIC of every `kind` server in `vpcId`, ordered by server name. */
export async function listServerNics(
  http: OtcTransport,
  projectId: string,
  kind: ServerKind,
  vpcId: string,
): Promise<ServerNic[]> {
  const servers = (await listServersOrNone(http, projectId, kind))
    .filter((s) => s.vpcIds.includes(vpcId))
    .sort((a, b) => a.name.localeCompare(b.name));
  const perServer = await mapLimited(servers, NIC_CONCURRENCY, async (server) => {
    const nics = server.nics ?? (await interfacesOf(http, projectId, kind, server));
    return nics.map(
      (nic): ServerNic => ({
        kind,
        serverId: server.id,
        serverName: server.name,
        serverStatus: server.status,
        portId: nic.portId,
        ipAddress: nic.ips.find((ip) => !ip.includes(':')) ?? nic.ips[0],
        ipAddresses: nic.ips,
      }),
    );
  });
  return perServer.flat();
}
