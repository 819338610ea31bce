/**
 * Answers the emulator never gives: a 2xx that is not JSON, or JSON of the wrong shape. A bare
 * node:http server plays the cloud here, because the emulator always answers well-formed.
 */
import { createServer, type Server } from 'node:http';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadResponseError, type Cloud, createCloud } from '../../../src/cloud/index.js';
import { FAST_TUNING, TEST_AKSK, TEST_PROJECTS, testLogger } from '../../helpers/cloud-test.js';
import { testRedisUrl, uniquePrefix } from '../../helpers/redis-test.js';

let server: Server;
let cloud: Cloud;
let redis: Redis;
let hits = 0;
const answers: Record<string, string> = {
  '/vpcs': 'upstream proxy error <html>',
  '/vpc-endpoint-services': '{"endpoint_services":[{"id":"x","status":"available"}],"total_count":1}',
};

beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    const key = Object.keys(answers).find((suffix) => req.url?.split('?')[0]?.endsWith(suffix));
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(key ? answers[key] : '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
  cloud = await createCloud(
    {
      mode: 'otc',
      projects: TEST_PROJECTS,
      auth: { kind: 'aksk', ...TEST_AKSK },
      endpointTemplate: `http://127.0.0.1:${port}`,
    },
    { logger: testLogger(), redis, keyPrefix: uniquePrefix('malformed') },
    { tuning: FAST_TUNING },
  );
});
afterAll(async () => {
  await cloud.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  redis.disconnect();
});

describe('a cloud answer the bot cannot read', () => {
  it('a 200 that is not JSON is a BadResponseError, not retried', async () => {
    hits = 0;
    const error = await cloud
      .project(TEST_PROJECTS[0]?.projectId ?? '')
      .listVpcs()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadResponseError);
    expect((error as BadResponseError).userMessage).toContain('not JSON');
    expect(hits).toBe(1);
  });

  it('JSON missing required fields is a BadResponseError that keeps the zod issues as its cause', async () => {
    const error = await cloud
      .project(TEST_PROJECTS[0]?.projectId ?? '')
      .listServices()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadResponseError);
    expect((error as BadResponseError).userMessage).toContain('unexpected format');
    expect((error as BadResponseError).cause).toBeDefined();
  });
});
