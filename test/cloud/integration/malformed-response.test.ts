/**
 * Answers the emulator never gives: a 2xx that is not JSON, JSON of the wrong shape, a gateway error
 * page, or list items with an undocumented status. A bare node:http server plays the cloud here,
 * because the emulator always answers well-formed; each test sets the answers it needs.
 */
import { createServer, type Server } from 'node:http';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  BadResponseError,
  type Cloud,
  CreateUnconfirmedError,
  createCloud,
  type ProjectCloud,
} from '#src/cloud/index.js';
import { FAST_TUNING, TEST_AKSK, TEST_PROJECTS, testLogger } from '../../helpers/cloud-test.js';
import { testRedisUrl, uniquePrefix } from '../../helpers/redis-test.js';

interface Answer {
  readonly status?: number;
  readonly body: string;
  readonly contentType?: string;
}

/** What the fake cloud received: method and path with query. */
interface Received {
  readonly method: string;
  readonly url: string;
}

let server: Server;
let cloud: Cloud;
let client: ProjectCloud;
let redis: Redis;
let received: Received[] = [];
/** Answers by "METHOD path-suffix" (the path without its query); `{}` for anything else. */
let answers: Record<string, Answer> = {};

const PROJECT = TEST_PROJECTS[0]?.projectId ?? '';
/** Service IDs are UUIDs: the client refuses anything else before it builds a path. */
const SERVICE_ID = '5e7a1c2b-0000-4000-8000-000000000001';
const ODD_SERVICE_ID = '5e7a1c2b-0000-4000-8000-0000000000dd';
const json = (value: unknown): Answer => ({ body: JSON.stringify(value) });

beforeAll(async () => {
  server = createServer((req, res) => {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    received.push({ method, url });
    const path = url.split('?')[0] ?? '';
    const key = Object.keys(answers).find((k) => {
      const [m, suffix = ''] = k.split(' ');
      return m === method && path.endsWith(suffix);
    });
    const answer = key ? answers[key] : undefined;
    res
      .writeHead(answer?.status ?? 200, { 'Content-Type': answer?.contentType ?? 'application/json' })
      .end(answer ? answer.body : '{}');
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
  client = cloud.project(PROJECT);
});
afterAll(async () => {
  await cloud.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  redis.disconnect();
});
beforeEach(() => {
  received = [];
  answers = {};
});

/** A service on the wire, as VPCEP lists it. */
function wireService(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    service_name: `eu-de.${id}`,
    status: 'available',
    vpc_id: 'vpc-1',
    port_id: 'port-1',
    server_type: 'LB',
    approval_enabled: true,
    ports: [{ client_port: 80, server_port: 8080, protocol: 'TCP' }],
    created_at: '2024-01-01T00:00:00Z',
    ...overrides,
  };
}

/** Without a name, the attempt's own tag is what lets a service found later be proven this create's. */
const ATTEMPT_TAG = { key: 'vpcep-bot-attempt', value: 'malformed-response' };

const CREATE_INPUT = {
  vpcId: 'vpc-1',
  portId: 'port-1',
  serverType: 'LB' as const,
  approvalEnabled: true,
  ports: [{ clientPort: 80, serverPort: 8080, protocol: 'TCP' }],
  attemptTag: ATTEMPT_TAG,
};

const posts = () => received.filter((r) => r.method === 'POST');
const lookups = () => received.filter((r) => r.method === 'GET' && r.url.includes('/vpc-endpoint-services'));

describe('a cloud answer the bot cannot read', () => {
  it('a 200 that is not JSON is a BadResponseError, not retried', async () => {
    answers = { 'GET /vpcs': { body: 'upstream proxy error <html>' } };
    const error = await client.listVpcs().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadResponseError);
    expect((error as BadResponseError).userMessage).toContain('not JSON');
    expect(received).toHaveLength(1);
  });

  it('JSON missing required fields is a BadResponseError that keeps the zod issues as its cause', async () => {
    answers = {
      'GET /vpc-endpoint-services': json({
        endpoint_services: [{ id: 'x', status: 'available' }],
        total_count: 1,
      }),
    };
    const error = await client.listServices().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadResponseError);
    expect((error as BadResponseError).userMessage).toContain('unexpected format');
    expect((error as BadResponseError).cause).toBeDefined();
  });
});

describe('a create whose answer is unreadable or a bare gateway error', () => {
  it('after a 200 that is not JSON, finds the created service instead of calling it a failure', async () => {
    answers = {
      'POST /vpc-endpoint-services': { body: '<html>accepted</html>', contentType: 'text/html' },
      'GET /vpc-endpoint-services': json({
        endpoint_services: [
          wireService('svc-created', { tags: [ATTEMPT_TAG], created_at: new Date().toISOString() }),
        ],
        total_count: 1,
      }),
    };
    const service = await client.createService(CREATE_INPUT);
    expect(service.id).toBe('svc-created');
    expect(posts()).toHaveLength(1);
    expect(lookups()).toHaveLength(1);
  });

  it('after a 200 of the wrong shape with nothing to find, says the create is unconfirmed', async () => {
    answers = {
      'POST /vpc-endpoint-services': json({ unexpected: true }),
      'GET /vpc-endpoint-services': json({ endpoint_services: [], total_count: 0 }),
    };
    const error = await client.createService(CREATE_INPUT).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CreateUnconfirmedError);
    expect((error as CreateUnconfirmedError).userMessage).toContain('its answer could not be read');
    expect((error as CreateUnconfirmedError).userMessage).toContain('Check /vpcep list');
    expect(posts()).toHaveLength(1);
    expect(lookups()).toHaveLength(FAST_TUNING.create.lookups ?? 3);
  });

  it.each([502, 503, 504])(
    'after a gateway %i page without a VPCEP code and nothing to find, says the create is unconfirmed',
    async (status) => {
      answers = {
        'POST /vpc-endpoint-services': {
          status,
          body: '<html><body>Bad Gateway</body></html>',
          contentType: 'text/html',
        },
        'GET /vpc-endpoint-services': json({ endpoint_services: [], total_count: 0 }),
      };
      const error = await client.createService(CREATE_INPUT).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CreateUnconfirmedError);
      expect(posts()).toHaveLength(1);
      expect(lookups()).toHaveLength(FAST_TUNING.create.lookups ?? 3);
    },
  );
});

describe('list items with a status the API does not document', () => {
  it('leaves out the one odd service and returns the rest of the list', async () => {
    answers = {
      'GET /vpc-endpoint-services': json({
        endpoint_services: [
          wireService('svc-1'),
          wireService('svc-odd', { status: 'frozen' }),
          wireService('svc-2', { server_type: 'GATEWAY_LB' }),
          wireService('svc-3', { status: 'CREATING' }),
        ],
        total_count: 4,
      }),
    };
    const services = await client.listServices();
    expect(services.map((s) => [s.id, s.status])).toEqual([
      ['svc-1', 'available'],
      ['svc-3', 'creating'],
    ]);
  });

  it('leaves out the one odd connection and returns the rest', async () => {
    answers = {
      'GET /connections': json({
        connections: [
          { id: 'ep-1', status: 'pendingAcceptance', domain_id: 'd1' },
          { id: 'ep-odd', status: 'quarantined', domain_id: 'd2' },
        ],
        total_count: 2,
      }),
    };
    const connections = await client.listConnections(SERVICE_ID);
    expect(connections.map((c) => c.endpointId)).toEqual(['ep-1']);
  });

  it('still refuses a single service with an undocumented status, clearly', async () => {
    answers = {
      [`GET /vpc-endpoint-services/${ODD_SERVICE_ID}`]: json(
        wireService(ODD_SERVICE_ID, { status: 'frozen' }),
      ),
    };
    const error = await client.getService(ODD_SERVICE_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadResponseError);
    expect((error as BadResponseError).userMessage).toContain('unexpected format');
  });
});
