/** Small helpers every handler uses: the caller's scope and the project it acts in. */
import type { OtcProject } from '../../../platform/config/config-types.js';
import type { StoredService } from '../models.js';
import type { ApiRequest, SandboxEnv, Scope } from '../router.js';
import { vpcepError } from '../sandbox-wire.js';
import { liveService } from '../service-state.js';

/** The authenticated scope; routes that reach a handler without one are a bug in the route table. */
export function scopeOf(request: ApiRequest): Scope {
  if (!request.scope) throw new Error(`route ${request.path} reached a handler unauthenticated`);
  return request.scope;
}

/** The caller's project and the existing service its path names (`{service_id}`), or the documented 404. */
export async function serviceInScope(
  request: ApiRequest,
  env: SandboxEnv,
): Promise<{ projectId: string; service: StoredService }> {
  const { projectId } = scopeOf(request);
  const service = await liveService(env, projectId, request.params.service_id ?? '', request.nowMs);
  return { projectId, service };
}

export function projectOf(env: SandboxEnv, projectId: string): OtcProject {
  const project = env.projects.find((p) => p.projectId === projectId);
  if (!project) throw vpcepError(400, 'EndPoint.0014', 'Invalid project ID.');
  return project;
}
