/**
 * Endpoint resolution end to end: the real client with no OTC_ENDPOINT_TEMPLATE, so hosts come from the
 * per-service variables, the IAM token's catalog and the region table; the emulator's IAM hands out a
 * catalog naming itself for every service of the project's region (BMS in eu-de only).
 */
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cloud, createCloud } from '#src/cloud/index.js';
import { type SandboxHandle, startSandbox } from '#src/cloud/sandbox/start-sandbox.js';
import type { CloudConfig } from '#src/platform/config/config-types.js';
import { FAST_TUNING, TEST_AKSK, TEST_PROJECTS, TEST_USER, testLogger } from '../../helpers/cloud-test.js';
import { testRedisUrl, uniquePrefix } from '../../helpers/redis-test.js';

const NL = TEST_PROJECTS.find((p) => p.region === 'eu-nl');
if (!NL) throw new Error('the test projects have no eu-nl project');

let redis: Redis;
let sandbox: SandboxHandle;
const keyPrefix = uniquePrefix('endpoints');

beforeAll(async () => {
  redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
  sandbox = await startSandbox({
    redis,
    keyPrefix,
    logger: testLogger(),
    projects: TEST_PROJECTS,
    credentials: { ...TEST_AKSK, users: [TEST_USER] },
  });
});
afterAll(async () => {
  await sandbox.close();
  redis.disconnect();
});

/** A client of the eu-nl project with `config`, and the warnings it logs. */
async function client(config: Omit<Extract<CloudConfig, { mode: 'otc' }>, 'mode' | 'projects'>) {
  const warnings: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      const line = JSON.parse(String(chunk)) as { level: number; msg: string };
      if (line.level === 40) warnings.push(line.msg);
      done();
    },
  });
  const cloud: Cloud = await createCloud(
    { mode: 'otc', projects: [NL as NonNullable<typeof NL>], ...config },
    { logger: pino({ level: 'warn' }, sink), redis, keyPrefix },
    { tuning: FAST_TUNING },
  );
  return { project: cloud.project(NL?.projectId ?? ''), warnings };
}

describe('where the client sends each service, without OTC_ENDPOINT_TEMPLATE', () => {
  it('takes the hosts from the IAM token catalog with token auth, before the region table', async () => {
    const before = sandbox.control.requests().length;
    const { project } = await client({
      auth: { kind: 'password', ...TEST_USER },
      // Only IAM is configured: every other host must come from the catalog, or the calls would leave
      // for the table's real eu-nl hosts.
      endpointOverrides: { iam: sandbox.url },
    });
    const vpcs = await project.listVpcs();
    expect(vpcs.length).toBeGreaterThan(0);
    await project.listServices();
    const seen = sandbox.control.requests().slice(before);
    expect(seen.map((r) => [r.method, r.path.replace(NL?.projectId ?? '', '{project}'), r.query])).toEqual([
      ['POST', '/v3/auth/tokens', {}],
      ['GET', '/v1/{project}/vpcs', expect.anything()],
      ['GET', '/v1/{project}/vpc-endpoint-services', expect.anything()],
    ]);
  });

  it('gives an empty BMS list and one note, without a request, where the region has no BMS', async () => {
    const { project, warnings } = await client({
      auth: { kind: 'password', ...TEST_USER },
      endpointOverrides: { iam: sandbox.url },
    });
    const [vpc] = await project.listVpcs();
    const before = sandbox.control.requests().length;
    expect(await project.listServerNics('bms', vpc?.id ?? '')).toEqual([]);
    expect(await project.listServerNics('bms', vpc?.id ?? '')).toEqual([]);
    expect(sandbox.control.requests().slice(before)).toEqual([]);
    expect(warnings).toEqual([
      expect.stringMatching(/^region eu-nl offers no BMS service .*OTC_ENDPOINT_BMS/),
    ]);
    // ECSs of the same region still come from the catalog's host.
    await expect(project.listServerNics('ecs', vpc?.id ?? '')).resolves.toEqual(expect.any(Array));
  });

  it('sends a service to its OTC_ENDPOINT_<SERVICE> host with AK/SK, where there is no catalog', async () => {
    const { project, warnings } = await client({
      auth: { kind: 'aksk', ...TEST_AKSK },
      endpointOverrides: { vpc: sandbox.url, bms: sandbox.url },
    });
    const before = sandbox.control.requests().length;
    const [vpc] = await project.listVpcs();
    await project.listServerNics('bms', vpc?.id ?? '');
    // The list, then (for servers whose addresses name no port) their NICs: all at the override's host.
    expect(
      sandbox.control
        .requests()
        .slice(before)
        .map((r) => r.path.replace(NL?.projectId ?? '', '{project}'))
        .slice(0, 2),
    ).toEqual(['/v1/{project}/vpcs', '/v1/{project}/baremetalservers/detail']);
    expect(warnings).toEqual([]);
  });
});
