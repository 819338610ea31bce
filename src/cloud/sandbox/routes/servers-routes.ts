/**
 * ECS and BMS: `GET /v1/{project_id}/{cloudservers|baremetalservers}/detail` (page-number `offset`,
 * 0 behaves like 1; `limit` default 25, at most 1000; `count` is the total) and
 * `GET …/{server_id}/os-interface` (the NIC ports).
 */
import type { SandboxPort, SandboxServer } from '../models.js';
import { type ApiRequest, type ApiResponse, route, type SandboxEnv } from '../router.js';
import { serverError, zonedSeconds } from '../sandbox-wire.js';
import { neutronSubnetId } from '../seed.js';
import { scopeOf } from './scope-routes.js';

function pageNumberParams(query: URLSearchParams): { limit: number; page: number } {
  const limit = query.get('limit') === null ? 25 : Number(query.get('limit'));
  const page = Math.max(1, Number(query.get('offset') ?? 1));
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000 || !Number.isInteger(page)) {
    throw serverError(400, 'Ecs.0005', 'Invalid limit or offset.');
  }
  return { limit, page };
}

function address(port: SandboxPort, namePort: boolean) {
  return {
    version: 4,
    addr: port.ipAddress,
    'OS-EXT-IPS:type': 'fixed',
    'OS-EXT-IPS-MAC:mac_addr': port.macAddress,
    ...(namePort ? { 'OS-EXT-IPS:port_id': port.id } : {}),
  };
}

function detail(kind: 'ecs' | 'bms') {
  return async (req: ApiRequest, env: SandboxEnv): Promise<ApiResponse> => {
    const { projectId } = scopeOf(req);
    const { limit, page } = pageNumberParams(req.query);
    const name = req.query.get('name')?.toLowerCase();
    const servers = (await env.store.servers(projectId).all())
      .filter((s) => s.kind === kind && (!name || s.name.toLowerCase().includes(name)))
      .sort((a, b) => b.createdAtMs - a.createdAtMs || (a.id < b.id ? -1 : 1));
    const ports = new Map((await env.store.ports(projectId).all()).map((p) => [p.id, p]));
    const render = (s: SandboxServer) => ({
      id: s.id,
      name: s.name,
      status: s.status,
      created: zonedSeconds(s.createdAtMs),
      tenant_id: projectId,
      // As in the reference examples: an ECS names its VPC in metadata, the BMS list does not (only
      // its `addresses` keys do).
      metadata:
        kind === 'ecs'
          ? { vpc_id: s.vpcId }
          : { baremetalPortIDList: `[${s.portIds.join(', ')}]`, chargingMode: '0' },
      addresses: {
        [s.vpcId]: s.portIds.flatMap((id) => {
          const port = ports.get(id);
          return port ? [address(port, s.addressesNamePorts)] : [];
        }),
      },
    });
    return {
      status: 200,
      body: { count: servers.length, servers: servers.slice((page - 1) * limit, page * limit).map(render) },
    };
  };
}

function interfaces(kind: 'ecs' | 'bms') {
  return async (req: ApiRequest, env: SandboxEnv): Promise<ApiResponse> => {
    const { projectId } = scopeOf(req);
    const id = req.params.server_id ?? '';
    const server = await env.store.servers(projectId).get(id);
    if (!server || server.kind !== kind) {
      throw kind === 'ecs'
        ? serverError(404, 'Ecs.0114', `The server ${id} does not exist.`)
        : serverError(404, 'BMS.0208', `The BMS ${id} does not exist.`);
    }
    const ports = await Promise.all(server.portIds.map((p) => env.store.ports(projectId).get(p)));
    return {
      status: 200,
      body: {
        interfaceAttachments: ports.flatMap((port) =>
          port
            ? [
                {
                  port_id: port.id,
                  net_id: port.subnetId,
                  mac_addr: port.macAddress,
                  port_state: 'ACTIVE',
                  fixed_ips: [{ subnet_id: neutronSubnetId(port.subnetId), ip_address: port.ipAddress }],
                },
              ]
            : [],
        ),
        ...(kind === 'ecs' ? { attachableQuantity: { free_nic: 12 - server.portIds.length } } : {}),
      },
    };
  };
}

export const serverRoutes = [
  route('GET', '/v1/{project_id}/cloudservers/detail', detail('ecs')),
  route('GET', '/v1/{project_id}/cloudservers/{server_id}/os-interface', interfaces('ecs')),
  route('GET', '/v1/{project_id}/baremetalservers/detail', detail('bms')),
  route('GET', '/v1/{project_id}/baremetalservers/{server_id}/os-interface', interfaces('bms')),
];
