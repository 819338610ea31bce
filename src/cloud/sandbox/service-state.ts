/**
 * The lifecycle of an emulated endpoint service, derived from stored timestamps: `creating` until
 * `readyAtMs`, then `available`; after DELETE `deleting` until `deleteAtMs`, then gone (404). Gone
 * services are purged lazily whenever a project's services are read.
 */
import type { StoredConnection, StoredService } from './models.js';
import type { SandboxEnv } from './router.js';
import { naiveMillis, vpcepError, zonedSeconds } from './sandbox-wire.js';

export type DerivedStatus = 'creating' | 'available' | 'failed' | 'deleting' | 'gone';

export function statusOf(service: StoredService, nowMs: number): DerivedStatus {
  if (service.deleteAtMs !== undefined) return nowMs >= service.deleteAtMs ? 'gone' : 'deleting';
  if (service.failure) return 'failed';
  return nowMs < service.readyAtMs ? 'creating' : 'available';
}

/** Every service of the project that still exists; purges the ones whose deletion has completed. */
export async function liveServices(
  env: SandboxEnv,
  projectId: string,
  nowMs: number,
): Promise<StoredService[]> {
  const all = await env.store.services(projectId).all();
  const gone = all.filter((s) => statusOf(s, nowMs) === 'gone');
  for (const service of gone) await env.store.dropService(projectId, service.id);
  return all.filter((s) => statusOf(s, nowMs) !== 'gone');
}

/** One existing service, or the documented 404. */
export async function liveService(env: SandboxEnv, projectId: string, id: string, nowMs: number) {
  const service = await env.store.services(projectId).get(id);
  if (!service || statusOf(service, nowMs) === 'gone') {
    if (service) await env.store.dropService(projectId, id);
    throw vpcepError(404, 'EndPoint.0005', `The endpoint service ${id} does not exist.`);
  }
  return service;
}

/** Connections in `creating` or `accepted` count, as the API's `connection_count` does. */
export function connectionCount(connections: readonly StoredConnection[]): number {
  return connections.filter((c) => c.status === 'accepted' || c.status === 'creating').length;
}

/** The full name the cloud gives: `region.name.id` or `region.id`. */
export function fullServiceName(service: StoredService): string {
  return service.name ? `${service.region}.${service.name}.${service.id}` : `${service.region}.${service.id}`;
}

/** The service as the API returns it. */
export function renderService(service: StoredService, nowMs: number, connections?: number) {
  const status = statusOf(service, nowMs);
  return {
    id: service.id,
    port_id: service.portId,
    vpc_id: service.vpcId,
    pool_id: `pool-${service.id.slice(0, 8)}`,
    service_name: fullServiceName(service),
    service_type: service.serviceType,
    server_type: service.serverType,
    approval_enabled: service.approvalEnabled,
    status: status === 'gone' ? 'deleting' : status,
    created_at: zonedSeconds(service.createdAtMs),
    updated_at: naiveMillis(service.updatedAtMs),
    project_id: service.projectId,
    domain_id: service.domainId,
    ports: service.ports.map((p) => ({
      client_port: p.clientPort,
      server_port: p.serverPort,
      protocol: p.protocol,
    })),
    tcp_proxy: service.tcpProxy,
    tags: service.tags,
    ...(service.description !== undefined ? { description: service.description } : {}),
    ...(connections !== undefined ? { connection_count: connections } : {}),
    error: service.failure
      ? [{ error_code: service.failure.code, error_message: service.failure.message }]
      : [],
  };
}

/** A connection as the API returns it. */
export function renderConnection(connection: StoredConnection) {
  return {
    id: connection.id,
    marker_id: connection.markerId,
    domain_id: connection.domainId,
    status: connection.status,
    created_at: zonedSeconds(connection.createdAtMs),
    updated_at: naiveMillis(connection.updatedAtMs),
    error: [],
  };
}
