/**
 * `/v1/{project_id}/vpc-endpoint-services/{id}/permissions[/action]`: the whitelist. Entries are
 * `iam:domain::<1–64 of A-Z a-z 0-9 *>` or the bare `*`; `iam:domain::*` is refused (`EndPoint.3002`),
 * an empty list is `EndPoint.3036`, a bad action `EndPoint.3035`. The answer lists every entry after
 * the change.
 */
import { randomUUID } from 'node:crypto';
import { sortAndPage } from '../query.js';
import { type ApiRequest, type ApiResponse, route, type SandboxEnv } from '../router.js';
import { vpcepError, zonedSeconds } from '../sandbox-wire.js';
import { asObject } from '../validation.js';
import { serviceInScope } from './scope-routes.js';

/** The most entries one whitelist may hold in the sandbox (the real limit is undocumented). */
const MAX_WHITELIST = 1000;
const ENTRY = /^(\*|iam:domain::[A-Za-z0-9*]{1,64})$/;

async function list(req: ApiRequest, env: SandboxEnv): Promise<ApiResponse> {
  const { projectId, service } = await serviceInScope(req, env);
  const filter = req.query.get('permission')?.toLowerCase();
  const matching = (await env.store.permissions(projectId, service.id).all()).filter(
    (p) => !filter || p.permission.toLowerCase().includes(filter),
  );
  const { page, total } = sortAndPage(
    matching,
    req.query,
    (p) => p.createdAtMs,
    (p) => p.id,
    500,
  );
  return {
    status: 200,
    body: {
      permissions: page.map((p) => ({
        id: p.id,
        permission: p.permission,
        permission_type: 'domainId',
        description: '',
        created_at: zonedSeconds(p.createdAtMs),
      })),
      total_count: total,
    },
  };
}

async function action(req: ApiRequest, env: SandboxEnv): Promise<ApiResponse> {
  const { projectId, service } = await serviceInScope(req, env);
  const body = asObject(req.body);
  if (body.action !== 'add' && body.action !== 'remove')
    throw vpcepError(400, 'EndPoint.3035', 'Invalid action.');
  if (!Array.isArray(body.permissions) || body.permissions.length === 0) {
    throw vpcepError(400, 'EndPoint.3036', 'The permission list is empty.');
  }
  const entries = body.permissions.map((p) => {
    if (typeof p !== 'string' || !ENTRY.test(p))
      throw vpcepError(400, 'EndPoint.3002', 'Invalid permission.');
    return p;
  });
  const store = env.store.permissions(projectId, service.id);
  const existing = await store.all();
  if (body.action === 'add') {
    const known = new Set(existing.map((p) => p.permission));
    const fresh = [...new Set(entries)].filter((p) => !known.has(p));
    if (existing.length + fresh.length > MAX_WHITELIST) {
      throw vpcepError(400, 'EndPoint.3049', 'The maximum number of whitelist records has been reached.');
    }
    // One millisecond apart, so the list keeps the order of the request.
    await store.putMany(
      fresh.map((permission, i) => [
        permission,
        { id: randomUUID(), permission, createdAtMs: req.nowMs + i },
      ]),
    );
  } else {
    await store.remove(...entries);
  }
  const after = (await store.all()).sort((a, b) => a.createdAtMs - b.createdAtMs).map((p) => p.permission);
  return { status: 200, body: { permissions: after } };
}

const PERMISSIONS = '/v1/{project_id}/vpc-endpoint-services/{service_id}/permissions';

export const permissionRoutes = [
  route('GET', PERMISSIONS, list),
  route('POST', `${PERMISSIONS}/action`, action),
];
