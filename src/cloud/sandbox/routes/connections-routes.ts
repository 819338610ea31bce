/**
 * `/v1/{project_id}/vpc-endpoint-services/{id}/connections[/action]`: list (default page 10, filters
 * `status`, `id`, `marker_id`) and accept (`receive`) or reject exactly one endpoint per call.
 */
import { CONNECTION_STATUSES, type ConnectionAction } from '../../types.js';
import type { StoredConnection } from '../models.js';
import { enumParam, sortAndPage } from '../query.js';
import { type ApiRequest, type ApiResponse, route, type SandboxEnv } from '../router.js';
import { vpcepError } from '../sandbox-wire.js';
import { renderConnection } from '../service-state.js';
import { asObject } from '../validation.js';
import { serviceInScope } from './scope-routes.js';

async function list(req: ApiRequest, env: SandboxEnv): Promise<ApiResponse> {
  const { projectId, service } = await serviceInScope(req, env);
  const status = enumParam(req.query, 'status', CONNECTION_STATUSES, 'EndPoint.0019');
  const id = req.query.get('id');
  const markerId = req.query.get('marker_id');
  const matching = (await env.store.connections(projectId, service.id).all()).filter(
    (c) => (!status || c.status === status) && (!id || c.id === id) && (!markerId || c.markerId === markerId),
  );
  const { page, total } = sortAndPage(
    matching,
    req.query,
    (c, key) => (key === 'created_at' ? c.createdAtMs : c.updatedAtMs),
    (c) => c.id,
    1000,
  );
  return { status: 200, body: { connections: page.map(renderConnection), total_count: total } };
}

/** The status after `action`, as the API moves it; undefined when the endpoint cannot take it now. */
function statusAfter(
  current: StoredConnection['status'],
  action: ConnectionAction,
): StoredConnection['status'] | undefined {
  if (current === 'deleting' || current === 'failed' || current === 'creating') return undefined;
  return action === 'receive' ? 'accepted' : 'rejected';
}

/** Applies `action` to one endpoint of a service and stores the result. */
export async function applyAction(
  env: SandboxEnv,
  projectId: string,
  serviceId: string,
  endpointId: string,
  action: ConnectionAction,
  nowMs: number,
): Promise<StoredConnection> {
  const connections = env.store.connections(projectId, serviceId);
  const connection = await connections.get(endpointId);
  if (!connection)
    throw vpcepError(400, 'Endpoint.2013', 'The endpoint does not belong to the endpoint service.');
  const next = statusAfter(connection.status, action);
  if (!next)
    throw vpcepError(
      400,
      connection.status === 'deleting' ? 'EndPoint.2018' : 'EndPoint.2019',
      `The endpoint is ${connection.status}.`,
    );
  const updated = { ...connection, status: next, updatedAtMs: nowMs };
  await connections.put(endpointId, updated);
  return updated;
}

async function action(req: ApiRequest, env: SandboxEnv): Promise<ApiResponse> {
  const { projectId, service } = await serviceInScope(req, env);
  const body = asObject(req.body);
  if (body.action !== 'receive' && body.action !== 'reject')
    throw vpcepError(400, 'EndPoint.2027', 'Invalid action.');
  if (!Array.isArray(body.endpoints) || body.endpoints.length === 0) {
    throw vpcepError(400, 'EndPoint.2017', 'Invalid endpoint ID.');
  }
  if (body.endpoints.length > 1) throw vpcepError(400, 'EndPoint.2031', 'Only one endpoint is allowed.');
  const [endpointId] = body.endpoints;
  if (typeof endpointId !== 'string') throw vpcepError(400, 'EndPoint.2017', 'Invalid endpoint ID.');
  const updated = await applyAction(env, projectId, service.id, endpointId, body.action, req.nowMs);
  return { status: 200, body: { connections: [renderConnection(updated)] } };
}

const CONNECTIONS = '/v1/{project_id}/vpc-endpoint-services/{service_id}/connections';

export const connectionRoutes = [
  route('GET', CONNECTIONS, list),
  route('POST', `${CONNECTIONS}/action`, action),
];
