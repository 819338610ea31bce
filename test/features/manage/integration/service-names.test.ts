/**
 * The names of services kept with their records (the per-project name index that lets rights asked
 * for by name be decided from Redis alone), and the bot learning them when it lists services.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createServiceRecords } from '#src/access/service-records.js';
import { createKeys } from '#src/redis/keys.js';
import { assertionClient, uniquePrefix } from '../../../helpers/redis-test.js';
import { startManageWorld } from './manage-harness.js';

const redis = assertionClient();
afterAll(() => redis.disconnect());

const owners = { users: ['U1'], groups: [] };

describe('service names on the records', () => {
  it('should find a record by its name in any case, follow a rename and forget a removed one', async () => {
    const records = createServiceRecords(redis, createKeys(uniquePrefix('names')));
    await records.put({ projectId: 'p1', serviceId: 's1', owners });
    expect(await records.findByName('p1', 'orders')).toEqual([]);
    await records.rememberName('p1', 's1', 'Orders');
    expect((await records.findByName('p1', 'ORDERS')).map((r) => r.serviceId)).toEqual(['s1']);
    expect(await records.findByName('p2', 'orders')).toEqual([]);

    await records.rememberName('p1', 's1', 'billing');
    expect(await records.findByName('p1', 'orders')).toEqual([]);
    expect((await records.findByName('p1', 'billing')).map((r) => r.serviceId)).toEqual(['s1']);

    await records.remove('p1', 's1');
    expect(await records.findByName('p1', 'billing')).toEqual([]);
  });

  it('should keep the known name when a record is written without one, and write none for a missing record', async () => {
    const records = createServiceRecords(redis, createKeys(uniquePrefix('names')));
    await records.put({ projectId: 'p1', serviceId: 's1', owners, name: 'orders' });
    await records.put({ projectId: 'p1', serviceId: 's1', owners: { users: ['U2'], groups: [] } });
    expect(await records.get('p1', 's1')).toMatchObject({ name: 'orders', owners: { users: ['U2'] } });
    await records.rememberName('p1', 'nobody', 'ghost');
    expect(await records.get('p1', 'nobody')).toBeUndefined();
    expect(await records.findByName('p1', 'ghost')).toEqual([]);
  });

  it('should learn the names of the services a summary shows', async () => {
    const world = await startManageWorld();
    try {
      const { serviceIds } = await world.sandbox.bulkSeed(world.projectId, { services: 2 });
      const [first] = serviceIds;
      if (!first) throw new Error('no service seeded');
      const service = await world.core.cloud.project(world.projectId).getService(first);
      await world.core.records.put({ projectId: world.projectId, serviceId: first, owners });
      await world.slack.command({ text: 'list', userId: 'U0READER', channelId: 'C0NAMES' });
      await world.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0NAMES');
      expect(await world.core.records.get(world.projectId, first)).toMatchObject({ name: service.name });
      const found = await world.core.records.findByName(world.projectId, service.name ?? '');
      expect(found.map((r) => r.serviceId)).toEqual([first]);
      world.fake.assertNoRejections();
    } finally {
      await world.close();
    }
  });
});
