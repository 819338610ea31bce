import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InvalidParameterError } from '#src/cloud/errors.js';
import type { EndpointService } from '#src/cloud/types.js';
import { lbServiceInput, rawRequest, startTestCloud, type TestCloud } from '../../helpers/cloud-test.js';

let t: TestCloud;
let service: EndpointService;
let connectionsPath: string;
let serverPort = 7000;

async function newService(approvalEnabled = true): Promise<EndpointService> {
  const created = await t.client.createService({
    ...lbServiceInput(t.world, [serverPort++]),
    approvalEnabled,
  });
  return t.client.waitForService(created.id, 'available');
}

beforeAll(async () => {
  t = await startTestCloud();
  service = await newService();
  connectionsPath = `/v1/${t.projectId}/vpc-endpoint-services/${service.id}/connections`;
});
afterAll(() => t.close());
beforeEach(() => t.control.clearRequests());

describe('connections', () => {
  it('shows a consumer request as pendingAcceptance with its account and endpoint IDs', async () => {
    const requested = await t.control.requestConnection(t.projectId, service.id, { domainId: 'consumer01' });
    const pending = await t.client.listConnections(service.id, { status: 'pendingAcceptance' });
    expect(pending).toContainEqual(
      expect.objectContaining({
        endpointId: requested.endpointId,
        domainId: 'consumer01',
        status: 'pendingAcceptance',
      }),
    );
    expect(t.control.requests()).toEqual([
      expect.objectContaining({
        path: connectionsPath,
        query: { limit: '1000', status: 'pendingAcceptance' },
      }),
    ]);
  });

  it('reads one connection by endpoint ID (the provider-side way to poll it)', async () => {
    const requested = await t.control.requestConnection(t.projectId, service.id);
    const [one, ...rest] = await t.client.listConnections(service.id, { endpointId: requested.endpointId });
    expect(rest).toEqual([]);
    expect(one?.endpointId).toBe(requested.endpointId);
    expect(t.control.requests()[0]?.query).toEqual({ limit: '1000', id: requested.endpointId });
  });

  it('keeps a marker_id beyond 2^53 exact', async () => {
    const markerId = '422321321312321321';
    const requested = await t.control.requestConnection(t.projectId, service.id, { markerId });
    const raw = await rawRequest(t.sandbox.url, 'GET', `${connectionsPath}?id=${requested.endpointId}`);
    expect(raw.text).toContain(`"marker_id":${markerId}`);
    const [connection] = await t.client.listConnections(service.id, { endpointId: requested.endpointId });
    expect(connection?.markerId).toBe(markerId);
  });

  it('accepts one endpoint per call with action "receive"', async () => {
    const requested = await t.control.requestConnection(t.projectId, service.id);
    const accepted = await t.client.connectionAction(service.id, requested.endpointId, 'receive');
    expect(accepted).toMatchObject({ endpointId: requested.endpointId, status: 'accepted' });
    expect(t.control.requests({ method: 'POST' })).toEqual([
      expect.objectContaining({
        path: `${connectionsPath}/action`,
        body: { endpoints: [requested.endpointId], action: 'receive' },
      }),
    ]);
    const [reread] = await t.client.listConnections(service.id, { endpointId: requested.endpointId });
    expect(reread?.status).toBe('accepted');
  });

  it('rejects an endpoint, and a later accept moves it to accepted as the API does', async () => {
    const requested = await t.control.requestConnection(t.projectId, service.id);
    expect((await t.client.connectionAction(service.id, requested.endpointId, 'reject')).status).toBe(
      'rejected',
    );
    expect((await t.client.connectionAction(service.id, requested.endpointId, 'receive')).status).toBe(
      'accepted',
    );
  });

  it('sees a decision taken elsewhere (the console) and a connection that vanished', async () => {
    const first = await t.control.requestConnection(t.projectId, service.id);
    const second = await t.control.requestConnection(t.projectId, service.id);
    await t.control.resolveConnection(t.projectId, service.id, first.endpointId, 'reject');
    await t.control.removeConnection(t.projectId, service.id, second.endpointId);
    const all = await t.client.listConnections(service.id);
    expect(all.find((c) => c.endpointId === first.endpointId)?.status).toBe('rejected');
    expect(all.find((c) => c.endpointId === second.endpointId)).toBeUndefined();
  });

  it('connects straight to accepted when the service needs no approval', async () => {
    const open = await newService(false);
    const connection = await t.control.requestConnection(t.projectId, open.id);
    expect(connection.status).toBe('accepted');
    expect((await t.client.getService(open.id)).connectionCount).toBe(1);
  });

  it('refuses an endpoint of another service (Endpoint.2013) as an invalid parameter', async () => {
    const error = await t.client
      .connectionAction(service.id, '00000000-0000-4000-8000-00000000e013', 'receive')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect((error as InvalidParameterError).hasCode('EndPoint.2013')).toBe(true);
  });

  it('emulator: refuses two endpoints in one call (EndPoint.2031) and an unknown action (EndPoint.2027)', async () => {
    const a = await t.control.requestConnection(t.projectId, service.id);
    const b = await t.control.requestConnection(t.projectId, service.id);
    const two = await rawRequest(t.sandbox.url, 'POST', `${connectionsPath}/action`, {
      body: { endpoints: [a.endpointId, b.endpointId], action: 'receive' },
    });
    expect(two).toMatchObject({ status: 400, body: { error_code: 'EndPoint.2031' } });
    const bad = await rawRequest(t.sandbox.url, 'POST', `${connectionsPath}/action`, {
      body: { endpoints: [a.endpointId], action: 'accept' },
    });
    expect(bad).toMatchObject({ status: 400, body: { error_code: 'EndPoint.2027' } });
  });
});

describe('whitelist', () => {
  it('adds bare account IDs as iam:domain:: entries and "*" bare, then lists them', async () => {
    const target = await newService();
    const after = await t.client.updateWhitelist(target.id, 'add', ['abc123', '*']);
    expect(t.control.requests({ method: 'POST', path: 'permissions/action$' })[0]?.body).toEqual({
      permissions: ['iam:domain::abc123', '*'],
      action: 'add',
    });
    expect(after).toEqual(['iam:domain::abc123', '*']);
    const listed = await t.client.listWhitelist(target.id);
    expect(listed.map((e) => e.domainId).sort()).toEqual(['*', 'abc123']);
    expect(t.control.requests({ method: 'GET', path: 'permissions$' })[0]?.query).toEqual({ limit: '500' });
  });

  it('removes entries', async () => {
    const target = await newService();
    await t.client.updateWhitelist(target.id, 'add', ['one1', 'two2']);
    expect(await t.client.updateWhitelist(target.id, 'remove', ['one1'])).toEqual(['iam:domain::two2']);
    expect((await t.client.listWhitelist(target.id)).map((e) => e.permission)).toEqual(['iam:domain::two2']);
  });

  it('refuses a malformed entry (EndPoint.3002) with advice on the format', async () => {
    const error = await t.client.updateWhitelist(service.id, 'add', ['not valid!']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect(error).toMatchObject({ otcCode: 'EndPoint.3002' });
    expect((error as InvalidParameterError).userMessage).toContain('or * for everyone');
  });
});

describe('the whitelist decides who may connect (when enforced)', () => {
  it('refuses an account that is not whitelisted with EndPoint.2012, and lets it in once added', async () => {
    const target = await newService();
    const refused = await t.control
      .requestConnection(t.projectId, target.id, { domainId: 'outsider01', enforceWhitelist: true })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InvalidParameterError);
    expect(refused).toMatchObject({ status: 400, otcCode: 'EndPoint.2012' });
    expect((refused as InvalidParameterError).userMessage).toContain('not on the endpoint service');
    expect(await t.client.listConnections(target.id)).toEqual([]);

    await t.client.updateWhitelist(target.id, 'add', ['outsider01']);
    const admitted = await t.control.requestConnection(t.projectId, target.id, {
      domainId: 'outsider01',
      enforceWhitelist: true,
    });
    expect(admitted).toMatchObject({ domainId: 'outsider01', status: 'pendingAcceptance' });

    // "*" lets every account in; the provider's own account may always connect, and is the default.
    await t.client.updateWhitelist(target.id, 'add', ['*']);
    await expect(
      t.control.requestConnection(t.projectId, target.id, { domainId: 'anyone02', enforceWhitelist: true }),
    ).resolves.toMatchObject({ domainId: 'anyone02' });
    await t.client.updateWhitelist(target.id, 'remove', ['*', 'outsider01']);
    await expect(
      t.control.requestConnection(t.projectId, target.id, { enforceWhitelist: true }),
    ).resolves.toMatchObject({ domainId: t.control.domainId, status: 'pendingAcceptance' });
    await expect(
      t.control.requestConnection(t.projectId, target.id, { domainId: 'anyone02', enforceWhitelist: true }),
    ).rejects.toMatchObject({ otcCode: 'EndPoint.2012' });
  });

  it('lets any account ask by default: asking to connect is a sandbox power for tests and demos', async () => {
    const connection = await t.control.requestConnection(t.projectId, service.id, { domainId: 'stranger03' });
    expect(connection).toMatchObject({ domainId: 'stranger03', status: 'pendingAcceptance' });
    const anonymous = await t.control.requestConnection(t.projectId, service.id);
    expect(anonymous.domainId).toMatch(/^[0-9a-f]{32}$/);
    expect(anonymous.domainId).not.toBe(t.control.domainId);
  });

  it('enforces the whitelist for every request of a sandbox started with enforceWhitelist', async () => {
    const strict = await startTestCloud({ sandbox: { enforceWhitelist: true } });
    try {
      const created = await strict.client.createService(lbServiceInput(strict.world, [7999]));
      await strict.client.waitForService(created.id, 'available');
      await expect(
        strict.control.requestConnection(strict.projectId, created.id, { domainId: 'outsider04' }),
      ).rejects.toMatchObject({ otcCode: 'EndPoint.2012' });
      // Without an account, the sandbox's own asks: /vpcep sandbox connect keeps working.
      await expect(strict.control.requestConnection(strict.projectId, created.id)).resolves.toMatchObject({
        domainId: strict.control.domainId,
      });
    } finally {
      await strict.close();
    }
  });
});

describe('quota', () => {
  it('reports used/quota of endpoint services and endpoints', async () => {
    const used = (await t.client.listServices()).length;
    expect(await t.client.quota('endpoint_service')).toEqual({ used, quota: 20 });
    expect(await t.client.quota('endpoint')).toEqual({ used: 0, quota: 50 });
    expect(t.control.requests({ path: '/quotas$' }).map((r) => r.query)).toEqual([
      { type: 'endpoint_service' },
      { type: 'endpoint' },
    ]);
  });
});
