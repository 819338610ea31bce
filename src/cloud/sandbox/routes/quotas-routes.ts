/** `GET /v1/{project_id}/quotas?type=endpoint_service|endpoint` (reference §2.12). */
import { enumParam } from '../query.js';
import { type ApiRequest, type ApiResponse, route, type SandboxEnv } from '../router.js';
import { liveServices } from '../service-state.js';
import { scopeOf } from './scope-routes.js';

/** The documented default endpoint quota; the sandbox has no consumer endpoints of its own. */
const ENDPOINT_QUOTA = 50;

async function quotas(req: ApiRequest, env: SandboxEnv): Promise<ApiResponse> {
  const { projectId } = scopeOf(req);
  const type = enumParam(req.query, 'type', ['endpoint_service', 'endpoint'] as const, 'EndPoint.0002');
  const used = (await liveServices(env, projectId, req.nowMs)).length;
  const quota = (await env.store.quota(projectId)) ?? env.defaultQuota;
  const resources = [
    { type: 'endpoint_service', used, quota },
    { type: 'endpoint', used: 0, quota: ENDPOINT_QUOTA },
  ].filter((r) => !type || r.type === type);
  return { status: 200, body: { quotas: { resources } } };
}

export const quotaRoutes = [route('GET', '/v1/{project_id}/quotas', quotas)];
