/**
 * A bare node:http server playing the cloud with fixed answers (reference examples the emulator does
 * not reproduce), and the real client pointed at it. Every request is recorded; each route answers by
 * method and path pattern, as often as it is asked.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { Redis } from 'ioredis';
import { type ClientTuning, type Cloud, createCloud, type ProjectCloud } from '#src/cloud/index.js';
import type { OtcAuth } from '#src/platform/config/config-types.js';
import { FAST_TUNING, TEST_AKSK, TEST_PROJECTS, testLogger } from './cloud-test.js';
import { testRedisUrl, uniquePrefix } from './redis-test.js';

export interface FixtureAnswer {
  readonly status?: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
}

export interface FixtureRoute {
  readonly method: string;
  /** Tested against the path without the query. */
  readonly path: RegExp;
  readonly answer: (url: URL, req: IncomingMessage) => FixtureAnswer;
}

export interface FixtureCloud {
  readonly client: ProjectCloud;
  readonly projectId: string;
  /** Method, path and query of every request received, in order. */
  readonly received: { method: string; path: string; query: URLSearchParams; at: number }[];
  readonly url: string;
  close(): Promise<void>;
}

/** Reads a reference example from test/fixtures/otc/. */
export function referenceFixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../fixtures/otc/${name}`, import.meta.url), 'utf8'));
}

export async function startFixtureCloud(
  routes: readonly FixtureRoute[],
  options: { tuning?: Partial<ClientTuning>; auth?: OtcAuth } = {},
): Promise<FixtureCloud> {
  const received: FixtureCloud['received'] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fixture');
    const method = req.method ?? 'GET';
    received.push({ method, path: url.pathname, query: url.searchParams, at: Date.now() });
    const route = routes.find((r) => r.method === method && r.path.test(url.pathname));
    const answer = route?.answer(url, req) ?? {
      status: 404,
      body: {
        error_code: 'APIGW.0101',
        error_msg: 'The API does not exist or has not been published in the environment.',
      },
    };
    res
      .writeHead(answer.status ?? 200, { 'Content-Type': 'application/json', ...answer.headers })
      .end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
  const cloud: Cloud = await createCloud(
    {
      mode: 'otc',
      projects: TEST_PROJECTS,
      auth: options.auth ?? { kind: 'aksk', ...TEST_AKSK },
      endpointTemplate: url,
    },
    { logger: testLogger(), redis, keyPrefix: uniquePrefix('fixture') },
    { tuning: { ...FAST_TUNING, ...options.tuning } },
  );
  const projectId = TEST_PROJECTS[0]?.projectId ?? '';
  return {
    client: cloud.project(projectId),
    projectId,
    received,
    url,
    async close() {
      await cloud.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      redis.disconnect();
    },
  };
}
