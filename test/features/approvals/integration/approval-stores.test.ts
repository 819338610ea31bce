import { afterAll, describe, expect, it } from 'vitest';
import type { NewApprovalRequest } from '#src/features/approvals/store/approval-request-types.js';
import { type ApprovalStores, createApprovalStores } from '#src/features/approvals/store/approval-stores.js';
import { DECIDED_RETENTION_SECONDS } from '#src/features/approvals/store/decision-lease-store.js';
import { createKeys } from '#src/redis/keys.js';
import { assertionClient, uniquePrefix } from '../../../helpers/redis-test.js';

const redis = assertionClient();
afterAll(() => redis.disconnect());

function freshStores(): { stores: ApprovalStores; prefix: string } {
  const prefix = uniquePrefix('apr');
  return { stores: createApprovalStores(redis, createKeys(prefix)), prefix };
}

const request: NewApprovalRequest = {
  projectId: 'p1',
  serviceId: 's1',
  serviceName: 'eu-de.svc.s1',
  endpointId: 'e1',
  domainId: 'consumer-1',
  requestedAt: '2024-05-01T10:00:00.000Z',
  ports: [{ clientPort: 443, serverPort: 8443, protocol: 'TCP' }],
  origin: 'poller',
};

describe('approval request store', () => {
  it('should create a request once, however many callers race to create it', async () => {
    const { stores } = freshStores();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => stores.requests.create(request, 1000)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const id = stores.requests.requestId('p1', 's1', 'e1');
    expect(await stores.requests.get(id)).toMatchObject({
      id,
      state: 'pending',
      domainId: 'consumer-1',
      ports: request.ports,
    });
    expect((await stores.requests.listOpenForService('p1', 's1')).map((r) => r.id)).toEqual([id]);
  });

  it('should let exactly one of many concurrent decisions take the lease', async () => {
    const { stores } = freshStores();
    await stores.requests.create(request, 1000);
    const id = stores.requests.requestId('p1', 's1', 'e1');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        stores.leases.beginDecision(id, { userId: `U${i}`, action: 'approve', leaseMs: 30_000 }),
      ),
    );
    expect(results.filter((r) => r.kind === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'busy')).toHaveLength(19);
    expect((await stores.requests.get(id))?.state).toBe('deciding');
  });

  it('should fence the final state by the lease token and expire the decided request after 90 days', async () => {
    const { stores, prefix } = freshStores();
    await stores.requests.create(request, 1000);
    const id = stores.requests.requestId('p1', 's1', 'e1');
    const begun = await stores.leases.beginDecision(id, {
      userId: 'U1',
      action: 'approve',
      leaseMs: 30_000,
    });
    if (begun.kind !== 'ok') throw new Error('expected the lease');
    expect(
      await stores.leases.finish(id, { token: 'not-the-token', state: 'approved', by: 'U9', at: 5 }),
    ).toBe('deciding');
    expect(await stores.leases.finish(id, { token: begun.token, state: 'approved', by: 'U1', at: 5 })).toBe(
      'ok',
    );
    expect(await stores.requests.get(id)).toMatchObject({ state: 'approved', decidedBy: 'U1', decidedAt: 5 });
    const ttl = await redis.ttl(`${prefix}{apr:${id}}`);
    expect(ttl).toBeGreaterThan(DECIDED_RETENTION_SECONDS - 60);
    expect(ttl).toBeLessThanOrEqual(DECIDED_RETENTION_SECONDS);
    expect(await stores.requests.listOpen()).toEqual([]);
  });

  it('should return to pending with the error after a failed cloud call, and refuse a stale token', async () => {
    const { stores } = freshStores();
    await stores.requests.create(request, 1000);
    const id = stores.requests.requestId('p1', 's1', 'e1');
    const begun = await stores.leases.beginDecision(id, { userId: 'U1', action: 'reject', leaseMs: 30_000 });
    if (begun.kind !== 'ok') throw new Error('expected the lease');
    expect(await stores.leases.abort(id, 'stale', 'boom')).toBe(false);
    expect(await stores.leases.abort(id, begun.token, 'The cloud is unavailable.')).toBe(true);
    expect(await stores.requests.get(id)).toMatchObject({
      state: 'pending',
      lastError: 'The cloud is unavailable.',
    });
  });

  it('should never let a workflow requester take the decision', async () => {
    const { stores } = freshStores();
    await stores.requests.create(request, 1000);
    const id = stores.requests.requestId('p1', 's1', 'e1');
    await stores.waits.attachExecution(
      id,
      { executionId: 'Fx1', functionToken: 'xwfp-1', requester: 'U7' },
      { requester: 'U7', reason: 'needed' },
    );
    expect(
      await stores.leases.beginDecision(id, { userId: 'U7', action: 'approve', leaseMs: 30_000 }),
    ).toEqual({
      kind: 'self',
    });
    expect(await stores.requests.get(id)).toMatchObject({
      state: 'pending',
      workflow: [{ requester: 'U7', reason: 'needed' }],
    });
  });

  it('should mark a reminder once and claim the first post once', async () => {
    const { stores, prefix } = freshStores();
    await stores.requests.create(request, 1000);
    const id = stores.requests.requestId('p1', 's1', 'e1');
    const marks = await Promise.all([1, 2, 3].map(() => stores.copies.markOnce(id, 'remindedAt', 10)));
    expect(marks.filter(Boolean)).toHaveLength(1);
    const claims = await Promise.all([1, 2, 3].map(() => stores.copies.claimPost(id, 60_000)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    await redis.hset(`${prefix}{apr:${id}}`, 'postClaimUntil', '1');
    expect(await stores.copies.claimPost(id, 60_000)).toBeDefined();
    await stores.copies.recordPosted(id, [{ channel: 'C1', ts: '1.000100' }], 2001);
    expect(await stores.copies.claimPost(id, 60_000)).toBeUndefined();
    expect((await stores.requests.get(id))?.copies).toEqual([{ channel: 'C1', ts: '1.000100' }]);
  });

  it('should list the pending requests a user may decide', async () => {
    const { stores } = freshStores();
    await stores.requests.create(request, 1000);
    await stores.requests.create({ ...request, serviceId: 's2', endpointId: 'e2' }, 1001);
    const mine = await stores.requests.listPendingDecidableBy('U1', async (r) => r.serviceId === 's2');
    expect(mine.map((r) => r.endpointId)).toEqual(['e2']);
  });

  it("should time leases on Redis' clock, renew them for their holder only, and fence the poller", async () => {
    const { stores, prefix } = freshStores();
    await stores.requests.create(request, 1000);
    const id = stores.requests.requestId('p1', 's1', 'e1');
    const before = await stores.leases.time();
    const begun = await stores.leases.beginDecision(id, { userId: 'U1', action: 'approve', leaseMs: 30_000 });
    if (begun.kind !== 'ok') throw new Error('expected the lease');
    const until = (await stores.requests.get(id))?.lease?.until ?? 0;
    expect(until).toBeGreaterThanOrEqual(before + 30_000);
    expect(until).toBeLessThanOrEqual((await stores.leases.time()) + 30_000);

    expect(await stores.leases.renewLease(id, 'not-the-token', 60_000)).toBe(false);
    expect(await stores.leases.renewLease(id, begun.token, 60_000)).toBe(true);
    expect((await stores.requests.get(id))?.lease?.until).toBeGreaterThan(until);

    // The poller read the cloud at `now`; a lease that runs out later is still alive: nothing changes.
    const now = await stores.leases.time();
    expect(await stores.leases.abort(id, begun.token, 'interrupted', now - 10_000)).toBe(false);
    expect(
      await stores.leases.finish(id, {
        token: begun.token,
        lapsedBefore: now - 10_000,
        state: 'resolved_elsewhere',
        at: 1,
      }),
    ).toBe('deciding');
    // Once the lease ran out before the poller's read (and its grace), the poller may settle it.
    await redis.hset(`${prefix}{apr:${id}}`, 'leaseUntil', String(now - 20_000));
    expect(await stores.leases.abort(id, begun.token, 'interrupted', now - 10_000)).toBe(true);
    expect(await stores.requests.get(id)).toMatchObject({ state: 'pending', lastError: 'interrupted' });
    expect(await stores.leases.renewLease(id, begun.token, 60_000)).toBe(false);
  });

  it('should extend a post claim for its holder only, until the request is posted', async () => {
    const { stores } = freshStores();
    await stores.requests.create(request, 1000);
    const id = stores.requests.requestId('p1', 's1', 'e1');
    const token = await stores.copies.claimPost(id, 1000);
    if (!token) throw new Error('expected the claim');
    expect(await stores.copies.extendPostClaim(id, 'someone-else', 60_000)).toBe(false);
    expect(await stores.copies.extendPostClaim(id, token, 60_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await stores.copies.claimPost(id, 1000)).toBeUndefined();
    await stores.copies.recordPosted(id, [{ channel: 'C1', ts: '1.000200' }], 2000);
    expect(await stores.copies.extendPostClaim(id, token, 60_000)).toBe(false);
  });

  it('should let one caller at a time complete a waiting execution, and give it back after a passing failure', async () => {
    const { stores } = freshStores();
    await stores.requests.create(request, 1000);
    const id = stores.requests.requestId('p1', 's1', 'e1');
    await stores.waits.attachExecution(
      id,
      { executionId: 'Fx1', functionToken: 'xwfp-1', requester: 'U7' },
      {},
    );
    const claims = await Promise.all(
      Array.from({ length: 5 }, () => stores.waits.claimCompletion(id, 'Fx1', 60_000)),
    );
    expect(claims.filter(Boolean)).toEqual([
      { executionId: 'Fx1', functionToken: 'xwfp-1', requester: 'U7' },
    ]);
    await stores.waits.releaseCompletion(id, 'Fx1');
    expect(await stores.waits.claimCompletion(id, 'Fx1', 60_000)).toBeDefined();
    await stores.waits.releaseCompletion(id, 'Fx1');
    await stores.waits.removeExecution(id, 'Fx1');
    expect(await stores.waits.claimCompletion(id, 'Fx1', 60_000)).toBeUndefined();
    expect(await stores.waits.idsWithExecutions()).not.toContain(id);
  });
});
