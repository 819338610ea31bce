import { afterAll, describe, expect, it } from 'vitest';
import { createServiceRecords, recordRef } from '#src/access/service-records.js';
import { AUDIT_MAX_LENGTH, createAuditLog } from '#src/redis/audit-log.js';
import { createKeys } from '#src/redis/keys.js';
import { assertionClient, uniquePrefix } from '../../helpers/redis-test.js';

const redis = assertionClient();
afterAll(() => redis.disconnect());

describe('service records', () => {
  it('should store owners and approval channel per project and service', async () => {
    const records = createServiceRecords(redis, createKeys(uniquePrefix()));
    await records.put({
      projectId: 'p1',
      serviceId: 's1',
      owners: { users: ['U1'], groups: ['S1'] },
      approvalChannel: 'C1',
      createdBy: 'U1',
    });
    await records.put({ projectId: 'p1', serviceId: 's2', owners: { users: [], groups: [] } });
    expect(await records.get('p1', 's1')).toMatchObject({
      owners: { users: ['U1'], groups: ['S1'] },
      approvalChannel: 'C1',
    });
    expect((await records.list('p1')).map((r) => r.serviceId).sort()).toEqual(['s1', 's2']);
    const many = await records.getMany([
      { projectId: 'p1', serviceId: 's2' },
      { projectId: 'p1', serviceId: 'missing' },
    ]);
    expect([...many.keys()]).toEqual([recordRef('p1', 's2')]);
    await records.remove('p1', 's1');
    expect(await records.get('p1', 's1')).toBeUndefined();
    expect((await records.list('p1')).map((r) => r.serviceId)).toEqual(['s2']);
  });
});

describe('the record a create attempt writes', () => {
  const created = (serviceId: string, user: string, attempt: string) => ({
    projectId: 'p1',
    serviceId,
    owners: { users: [user], groups: [] },
    createdBy: user,
    createdByAttempt: `T1:${user}:${attempt}`,
  });

  it("should be written once, again by the same attempt, and never over someone else's record", async () => {
    const records = createServiceRecords(redis, createKeys(uniquePrefix()));
    await records.put({ projectId: 'p1', serviceId: 'victim', owners: { users: ['U0VICTIM'], groups: [] } });
    const victim = await records.get('p1', 'victim');

    expect(await records.putCreated(created('victim', 'U0EVIL', 'a1'))).toBe('taken');
    expect(await records.get('p1', 'victim')).toEqual(victim);

    expect(await records.putCreated(created('new', 'U0OWN', 'a2'))).toBe('written');
    // The owners changed meanwhile; the attempt, resumed, writes again and keeps them.
    const mine = await records.get('p1', 'new');
    await records.put({
      ...(mine ?? created('new', 'U0OWN', 'a2')),
      owners: { users: ['U0NEXT'], groups: [] },
    });
    expect(await records.putCreated(created('new', 'U0OWN', 'a2'))).toBe('written');
    expect(await records.get('p1', 'new')).toMatchObject({
      owners: { users: ['U0NEXT'] },
      createdBy: 'U0OWN',
    });
    expect(await records.putCreated(created('new', 'U0EVIL', 'a3'))).toBe('taken');
    expect((await records.list('p1')).map((r) => r.serviceId).sort()).toEqual(['new', 'victim']);
  });

  it('should be written by exactly one of two attempts racing for the same service', async () => {
    const records = createServiceRecords(redis, createKeys(uniquePrefix()));
    const outcomes = await Promise.all([
      records.putCreated(created('raced', 'U0ONE', 'a1')),
      records.putCreated(created('raced', 'U0TWO', 'a2')),
    ]);
    expect(outcomes.sort()).toEqual(['taken', 'written']);
  });
});

describe('audit log', () => {
  it('should append entries to a capped stream and read them newest first', async () => {
    const prefix = uniquePrefix();
    const audit = createAuditLog(redis, createKeys(prefix));
    await audit.append({ action: 'connection.approved', actor: 'U1', serviceId: 's1', endpointId: 'e1' });
    await audit.append({ action: 'service.deleted', actor: 'U2', serviceId: 's1' });
    const recent = await audit.recent(10);
    expect(recent.map((e) => e.action)).toEqual(['service.deleted', 'connection.approved']);
    expect(recent[1]).toMatchObject({ actor: 'U1', endpointId: 'e1' });
    expect(AUDIT_MAX_LENGTH).toBeGreaterThan(0);
    const info = (await redis.call('XINFO', 'STREAM', `${prefix}audit`)) as unknown[];
    expect(info[info.indexOf('length') + 1]).toBe(2);
  });
});
