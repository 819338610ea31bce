import { describe, expect, it } from 'vitest';
import { startRedisServer } from '../../helpers/redis-server.js';
import { assertionClient } from '../../helpers/redis-test.js';

describe('test harness redis-server', () => {
  it('serves the shared test Redis on loopback', async () => {
    const client = assertionClient();
    await client.set('harness:probe', 'ok');
    expect(await client.get('harness:probe')).toBe('ok');
    client.disconnect();
  });

  it('keeps append-only data across a restart of a private server', async () => {
    const server = await startRedisServer({ appendOnly: true });
    const client = assertionClient(server.url);
    await client.set('k', 'v');
    client.disconnect();
    await server.stop();
    await server.restart();
    const again = assertionClient(server.url);
    expect(await again.get('k')).toBe('v');
    again.disconnect();
    await server.dispose();
  });
});
