import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lbServiceInput, startTestCloud, type TestCloud } from '../../helpers/cloud-test.js';

let t: TestCloud;
let serviceId: string;

beforeAll(async () => {
  t = await startTestCloud();
  serviceId = (
    await t.client.waitForService((await t.client.createService(lbServiceInput(t.world))).id, 'available')
  ).id;
});
afterAll(() => t.close());

async function admin(method: string, path: string, body?: unknown) {
  const response = await fetch(`${t.sandbox.url}/_sandbox${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

describe('the admin API under /_sandbox (loopback, unauthenticated)', () => {
  it('answers a health check with the sandbox account ID', async () => {
    expect(await admin('GET', '/health')).toEqual({
      status: 200,
      body: { ok: true, domainId: t.control.domainId },
    });
  });

  it('makes a consumer ask to connect, then accepts it as the console would', async () => {
    const base = `/projects/${t.projectId}/services/${serviceId}/connections`;
    const asked = await admin('POST', base, { domainId: 'consumer42', markerId: '9007199254740993' });
    expect(asked).toMatchObject({
      status: 200,
      body: { status: 'pendingAcceptance', domainId: 'consumer42', markerId: '9007199254740993' },
    });
    const endpointId = (asked.body as { endpointId: string }).endpointId;
    expect(await admin('POST', `${base}/${endpointId}/action`, { action: 'receive' })).toMatchObject({
      status: 200,
      body: { status: 'accepted' },
    });
    const [seen] = await t.client.listConnections(serviceId, { endpointId });
    expect(seen).toMatchObject({ status: 'accepted', markerId: '9007199254740993' });
    expect(await admin('DELETE', `${base}/${endpointId}`)).toEqual({ status: 204, body: undefined });
    expect(await t.client.listConnections(serviceId, { endpointId })).toEqual([]);
  });

  it('enforces the whitelist on a connection request that asks for it (EndPoint.2012)', async () => {
    const base = `/projects/${t.projectId}/services/${serviceId}/connections`;
    expect(await admin('POST', base, { domainId: 'outsider77', enforceWhitelist: true })).toMatchObject({
      status: 400,
      body: { error_code: 'EndPoint.2012' },
    });
    expect(await admin('POST', base, { domainId: 'outsider77' })).toMatchObject({
      status: 200,
      body: { domainId: 'outsider77', status: 'pendingAcceptance' },
    });
  });

  it('injects a fault, lists and clears requests, and clears faults', async () => {
    expect(await admin('DELETE', '/requests')).toEqual({ status: 204, body: undefined });
    const added = await admin('POST', '/faults', { match: '/vpcs$', errorCode: 'EndPoint.0022', count: 1 });
    expect(added).toMatchObject({ status: 200, body: { id: expect.any(Number) } });
    await t.client.listVpcs();
    const log = await admin('GET', '/requests?path=/vpcs$');
    expect((log.body as { requests: { status: number }[] }).requests.map((r) => r.status)).toEqual([
      400, 200,
    ]);
    await admin('POST', '/faults', { status: 503 });
    expect(await admin('DELETE', '/faults')).toEqual({ status: 204, body: undefined });
    await expect(t.client.listVpcs()).resolves.toHaveLength(2);
  });

  it('sets the quota, bulk-seeds past it, and marks a service failed', async () => {
    expect((await admin('PUT', `/projects/${t.projectId}/quota`, { quota: 5 })).status).toBe(204);
    const bulk = await admin('POST', `/projects/${t.projectId}/bulk`, { services: 7 });
    expect((bulk.body as { serviceIds: string[] }).serviceIds).toHaveLength(7);
    expect(await t.client.quota('endpoint_service')).toEqual({ used: 8, quota: 5 });
    expect(
      (
        await admin('POST', `/projects/${t.projectId}/services/${serviceId}/fail`, {
          code: 'X.1',
          message: 'broken',
        })
      ).status,
    ).toBe(204);
    expect(await t.client.getService(serviceId)).toMatchObject({
      status: 'failed',
      errors: [{ code: 'X.1', message: 'broken' }],
    });
  });

  it('revokes tokens', async () => {
    expect(await admin('POST', '/tokens/revoke')).toEqual({ status: 204, body: undefined });
  });

  it('refuses a malformed admin request with 400 and an unknown admin route with 404', async () => {
    expect((await admin('POST', '/faults', { latencyMs: -1 })).status).toBe(400);
    expect((await admin('GET', '/nothing-here')).status).toBe(404);
  });
});
