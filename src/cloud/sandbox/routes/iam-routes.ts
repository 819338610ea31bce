/**
 * `POST /v3/auth/tokens`: IAM password authentication, project-scoped (reference §5.1). Answers 201
 * with the token in `X-Subject-Token`; a wrong user, password or account is 401 in Keystone's shape.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { type ApiRequest, type ApiResponse, route, type SandboxEnv } from '../router.js';
import { keystoneError, naiveMillis } from '../sandbox-wire.js';

const passwordAuth = z.object({
  auth: z.object({
    identity: z.object({
      methods: z.array(z.string()).refine((m) => m.includes('password')),
      password: z.object({
        user: z.object({ name: z.string(), password: z.string(), domain: z.object({ name: z.string() }) }),
      }),
    }),
    scope: z.object({ project: z.object({ id: z.string().optional(), name: z.string().optional() }) }),
  }),
});

/**
 * The service catalog of a project-scoped token, every service on this emulator, in the shape of the
 * OTC catalog dump (reference S14): versioned URLs with the project, BMS in eu-de only.
 */
function catalogOf(origin: string, region: string, projectId: string) {
  const entry = (type: string, path: string) => ({
    type,
    name: type,
    id: `sandbox-${type}`,
    endpoints: [
      {
        id: `sandbox-${type}-${region}`,
        interface: 'public',
        region,
        region_id: region,
        url: `${origin}${path}`,
      },
    ],
  });
  return [
    entry('identity', '/v3'),
    entry('vpcep', `/v1/${projectId}`),
    entry('vpc', `/v1/${projectId}`),
    entry('network', ''),
    entry('elbv3', `/v3/${projectId}`),
    entry('elb', `/v1.0/${projectId}`),
    entry('ecs', `/v1/${projectId}`),
    entry('compute', `/v2.1/${projectId}`),
    ...(region === 'eu-de' ? [entry('bms', `/v1/${projectId}`)] : []),
  ];
}

async function issueToken(req: ApiRequest, env: SandboxEnv): Promise<ApiResponse> {
  const parsed = passwordAuth.safeParse(req.body);
  if (!parsed.success)
    throw keystoneError(400, 'Bad Request', 'The request body is not a password authentication.');
  const { user } = parsed.data.auth.identity.password;
  const known = env.users.find(
    (u) => u.username === user.name && u.password === user.password && u.domainName === user.domain.name,
  );
  if (!known) throw keystoneError(401, 'Unauthorized', 'The username or password is wrong.');
  const wanted = parsed.data.auth.scope.project;
  const project = env.projects.find((p) => p.projectId === wanted.id || p.region === wanted.name);
  if (!project)
    throw keystoneError(401, 'Unauthorized', 'The project in the scope is not available to the user.');
  const token = `MIIsandbox${randomBytes(24).toString('base64url')}`;
  const expiresAtMs = req.nowMs + env.tokenTtlMs;
  await env.store.putToken(token, { projectId: project.projectId, domainId: env.domainId, expiresAtMs });
  const domain = { id: env.domainId, name: known.domainName };
  const host = typeof req.headers.host === 'string' ? req.headers.host : '127.0.0.1';
  return {
    status: 201,
    headers: { 'X-Subject-Token': token },
    body: {
      token: {
        methods: ['password'],
        expires_at: `${naiveMillis(expiresAtMs)}000Z`,
        issued_at: `${naiveMillis(req.nowMs)}000Z`,
        project: { id: project.projectId, name: project.region, domain },
        user: { id: `user-${known.username}`, name: known.username, domain, password_expires_at: '' },
        roles: [{ id: 'te_admin', name: 'te_admin' }],
        ...(req.query.get('nocatalog') === 'true'
          ? {}
          : { catalog: catalogOf(`http://${host}`, project.region, project.projectId) }),
      },
    },
  };
}

export const iamRoutes = [route('POST', '/v3/auth/tokens', issueToken, false)];
