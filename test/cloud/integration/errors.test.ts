import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  CloudError,
  InvalidParameterError,
  NotFoundError,
  PermissionDeniedError,
  PortConflictError,
  QuotaExceededError,
  RateLimitedError,
} from '#src/cloud/errors.js';
import type { CreateServiceInput } from '#src/cloud/types.js';
import { lbServiceInput, startTestCloud, type TestCloud } from '../../helpers/cloud-test.js';

let t: TestCloud;
let serverPort = 20_000;

beforeAll(async () => {
  t = await startTestCloud({ tuning: { retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } } });
});
afterAll(() => t.close());
beforeEach(() => t.control.clearFaults());

const valid = (overrides: Partial<CreateServiceInput> = {}): CreateServiceInput => ({
  ...lbServiceInput(t.world, [serverPort++]),
  ...overrides,
});

async function failure(promise: Promise<unknown>): Promise<CloudError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof CloudError)) throw new Error(`expected a CloudError, got ${String(error)}`);
  return error;
}

describe('each error kind, from the documented error bodies', () => {
  it('quota exceeded: the 21st service is refused with Endpoint.1018', async () => {
    const full = await startTestCloud();
    try {
      await full.control.setQuota(full.projectId, 2);
      await full.client.createService(lbServiceInput(full.world, [1]));
      await full.client.createService(lbServiceInput(full.world, [2]));
      const error = await failure(full.client.createService(lbServiceInput(full.world, [3])));
      expect(error).toBeInstanceOf(QuotaExceededError);
      expect(error).toMatchObject({ status: 400, otcCode: 'Endpoint.1018', otcMessage: 'Quota exceeded.' });
      expect(error.hasCode('EndPoint.1018')).toBe(true);
      expect(error.userMessage).toMatch(
        /quota of VPC endpoint services.*Delete a service you no longer need/,
      );
      expect(await full.client.quota('endpoint_service')).toEqual({ used: 2, quota: 2 });
    } finally {
      await full.close();
    }
  });

  it('quota exceeded at the documented default of 20', async () => {
    const full = await startTestCloud();
    try {
      for (let i = 0; i < 20; i++) await full.client.createService(lbServiceInput(full.world, [100 + i]));
      const error = await failure(full.client.createService(lbServiceInput(full.world, [200])));
      expect(error).toBeInstanceOf(QuotaExceededError);
    } finally {
      await full.close();
    }
  });

  it.each([
    ['EndPoint.0022', 400],
    ['APIG.0308', 429],
  ])('rate limited: %s (HTTP %i) is retryable and tells the person to wait', async (errorCode, status) => {
    t.control.addFault({ errorCode, status, count: 1 });
    const error = await failure(t.client.listVpcs());
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ status, otcCode: errorCode, retryable: true });
    expect(error.userMessage).toContain('try again in a minute');
  });

  it('not found: a service that does not exist', async () => {
    const error = await failure(t.client.getService('00000000-0000-4000-a000-000000000000'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, otcCode: 'EndPoint.0005' });
  });

  it('port conflict: a second service with the same backend port and server port (EndPoint.3044)', async () => {
    const input = valid();
    await t.client.createService(input);
    const serverPortInUse = input.ports[0]?.serverPort ?? 0;
    const error = await failure(
      t.client.createService({
        ...input,
        ports: [{ clientPort: 81, serverPort: serverPortInUse, protocol: 'TCP' }],
      }),
    );
    expect(error).toBeInstanceOf(PortConflictError);
    expect(error.otcCode).toBe('EndPoint.3044');
    expect(error.userMessage).toContain('Choose different backend (server) ports');
  });

  it('authentication failed: 401, not retryable', async () => {
    t.control.addFault({ status: 401, count: 1 });
    const error = await failure(t.client.listVpcs());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.retryable).toBe(false);
  });

  it('permission denied: 403 points at the IAM permissions document', async () => {
    t.control.addFault({ status: 403, count: 1 });
    const error = await failure(t.client.listServices());
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error.userMessage).toContain('docs/iam-permissions.md');
  });

  it.each<[string, Partial<CreateServiceInput>, string]>([
    ['a name over 16 characters', { name: 'a-name-that-is-too-long' }, 'EndPoint.1003'],
    ['an unknown server type', { serverType: 'DB' as never }, 'EndPoint.3021'],
    [
      'a server port out of range',
      { ports: [{ clientPort: 80, serverPort: 70000, protocol: 'TCP' }] },
      'EndPoint.3043',
    ],
    [
      'a client port out of range',
      { ports: [{ clientPort: 0, serverPort: 80, protocol: 'TCP' }] },
      'EndPoint.3004',
    ],
    ['no port mapping', { ports: [] }, 'EndPoint.2028'],
    ['UDP', { ports: [{ clientPort: 80, serverPort: 80, protocol: 'UDP' }] }, 'EndPoint.3075'],
    [
      '21 tags',
      { tags: Array.from({ length: 21 }, (_, i) => ({ key: `k${i}`, value: 'v' })) },
      'EndPoint.3069',
    ],
    [
      'a duplicate tag key',
      {
        tags: [
          { key: 'team', value: 'a' },
          { key: 'team', value: 'b' },
        ],
      },
      'EndPoint.3067',
    ],
    ['a tag with a space', { tags: [{ key: 'cost center', value: 'x' }] }, 'EndPoint.3068'],
    ['a description with "<"', { description: '<script>' }, 'EndPoint.0002'],
  ])('invalid parameter: %s', async (_, overrides, code) => {
    const error = await failure(t.client.createService(valid(overrides)));
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect(error.otcCode).toBe(code);
    expect(error.status).toBe(400);
    expect(error.userMessage).toMatch(/^The cloud refused to create the endpoint service: /);
  });

  it('invalid parameter: a backend port that is not in the chosen VPC (EndPoint.3042)', async () => {
    const [vpcA, vpcB] = t.world.vpcs;
    const lbInB = t.world.loadBalancers.find((l) => l.vpcId === vpcB?.id);
    const error = await failure(
      t.client.createService(valid({ vpcId: vpcA?.id ?? '', portId: lbInB?.vipPortId ?? '' })),
    );
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect(error.otcCode).toBe('EndPoint.3042');
    expect(error.userMessage).toContain('Pick a backend from that VPC');
  });

  it('nothing was created by any refused request', async () => {
    const names = (await t.client.listServices()).map((s) => s.name);
    expect(names).not.toContain('a-name-that-is-too-long');
  });
});
