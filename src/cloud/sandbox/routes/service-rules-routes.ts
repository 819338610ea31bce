/**
 * Rules a create or update must pass beyond the body's shape: the VPC exists, the backend port exists,
 * lies in that VPC (`EndPoint.3042`) and suits the server type, and no other service on the same port
 * uses the same server ports (`EndPoint.3044`).
 */
import type { StoredService } from '../models.js';
import type { SandboxEnv } from '../router.js';
import { vpcepError } from '../sandbox-wire.js';
import type { ValidPorts } from '../validation.js';

const ROLE_FOR_SERVER_TYPE: Record<string, string | undefined> = { LB: 'lb', VM: 'ecs', BMS: 'bms' };

/** The backend port must exist, sit in the VPC (`EndPoint.3042`) and suit the server type. */
export async function checkBackend(
  env: SandboxEnv,
  projectId: string,
  vpcId: string,
  portId: string,
  serverType: string,
) {
  if (!(await env.store.vpcs(projectId).get(vpcId))) {
    throw vpcepError(400, 'EndPoint.2001', 'The VPC does not exist.');
  }
  const port = await env.store.ports(projectId).get(portId);
  if (!port) throw vpcepError(400, 'EndPoint.3008', 'The port does not exist.');
  if (port.vpcId !== vpcId) throw vpcepError(400, 'EndPoint.3042', 'The port ID does not belong to the VPC.');
  const role = ROLE_FOR_SERVER_TYPE[serverType];
  if (role && port.role !== role) throw vpcepError(400, 'EndPoint.3003', 'Invalid port ID.');
}

/** Services on one backend port must use different server ports (`EndPoint.3044`). */
export function checkPortConflict(
  others: readonly StoredService[],
  portId: string,
  ports: ValidPorts['ports'],
) {
  const used = new Set(
    others
      .filter((s) => s.portId === portId)
      .flatMap((s) => s.ports.map((p) => `${p.protocol}:${p.serverPort}`)),
  );
  if (ports.some((p) => used.has(`${p.protocol}:${p.serverPort}`))) {
    throw vpcepError(400, 'EndPoint.3044', 'The ports conflict with those of an existing endpoint service.');
  }
}
