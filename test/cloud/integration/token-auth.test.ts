import { afterEach, describe, expect, it } from 'vitest';
import { AuthenticationError } from '#src/cloud/errors.js';
import { startTestCloud, TEST_PROJECTS, TEST_USER, type TestCloud } from '../../helpers/cloud-test.js';

let t: TestCloud | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const passwordAuth = (password = TEST_USER.password) => ({
  kind: 'password' as const,
  ...TEST_USER,
  password,
});
const tokenRequests = (cloud: TestCloud) =>
  cloud.control.requests({ method: 'POST', path: '^/v3/auth/tokens$' });

describe('IAM password tokens', () => {
  it('obtains one project-scoped token and reuses it until shortly before it expires', async () => {
    t = await startTestCloud({ auth: passwordAuth() });
    await t.client.listVpcs();
    await t.client.listServices();
    await t.client.quota('endpoint_service');
    expect(tokenRequests(t)).toEqual([
      expect.objectContaining({
        query: { nocatalog: 'true' },
        body: {
          auth: {
            identity: {
              methods: ['password'],
              password: {
                user: { name: 'bot-user', password: TEST_USER.password, domain: { name: 'acme' } },
              },
            },
            scope: { project: { id: t.projectId } },
          },
        },
      }),
    ]);
    const calls = t.control.requests().filter((r) => !r.path.startsWith('/v3/auth'));
    expect(calls.every((r) => r.auth === 'token')).toBe(true);
  });

  it('renews a token that expires within the refresh margin', async () => {
    // Tokens live one minute; the client renews five minutes before expiry, so every call renews.
    t = await startTestCloud({ auth: passwordAuth(), sandbox: { tokenTtlMs: 60_000 } });
    await t.client.listVpcs();
    await t.client.listVpcs();
    expect(tokenRequests(t)).toHaveLength(2);
  });

  it('renews the token once when the cloud answers 401, and repeats the call', async () => {
    t = await startTestCloud({ auth: passwordAuth() });
    await t.client.listVpcs();
    await t.control.revokeTokens();
    await expect(t.client.listVpcs()).resolves.toHaveLength(2);
    expect(
      t.control.requests().map((r) => [r.path.replace(t?.projectId ?? '', '{project}'), r.status]),
    ).toEqual([
      ['/v3/auth/tokens', 201],
      ['/v1/{project}/vpcs', 200],
      ['/v1/{project}/vpcs', 401],
      ['/v3/auth/tokens', 201],
      ['/v1/{project}/vpcs', 200],
    ]);
  });

  it('renews on 401 even for a create, which is otherwise never repeated', async () => {
    t = await startTestCloud({ auth: passwordAuth() });
    await t.client.listVpcs();
    await t.control.revokeTokens();
    const lb = t.world.loadBalancers[0];
    await t.client.createService({
      vpcId: lb?.vpcId ?? '',
      portId: lb?.vipPortId ?? '',
      serverType: 'LB',
      approvalEnabled: true,
      ports: [{ clientPort: 80, serverPort: 80, protocol: 'TCP' }],
    });
    expect(
      t.control.requests({ method: 'POST', path: 'vpc-endpoint-services$' }).map((r) => r.status),
    ).toEqual([401, 200]);
    expect(await t.client.listServices()).toHaveLength(1);
  });

  it('keeps one token per project', async () => {
    t = await startTestCloud({ auth: passwordAuth() });
    const [first, second] = TEST_PROJECTS;
    await t.cloud.project(first?.projectId ?? '').listVpcs();
    await t.cloud.project(second?.projectId ?? '').listVpcs();
    await t.cloud.project(first?.projectId ?? '').listVpcs();
    expect(
      tokenRequests(t).map(
        (r) => (r.body as { auth: { scope: { project: { id: string } } } }).auth.scope.project.id,
      ),
    ).toEqual([first?.projectId, second?.projectId]);
  });

  it('fails with an error naming OTC_USERNAME, OTC_PASSWORD and OTC_DOMAIN_NAME when the password is wrong', async () => {
    t = await startTestCloud({ auth: passwordAuth('wrong') });
    const error = await t.client.listVpcs().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).userMessage).toContain(
      'OTC_USERNAME, OTC_PASSWORD and OTC_DOMAIN_NAME',
    );
    expect(tokenRequests(t)).toHaveLength(1);
    expect(t.control.requests()).toHaveLength(1);
    expect((await t.cloud.health()).state).toBe('auth_failed');
  });
});
