/**
 * Starts the OTC emulator on the shared test Redis (under a fresh key prefix) and the real client
 * against it, with tiny backoff and polling delays so retry tests stay fast without timed assertions.
 */
import { Redis } from 'ioredis';
import { pino } from 'pino';
import {
  type ClientTuning,
  type Cloud,
  type CloudCallEvent,
  type CloudOptions,
  createCloud,
  type EndpointService,
  type PortMapping,
  type ProjectCloud,
} from '#src/cloud/index.js';
import { type SigningForm, signAs } from '#src/cloud/otc/otc-auth.js';
import type { SandboxControl } from '#src/cloud/sandbox/control.js';
import { demoWorld } from '#src/cloud/sandbox/seed.js';
import { type SandboxHandle, type SandboxOptions, startSandbox } from '#src/cloud/sandbox/start-sandbox.js';
import type { OtcAuth, OtcProject } from '#src/platform/config/config-types.js';
import { SANDBOX_PROJECTS } from '#src/platform/config/load-config.js';
import type { Logger } from '#src/platform/logging/logger.js';
import { testRedisUrl, uniquePrefix } from './redis-test.js';

export const TEST_AKSK = {
  accessKey: 'TESTACCESSKEY0000001',
  secretKey: 'test-secret-key-0123456789abcdefghijklmn',
};
export const TEST_USER = {
  username: 'bot-user',
  password: 'correct horse battery staple',
  domainName: 'acme',
};
export const TEST_PROJECTS: readonly OtcProject[] = SANDBOX_PROJECTS;

/** Backoff and polling in milliseconds instead of seconds. */
export const FAST_TUNING: ClientTuning = {
  // Generous: a loaded CI machine must not turn slow answers into timeouts.
  timeoutMs: 15_000,
  retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 5 },
  wait: { timeoutMs: 5000, intervalMs: 10, maxIntervalMs: 20 },
  create: { lookupDelayMs: 10, lookups: 3 },
  tokenRefreshMarginMs: 5 * 60_000,
};

/** A silent pino logger; TEST_LOG_LEVEL=debug shows what the client and emulator do. */
export function testLogger(): Logger {
  return pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
}

export interface TestCloudOptions {
  /** How the client authenticates; AK/SK by default. Give wrong values to test refusals. */
  readonly auth?: OtcAuth;
  readonly sandbox?: Partial<Omit<SandboxOptions, 'redis' | 'keyPrefix' | 'logger'>>;
  readonly tuning?: Partial<ClientTuning>;
  /** Reuse state: the same Redis prefix as an earlier test cloud. */
  readonly keyPrefix?: string;
  /** Receives every HTTP attempt of the client, as the bot's metrics would. */
  readonly observe?: (event: CloudCallEvent) => void;
  readonly health?: CloudOptions['health'];
}

export interface TestCloud {
  readonly sandbox: SandboxHandle;
  readonly control: SandboxControl;
  readonly cloud: Cloud;
  /** The client of the first project. */
  readonly client: ProjectCloud;
  readonly projectId: string;
  /** The seeded demo resources of the first project (deterministic IDs). */
  readonly world: ReturnType<typeof demoWorld>;
  readonly keyPrefix: string;
  readonly redis: Redis;
  close(): Promise<void>;
}

/** Starts an emulator and a client of it; `close()` stops both. */
export async function startTestCloud(options: TestCloudOptions = {}): Promise<TestCloud> {
  const keyPrefix = options.keyPrefix ?? uniquePrefix('cloud');
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
  const logger = testLogger();
  const sandbox = await startSandbox({
    redis,
    keyPrefix,
    logger,
    projects: TEST_PROJECTS,
    credentials: { ...TEST_AKSK, users: [TEST_USER] },
    createDelayMs: 30,
    deleteDelayMs: 30,
    ...options.sandbox,
  });
  const cloud = await createCloud(
    {
      mode: 'otc',
      projects: TEST_PROJECTS,
      auth: options.auth ?? { kind: 'aksk', ...TEST_AKSK },
      endpointTemplate: sandbox.url,
    },
    { logger, redis, keyPrefix, ...(options.observe ? { observe: options.observe } : {}) },
    {
      tuning: { ...FAST_TUNING, ...options.tuning },
      // Tests want the settled result of a health check, however loaded the machine.
      health: { maxWaitMs: 15_000, ...options.health },
    },
  );
  const projectId = TEST_PROJECTS[0]?.projectId ?? '';
  return {
    sandbox,
    control: sandbox.control,
    cloud,
    client: cloud.project(projectId),
    projectId,
    world: demoWorld(projectId, 0),
    keyPrefix,
    redis,
    async close() {
      await cloud.close();
      await sandbox.close();
      redis.disconnect();
    },
  };
}

/** A valid create request for the first seeded dedicated load balancer, with the given ports. */
export function lbServiceInput(
  world: TestCloud['world'],
  serverPorts: readonly number[] = [8080],
  name?: string,
) {
  const lb = world.loadBalancers.find((l) => l.family === 'dedicated');
  if (!lb) throw new Error('the demo world has no dedicated load balancer');
  return {
    vpcId: lb.vpcId,
    portId: lb.vipPortId,
    serverType: 'LB' as const,
    approvalEnabled: true,
    ports: serverPorts.map((serverPort, i) => ({ clientPort: 80 + i, serverPort, protocol: 'TCP' })),
    ...(name ? { name } : {}),
  };
}

/**
 * Creates an approval-enabled service on the first load balancer of the first demo VPC, finding both
 * through `client`: for clouds a test did not start itself (the bot's own sandbox). Does not wait.
 */
export async function createOnFirstLoadBalancer(
  client: ProjectCloud,
  ports: readonly PortMapping[],
  name?: string,
): Promise<EndpointService> {
  const [vpc] = (await client.listVpcs()).sort((a, b) => a.name.localeCompare(b.name));
  const [lb] = await client.listLoadBalancers(vpc?.id ?? '');
  if (!vpc || !lb) throw new Error('the sandbox has no seeded VPC with a load balancer');
  return client.createService({
    vpcId: vpc.id,
    portId: lb.vipPortId,
    serverType: 'LB',
    approvalEnabled: true,
    ports: [...ports],
    ...(name ? { name } : {}),
  });
}

export interface RawAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
}

/**
 * A hand-made request to the emulator, signed with the test AK/SK unless `sign` is false or `tamper`
 * changes the request after signing. For checks the client cannot produce on purpose.
 */
export async function rawRequest(
  baseUrl: string,
  method: string,
  pathAndQuery: string,
  options: {
    body?: unknown;
    sign?: boolean;
    credentials?: { accessKey: string; secretKey: string };
    now?: Date;
    /** The signature form; the API Gateway form (`Access=`) unless told. */
    form?: SigningForm;
    headers?: Record<string, string>;
    tamper?: (request: { url: URL; body: string; headers: Record<string, string> }) => void;
  } = {},
): Promise<RawAnswer> {
  const url = new URL(`${baseUrl}${pathAndQuery}`);
  const body = options.body === undefined ? '' : JSON.stringify(options.body);
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...options.headers };
  if (options.sign !== false) {
    Object.assign(
      headers,
      signAs(
        options.form ?? 'apig',
        { method, url, headers, body },
        options.credentials ?? TEST_AKSK,
        options.now ?? new Date(),
      ),
    );
  }
  const request = { url, body, headers };
  options.tamper?.(request);
  const response = await fetch(request.url, {
    method,
    headers: request.headers,
    ...(request.body ? { body: request.body } : {}),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: response.status, body: parsed, text };
}
