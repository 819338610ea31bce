import { afterEach, describe, expect, it } from 'vitest';
import { startTestCloud, TEST_AKSK, type TestCloud } from '../../helpers/cloud-test.js';
import { eventually } from '../../helpers/eventually.js';

let t: TestCloud | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const probes = (cloud: TestCloud) => cloud.control.requests({ path: '/quotas$' });

describe('cloud health for /readyz', () => {
  it('is ok after one cheap authenticated call (the quota), cached for the TTL', async () => {
    t = await startTestCloud();
    expect(await t.cloud.health()).toMatchObject({ state: 'ok' });
    expect(await t.cloud.health()).toMatchObject({ state: 'ok' });
    expect(probes(t)).toEqual([
      expect.objectContaining({ query: { type: 'endpoint_service' }, auth: 'aksk' }),
    ]);
  });

  it('reports an outage as unavailable, which does not make the replica unready', async () => {
    t = await startTestCloud();
    t.control.addFault({ match: '/quotas$', status: 503 });
    const health = await t.cloud.health();
    expect(health.state).toBe('unavailable');
    // One attempt: readiness must answer promptly, so the probe never retries.
    expect(probes(t)).toHaveLength(1);
  });

  it('reports throttling as unavailable', async () => {
    t = await startTestCloud();
    t.control.addFault({ match: '/quotas$', errorCode: 'EndPoint.0022' });
    expect(await t.cloud.health()).toMatchObject({
      state: 'unavailable',
      detail: 'the cloud is throttling requests',
    });
  });

  it('reports refused credentials as auth_failed, naming the variables', async () => {
    t = await startTestCloud({ auth: { kind: 'aksk', accessKey: TEST_AKSK.accessKey, secretKey: 'wrong' } });
    const health = await t.cloud.health();
    expect(health.state).toBe('auth_failed');
    expect(health.detail).toContain('OTC_ACCESS_KEY and OTC_SECRET_KEY');
  });

  it('answers within the wait limit when the cloud is slow, then serves the late result', async () => {
    t = await startTestCloud({ health: { maxWaitMs: 50, ttlMs: 60_000 } });
    t.control.addFault({ match: '/quotas$', latencyMs: 300, count: 1 });
    const first = await t.cloud.health();
    expect(first).toMatchObject({
      state: 'unavailable',
      detail: 'the first cloud check has not finished yet',
    });
    // The probe finishes in the background; poll (never time) until its result is served.
    const cloud = t.cloud;
    const later = await eventually(
      () => cloud.health(),
      (h) => h.state === 'ok',
    );
    expect(later.state).toBe('ok');
    expect(probes(t)).toHaveLength(1);
  });
});
