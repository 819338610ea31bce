/**
 * The last line of defence: whatever a caller passes as a service or endpoint ID, the OTC client never
 * builds a path from something that is not a UUID, and never from `.` or `..`. The emulator's request
 * log is what the cloud received.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidCloudIdError } from '#src/cloud/cloud-ids.js';
import { startTestCloud, type TestCloud } from '../../helpers/cloud-test.js';

let t: TestCloud | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const FORGED = [
  '..',
  '.',
  '',
  '../../v1/other',
  'svc-name',
  `${'0'.repeat(8)}-0000-4000-8000-000000000000/..`,
];

describe('the OTC client refuses IDs that would change a path', () => {
  it('should send nothing for a service or endpoint ID that is not a UUID', async () => {
    t = await startTestCloud();
    const client = t.client;
    const [service = ''] = (await t.control.bulkSeed(t.projectId, { services: 1 })).serviceIds;
    const before = t.control.requests().length;
    for (const id of FORGED) {
      for (const call of [
        () => client.getService(id),
        () => client.updateService(id, { description: 'x' }),
        () => client.deleteService(id),
        () => client.listConnections(id),
        () => client.listWhitelist(id),
        () => client.updateWhitelist(id, 'add', ['*']),
        () => client.connectionAction(service, id, 'receive'),
        () => client.listConnections(service, { endpointId: id }),
      ]) {
        await expect(call()).rejects.toBeInstanceOf(InvalidCloudIdError);
      }
    }
    expect(t.control.requests().slice(before)).toEqual([]);
  });
});
