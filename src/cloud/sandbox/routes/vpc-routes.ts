/**
 * VPC service: `GET /v1/{project_id}/vpcs` and `GET /v1/{project_id}/subnets?vpc_id=` (marker paging,
 * limit ≤ 2000; each sandbox VPC has one subnet), and the Neutron reads the security-group check uses,
 * `GET /v2.0/ports/{id}` and `GET /v2.0/security-groups/{id}` (no project in the path: the caller's
 * scope decides).
 */
import { type ApiRequest, type ApiResponse, route, type SandboxEnv } from '../router.js';
import { neutronError, zonedSeconds } from '../sandbox-wire.js';
import { neutronSubnetId } from '../seed.js';
import { markerPage } from './paging-routes.js';
import { scopeOf } from './scope-routes.js';

/**
 * `enterprise_project_id` as `querying_vpcs` documents it: absent means the default enterprise
 * project (`0`), `all_granted_eps` every one, any other value that one.
 */
function inEnterpriseProject(query: URLSearchParams) {
  const wanted = query.get('enterprise_project_id') ?? '0';
  return (vpc: { enterpriseProjectId?: string | undefined }) =>
    wanted === 'all_granted_eps' || (vpc.enterpriseProjectId ?? '0') === wanted;
}

async function listVpcs(req: ApiRequest, env: SandboxEnv): Promise<ApiResponse> {
  const { projectId } = scopeOf(req);
  const vpcs = (await env.store.vpcs(projectId).all()).filter(inEnterpriseProject(req.query));
  const { page } = markerPage(vpcs, req.query, 2000);
  return {
    status: 200,
    body: {
      vpcs: page.map((v) => ({
        id: v.id,
        name: v.name,
        description: '',
        cidr: v.cidr,
        status: 'OK',
        enterprise_project_id: v.enterpriseProjectId ?? '0',
        routes: [],
        enable_shared_snat: false,
        tenant_id: projectId,
        created_at: zonedSeconds(v.createdAtMs),
      })),
    },
  };
}

async function listSubnets(req: ApiRequest, env: SandboxEnv): Promise<ApiResponse> {
  const { projectId } = scopeOf(req);
  const vpcId = req.query.get('vpc_id');
  const subnets = (await env.store.vpcs(projectId).all())
    .filter((v) => !vpcId || v.id === vpcId)
    .map((v) => ({ vpc: v, id: v.subnetId }));
  const { page } = markerPage(subnets, req.query, 2000);
  return {
    status: 200,
    body: {
      subnets: page.map(({ vpc }) => ({
        id: vpc.subnetId,
        name: `subnet-${vpc.name}`,
        description: '',
        cidr: vpc.cidr,
        gateway_ip: vpc.cidr.replace(/\.0\/\d+$/, '.1'),
        dhcp_enable: true,
        vpc_id: vpc.id,
        neutron_network_id: vpc.subnetId,
        neutron_subnet_id: neutronSubnetId(vpc.subnetId),
        status: 'ACTIVE',
        tenant_id: projectId,
        created_at: zonedSeconds(vpc.createdAtMs),
      })),
    },
  };
}

async function getPort(req: ApiRequest, env: SandboxEnv): Promise<ApiResponse> {
  const { projectId } = scopeOf(req);
  const id = req.params.port_id ?? '';
  const port = await env.store.ports(projectId).get(id);
  if (!port) throw neutronError(404, 'PortNotFound', `Port ${id} could not be found.`);
  return {
    status: 200,
    body: {
      port: {
        id: port.id,
        network_id: port.subnetId,
        device_id: port.deviceId,
        mac_address: port.macAddress,
        status: 'ACTIVE',
        tenant_id: projectId,
        fixed_ips: [{ subnet_id: neutronSubnetId(port.subnetId), ip_address: port.ipAddress }],
        security_groups: port.securityGroups,
        port_security_enabled: port.portSecurityEnabled,
      },
    },
  };
}

async function getSecurityGroup(req: ApiRequest, env: SandboxEnv): Promise<ApiResponse> {
  const { projectId } = scopeOf(req);
  const id = req.params.security_group_id ?? '';
  const group = await env.store.securityGroups(projectId).get(id);
  if (!group) throw neutronError(404, 'SecurityGroupNotFound', `Security group ${id} does not exist`);
  return {
    status: 200,
    body: {
      security_group: {
        id: group.id,
        name: group.name,
        description: '',
        tenant_id: projectId,
        security_group_rules: group.rules.map((r) => ({
          id: r.id,
          security_group_id: group.id,
          direction: r.direction,
          ethertype: 'IPv4',
          protocol: r.protocol,
          port_range_min: r.portRangeMin,
          port_range_max: r.portRangeMax,
          remote_ip_prefix: r.remoteIpPrefix,
          remote_group_id: r.remoteGroupId,
        })),
      },
    },
  };
}

export const vpcRoutes = [
  route('GET', '/v1/{project_id}/vpcs', listVpcs),
  route('GET', '/v1/{project_id}/subnets', listSubnets),
  route('GET', '/v2.0/ports/{port_id}', getPort),
  route('GET', '/v2.0/security-groups/{security_group_id}', getSecurityGroup),
];
