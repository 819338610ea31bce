/**
 * The emulator's admin API under `/_sandbox/`, unauthenticated and served to loopback callers only.
 * It exposes `SandboxControl` over HTTP for tests and tools outside the bot's process; bodies and
 * answers are camelCase JSON.
 */
import { z } from 'zod';
import { bulkSpec } from '../bulk-seed.js';
import type { SandboxControl } from '../control.js';
import { queryRecord } from '../request-log.js';
import { type ApiRequest, type ApiResponse, type Route, route } from '../router.js';
import { faultSpec } from '../sandbox-faults.js';

const connectionRequest = z.object({
  domainId: z.string().min(1).max(64).optional(),
  markerId: z.string().regex(/^\d+$/).optional(),
  enforceWhitelist: z.boolean().optional(),
});
const actionBody = z.object({ action: z.enum(['receive', 'reject']) });
const failBody = z.object({ code: z.string(), message: z.string() }).optional();
const quotaBody = z.object({ quota: z.number().int().min(0).max(10_000) });

const p = (req: ApiRequest, name: string) => req.params[name] ?? '';
const ok = (body?: unknown): ApiResponse => (body === undefined ? { status: 204 } : { status: 200, body });

/** The admin routes, bound to one sandbox's control. */
export function adminRoutes(control: SandboxControl): Route[] {
  const SERVICE = '/_sandbox/projects/{project_id}/services/{service_id}';
  return [
    route('GET', '/_sandbox/health', async () => ok({ ok: true, domainId: control.domainId }), false),
    route(
      'POST',
      `${SERVICE}/connections`,
      async (req) =>
        ok(
          await control.requestConnection(
            p(req, 'project_id'),
            p(req, 'service_id'),
            connectionRequest.parse(req.body ?? {}),
          ),
        ),
      false,
    ),
    route(
      'POST',
      `${SERVICE}/connections/{endpoint_id}/action`,
      async (req) =>
        ok(
          await control.resolveConnection(
            p(req, 'project_id'),
            p(req, 'service_id'),
            p(req, 'endpoint_id'),
            actionBody.parse(req.body).action,
          ),
        ),
      false,
    ),
    route(
      'DELETE',
      `${SERVICE}/connections/{endpoint_id}`,
      async (req) =>
        ok(await control.removeConnection(p(req, 'project_id'), p(req, 'service_id'), p(req, 'endpoint_id'))),
      false,
    ),
    route(
      'POST',
      `${SERVICE}/fail`,
      async (req) =>
        ok(await control.failService(p(req, 'project_id'), p(req, 'service_id'), failBody.parse(req.body))),
      false,
    ),
    route(
      'PUT',
      '/_sandbox/projects/{project_id}/quota',
      async (req) => ok(await control.setQuota(p(req, 'project_id'), quotaBody.parse(req.body).quota)),
      false,
    ),
    route(
      'POST',
      '/_sandbox/projects/{project_id}/bulk',
      async (req) => ok(await control.bulkSeed(p(req, 'project_id'), bulkSpec.parse(req.body))),
      false,
    ),
    route(
      'POST',
      '/_sandbox/faults',
      async (req) => ok({ id: control.addFault(faultSpec.parse(req.body)) }),
      false,
    ),
    route('DELETE', '/_sandbox/faults', async () => ok(control.clearFaults()), false),
    route(
      'GET',
      '/_sandbox/requests',
      async (req) => {
        const { method, path } = queryRecord(req.query);
        return ok({
          requests: control.requests({
            ...(typeof method === 'string' ? { method } : {}),
            ...(typeof path === 'string' ? { path } : {}),
          }),
        });
      },
      false,
    ),
    route('DELETE', '/_sandbox/requests', async () => ok(control.clearRequests()), false),
    route('POST', '/_sandbox/tokens/revoke', async () => ok(await control.revokeTokens()), false),
  ];
}
