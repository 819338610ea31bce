import { afterAll, describe, expect, it } from 'vitest';
import {
  type ApprovalStore,
  createApprovalStore,
  DECIDED_RETENTION_SECONDS,
  type NewApprovalRequest,
} from '#src/features/approvals/store/approval-requests.js';
import { createKeys } from '#src/redis/keys.js';
import { assertionClient, uniquePrefix } from '../../../helpers/redis-test.js';

const redis = assertionClient();
afterAll(() => redis.disconnect());

function freshStore(): { store: ApprovalStore; prefix: string } {
  const prefix = uniquePrefix('apr');
  return { store: createApprovalStore(redis, createKeys(prefix)), prefix };
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
    const { store } = freshStore();
    const results = await Promise.all(Array.from({ length: 10 }, () => store.create(request, 1000)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const id = store.requestId('p1', 's1', 'e1');
    expect(await store.get(id)).toMatchObject({
      id,
      state: 'pending',
      domainId: 'consumer-1',
      ports: request.ports,
    });
    expect((await store.listOpenForService('p1', 's1')).map((r) => r.id)).toEqual([id]);
  });

  it('should let exactly one of many concurrent decisions take the lease', async () => {
    const { store } = freshStore();
    await store.create(request, 1000);
    const id = store.requestId('p1', 's1', 'e1');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.beginDecision(id, { userId: `U${i}`, action: 'approve', leaseMs: 30_000 }),
      ),
    );
    expect(results.filter((r) => r.kind === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'busy')).toHaveLength(19);
    expect((await store.get(id))?.state).toBe('deciding');
  });

  it('should fence the final state by the lease token and expire the decided request after 90 days', async () => {
    const { store, prefix } = freshStore();
    await store.create(request, 1000);
    const id = store.requestId('p1', 's1', 'e1');
    const begun = await store.beginDecision(id, {
      userId: 'U1',
      action: 'approve',
      leaseMs: 30_000,
    });
    if (begun.kind !== 'ok') throw new Error('expected the lease');
    expect(await store.finish(id, { token: 'not-the-token', state: 'approved', by: 'U9', at: 5 })).toBe(
      'deciding',
    );
    expect(await store.finish(id, { token: begun.token, state: 'approved', by: 'U1', at: 5 })).toBe('ok');
    expect(await store.get(id)).toMatchObject({ state: 'approved', decidedBy: 'U1', decidedAt: 5 });
    const ttl = await redis.ttl(`${prefix}{apr:${id}}`);
    expect(ttl).toBeGreaterThan(DECIDED_RETENTION_SECONDS - 60);
    expect(ttl).toBeLessThanOrEqual(DECIDED_RETENTION_SECONDS);
    expect(await store.listOpen()).toEqual([]);
  });

  it('should return to pending with the error after a failed cloud call, and refuse a stale token', async () => {
    const { store } = freshStore();
    await store.create(request, 1000);
    const id = store.requestId('p1', 's1', 'e1');
    const begun = await store.beginDecision(id, { userId: 'U1', action: 'reject', leaseMs: 30_000 });
    if (begun.kind !== 'ok') throw new Error('expected the lease');
    expect(await store.abort(id, 'stale', 'boom')).toBe(false);
    expect(await store.abort(id, begun.token, 'The cloud is unavailable.')).toBe(true);
    expect(await store.get(id)).toMatchObject({ state: 'pending', lastError: 'The cloud is unavailable.' });
  });

  it('should never let a workflow requester take the decision', async () => {
    const { store } = freshStore();
    await store.create(request, 1000);
    const id = store.requestId('p1', 's1', 'e1');
    await store.attachExecution(
      id,
      { executionId: 'Fx1', functionToken: 'xwfp-1', requester: 'U7' },
      { requester: 'U7', reason: 'needed' },
    );
    expect(await store.beginDecision(id, { userId: 'U7', action: 'approve', leaseMs: 30_000 })).toEqual({
      kind: 'self',
    });
    expect(await store.get(id)).toMatchObject({
      state: 'pending',
      workflow: [{ requester: 'U7', reason: 'needed' }],
    });
  });

  it('should mark a reminder once and claim the first post once', async () => {
    const { store, prefix } = freshStore();
    await store.create(request, 1000);
    const id = store.requestId('p1', 's1', 'e1');
    const marks = await Promise.all([1, 2, 3].map(() => store.markOnce(id, 'remindedAt', 10)));
    expect(marks.filter(Boolean)).toHaveLength(1);
    const claims = await Promise.all([1, 2, 3].map(() => store.claimPost(id, 60_000)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    await redis.hset(`${prefix}{apr:${id}}`, 'postClaimUntil', '1');
    expect(await store.claimPost(id, 60_000)).toBeDefined();
    await store.recordPosted(id, [{ channel: 'C1', ts: '1.000100' }], 2001);
    expect(await store.claimPost(id, 60_000)).toBeUndefined();
    expect((await store.get(id))?.copies).toEqual([{ channel: 'C1', ts: '1.000100' }]);
  });

  it('should list the pending requests a user may decide', async () => {
    const { store } = freshStore();
    await store.create(request, 1000);
    await store.create({ ...request, serviceId: 's2', endpointId: 'e2' }, 1001);
    const mine = await store.listPendingDecidableBy('U1', async (r) => r.serviceId === 's2');
    expect(mine.map((r) => r.endpointId)).toEqual(['e2']);
  });

  it("should time leases on Redis' clock, renew them for their holder only, and fence the poller", async () => {
    const { store, prefix } = freshStore();
    await store.create(request, 1000);
    const id = store.requestId('p1', 's1', 'e1');
    const before = await store.time();
    const begun = await store.beginDecision(id, { userId: 'U1', action: 'approve', leaseMs: 30_000 });
    if (begun.kind !== 'ok') throw new Error('expected the lease');
    const until = (await store.get(id))?.lease?.until ?? 0;
    expect(until).toBeGreaterThanOrEqual(before + 30_000);
    expect(until).toBeLessThanOrEqual((await store.time()) + 30_000);

    expect(await store.renewLease(id, 'not-the-token', 60_000)).toBe(false);
    expect(await store.renewLease(id, begun.token, 60_000)).toBe(true);
    expect((await store.get(id))?.lease?.until).toBeGreaterThan(until);

    // The poller read the cloud at `now`; a lease that runs out later is still alive: nothing changes.
    const now = await store.time();
    expect(await store.abort(id, begun.token, 'interrupted', now - 10_000)).toBe(false);
    expect(
      await store.finish(id, {
        token: begun.token,
        lapsedBefore: now - 10_000,
        state: 'resolved_elsewhere',
        at: 1,
      }),
    ).toBe('deciding');
    // Once the lease ran out before the poller's read (and its grace), the poller may settle it.
    await redis.hset(`${prefix}{apr:${id}}`, 'leaseUntil', String(now - 20_000));
    expect(await store.abort(id, begun.token, 'interrupted', now - 10_000)).toBe(true);
    expect(await store.get(id)).toMatchObject({ state: 'pending', lastError: 'interrupted' });
    expect(await store.renewLease(id, begun.token, 60_000)).toBe(false);
  });

  it('should extend a post claim for its holder only, until the request is posted', async () => {
    const { store } = freshStore();
    await store.create(request, 1000);
    const id = store.requestId('p1', 's1', 'e1');
    const token = await store.claimPost(id, 1000);
    if (!token) throw new Error('expected the claim');
    expect(await store.extendPostClaim(id, 'someone-else', 60_000)).toBe(false);
    expect(await store.extendPostClaim(id, token, 60_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await store.claimPost(id, 1000)).toBeUndefined();
    await store.recordPosted(id, [{ channel: 'C1', ts: '1.000200' }], 2000);
    expect(await store.extendPostClaim(id, token, 60_000)).toBe(false);
  });

  it('should let one caller at a time complete a waiting execution, and give it back after a passing failure', async () => {
    const { store } = freshStore();
    await store.create(request, 1000);
    const id = store.requestId('p1', 's1', 'e1');
    await store.attachExecution(id, { executionId: 'Fx1', functionToken: 'xwfp-1', requester: 'U7' }, {});
    const claims = await Promise.all(
      Array.from({ length: 5 }, () => store.claimCompletion(id, 'Fx1', 60_000)),
    );
    expect(claims.filter(Boolean)).toEqual([
      { executionId: 'Fx1', functionToken: 'xwfp-1', requester: 'U7' },
    ]);
    await store.releaseCompletion(id, 'Fx1');
    expect(await store.claimCompletion(id, 'Fx1', 60_000)).toBeDefined();
    await store.releaseCompletion(id, 'Fx1');
    await store.removeExecution(id, 'Fx1');
    expect(await store.claimCompletion(id, 'Fx1', 60_000)).toBeUndefined();
    expect(await store.idsWithExecutions()).not.toContain(id);
  });
});
