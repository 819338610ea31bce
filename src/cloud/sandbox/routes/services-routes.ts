/**
 * `/v1/{project_id}/vpc-endpoint-services[/{id}]`: create (asynchronous, `creating` first, 20 per
 * project then `Endpoint.1018`), list (default page 10, `total_count`), get, update, and delete
 * (asynchronous, refused while endpoints are accepted or creating).
 */
import { randomUUID } from 'node:crypto';
import { SERVICE_STATUSES } from '../../types.js';
import type { StoredService } from '../models.js';
import { enumParam, sortAndPage } from '../query.js';
import { type ApiRequest, type ApiResponse, route, type SandboxEnv } from '../router.js';
import { vpcepError } from '../sandbox-wire.js';
import { connectionCount, liveServices, renderService, statusOf } from '../service-state.js';
import { validateCreate, validateUpdate } from '../validation.js';
import { projectOf, scopeOf, serviceInScope } from './scope-routes.js';
import { checkBackend, checkPortConflict } from './service-rules-routes.js';

async function create(req: ApiRequest, env: SandboxEnv): Promise<ApiResponse> {
  const { projectId, domainId } = scopeOf(req);
  const input = validateCreate(req.body);
  await checkBackend(env, projectId, input.vpcId, input.portId, input.serverType);
  checkPortConflict(await liveServices(env, projectId, req.nowMs), input.portId, input.ports);
  const service: StoredService = {
    id: randomUUID(),
    projectId,
    domainId,
    region: projectOf(env, projectId).region,
    ...(input.name ? { name: input.name } : {}),
    vpcId: input.vpcId,
    portId: input.portId,
    serverType: input.serverType,
    serviceType: input.serviceType,
    approvalEnabled: input.approvalEnabled,
    ports: input.ports,
    tags: input.tags,
    tcpProxy: input.tcpProxy,
    ...(input.description !== undefined ? { description: input.description } : {}),
    createdAtMs: req.nowMs,
    updatedAtMs: req.nowMs,
    readyAtMs: req.nowMs + env.createDelayMs,
  };
  const quota = (await env.store.quota(projectId)) ?? env.defaultQuota;
  if (!(await env.store.insertServiceWithinQuota(service, quota))) {
    throw vpcepError(400, 'Endpoint.1018', 'Quota exceeded.');
  }
  // The documented answer right after create says `creating`, whatever the delay.
  return { status: 200, body: { ...renderService(service, req.nowMs), status: 'creating' } };
}

async function withCounts(
  env: SandboxEnv,
  projectId: string,
  services: readonly StoredService[],
  nowMs: number,
) {
  return Promise.all(
    services.map(async (s) =>
      renderService(s, nowMs, connectionCount(await env.store.connections(projectId, s.id).all())),
    ),
  );
}

async function list(req: ApiRequest, env: SandboxEnv): Promise<ApiResponse> {
  const { projectId } = scopeOf(req);
  const status = enumParam(req.query, 'status', SERVICE_STATUSES, 'EndPoint.0019');
  const name = req.query.get('endpoint_service_name')?.toLowerCase();
  const id = req.query.get('id');
  const matching = (await liveServices(env, projectId, req.nowMs)).filter(
    (s) =>
      (!status || statusOf(s, req.nowMs) === status) &&
      (!id || s.id === id) &&
      (!name || renderService(s, req.nowMs).service_name.toLowerCase().includes(name)),
  );
  const { page, total } = sortAndPage(
    matching,
    req.query,
    (s, key) => (key === 'created_at' ? s.createdAtMs : s.updatedAtMs),
    (s) => s.id,
    1000,
  );
  return {
    status: 200,
    body: { endpoint_services: await withCounts(env, projectId, page, req.nowMs), total_count: total },
  };
}

async function get(req: ApiRequest, env: SandboxEnv): Promise<ApiResponse> {
  const { projectId, service } = await serviceInScope(req, env);
  const [body] = await withCounts(env, projectId, [service], req.nowMs);
  return { status: 200, body };
}

async function update(req: ApiRequest, env: SandboxEnv): Promise<ApiResponse> {
  const { projectId, service } = await serviceInScope(req, env);
  const status = statusOf(service, req.nowMs);
  if (status === 'creating' || status === 'deleting') {
    throw vpcepError(400, 'EndPoint.3045', 'The properties cannot be modified in the current state.');
  }
  const change = validateUpdate(req.body);
  const portId = change.portId ?? service.portId;
  if (change.portId) await checkBackend(env, projectId, service.vpcId, change.portId, service.serverType);
  if (change.portId || change.ports) {
    const others = (await liveServices(env, projectId, req.nowMs)).filter((s) => s.id !== service.id);
    checkPortConflict(others, portId, change.ports ?? service.ports);
  }
  const updated: StoredService = {
    ...service,
    approvalEnabled: change.approvalEnabled ?? service.approvalEnabled,
    tcpProxy: change.tcpProxy ?? service.tcpProxy,
    portId,
    ports: change.ports ?? service.ports,
    // An empty name or description clears it; JSON drops the undefined.
    name: 'name' in change ? change.name : service.name,
    description: 'description' in change ? change.description : service.description,
    updatedAtMs: req.nowMs,
  };
  await env.store.services(projectId).put(updated.id, updated);
  const [body] = await withCounts(env, projectId, [updated], req.nowMs);
  return { status: 200, body };
}

async function remove(req: ApiRequest, env: SandboxEnv): Promise<ApiResponse> {
  const { projectId, service } = await serviceInScope(req, env);
  if (service.deleteAtMs !== undefined) return { status: 204 };
  const connections = await env.store.connections(projectId, service.id).all();
  if (connectionCount(connections) > 0) {
    throw vpcepError(400, 'EndPoint.3006', 'The endpoint service is being used.');
  }
  await env.store
    .services(projectId)
    .put(service.id, { ...service, deleteAtMs: req.nowMs + env.deleteDelayMs });
  return { status: 204 };
}

const SERVICES = '/v1/{project_id}/vpc-endpoint-services';

export const serviceRoutes = [
  route('POST', SERVICES, create),
  route('GET', SERVICES, list),
  route('GET', `${SERVICES}/{service_id}`, get),
  route('PUT', `${SERVICES}/{service_id}`, update),
  route('DELETE', `${SERVICES}/{service_id}`, remove),
];
