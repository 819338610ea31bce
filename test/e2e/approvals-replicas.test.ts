/**
 * Approvals across real bot processes (`node dist/main.js`, run `npm run build` first) sharing one
 * private redis-server and the fake Slack, in sandbox mode: each process runs its own emulator on the
 * shared Redis, so all see one cloud; each emulator logs what it received, read over its admin routes.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceRecords } from '#src/access/service-records.js';
import { type Cloud, createCloud } from '#src/cloud/index.js';
import { createApprovalRequestStore } from '#src/features/approvals/store/approval-request-store.js';
import { APPROVE_ACTION } from '#src/features/approvals/views/approval-ids.js';
import { SANDBOX_PROJECTS } from '#src/platform/config/load-config.js';
import { type FakeSlack, type StoredMessage, startFakeSlack } from '#src/playground/slack/index.js';
import { createKeys } from '#src/redis/keys.js';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../helpers/bot-harness.js';
import { type BotProcess, startBotProcess } from '../helpers/bot-process.js';
import { freePort, type RedisServerHandle, startRedisServer } from '../helpers/redis-server.js';
import { uniquePrefix } from '../helpers/redis-test.js';
import { createSlackDriver, type SlackDriver } from '../helpers/slack-driver.js';

const PROJECT = SANDBOX_PROJECTS[0]?.projectId ?? '';
const OWNER = 'U0OWNER';
const CHANNEL = 'C0REPLICAS';

interface Replica {
  readonly name: string;
  readonly process: BotProcess;
  readonly slack: SlackDriver;
  readonly sandboxUrl: string;
}

let redisServer: RedisServerHandle;
let redis: Redis;
let fake: FakeSlack;
let cloud: Cloud;
const prefix = uniquePrefix('e2e-apr');
const replicas: Replica[] = [];

async function eventually<T>(read: () => T | Promise<T>, done: (v: T) => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      expect.fail(`not reached in ${timeoutMs} ms: ${JSON.stringify(value)?.slice(0, 1500)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function startReplica(name: string): Promise<Replica> {
  const process = await startBotProcess(
    {
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      SLACK_API_RETRIES: '0',
      REDIS_URL: redisServer.url,
      REDIS_KEY_PREFIX: prefix,
      APPROVAL_POLL_SECONDS: '1',
      APPROVAL_DECISION_LEASE: '5s',
      VPCEP_ADMINS: 'U0ADMIN',
      LOG_LEVEL: 'info',
    },
    await freePort(),
  );
  const match = await eventually(
    () => /"url":"(http:\/\/127\.0\.0\.1:\d+)"[^\n]*SANDBOX MODE/.exec(process.output()),
    (m) => m !== null,
  );
  const replica = {
    name,
    process,
    slack: createSlackDriver({ baseUrl: process.baseUrl, signingSecret: TEST_SIGNING_SECRET, fake }),
    sandboxUrl: match?.[1] ?? '',
  };
  replicas.push(replica);
  return replica;
}

const alive = () =>
  replicas.filter((r) => r.process.proc.exitCode === null && r.process.proc.signalCode === null);

/** Accept/reject calls every live replica's emulator received for an endpoint. */
async function cloudActions(endpointId: string, among = alive()): Promise<string[]> {
  const lists = await Promise.all(
    among.map(async (r) => {
      const res = await fetch(`${r.sandboxUrl}/_sandbox/requests?method=POST&path=connections/action$`);
      const body = (await res.json()) as { requests: { body: { endpoints: string[]; action: string } }[] };
      return body.requests.filter((q) => q.body.endpoints.includes(endpointId)).map((q) => q.body.action);
    }),
  );
  return lists.flat();
}

async function connectionStatus(serviceId: string, endpointId: string): Promise<string | undefined> {
  const [connection] = await cloud.project(PROJECT).listConnections(serviceId, { endpointId });
  return connection?.status;
}

async function pendingRequest(): Promise<{ serviceId: string; endpointId: string; message: StoredMessage }> {
  const { serviceIds } = (await cloud.sandbox?.bulkSeed(PROJECT, { services: 1 })) ?? { serviceIds: [] };
  const serviceId = serviceIds[0] ?? '';
  await createServiceRecords(redis, createKeys(prefix)).put({
    projectId: PROJECT,
    serviceId,
    owners: { users: [OWNER], groups: [] },
    approvalChannel: CHANNEL,
  });
  const connection = await cloud.sandbox?.requestConnection(PROJECT, serviceId);
  const endpointId = connection?.endpointId ?? '';
  const message = await eventually(
    () => fake.messages(CHANNEL).find((m) => !m.thread_ts && JSON.stringify(m.blocks).includes(endpointId)),
    (m) => m !== undefined,
  );
  return { serviceId, endpointId, message: message as StoredMessage };
}

const topLevelPosts = (endpointId: string) =>
  fake
    .calls('chat.postMessage')
    .filter((c) => !c.args.thread_ts && JSON.stringify(c.args).includes(endpointId));

const hasButtons = (m: StoredMessage | undefined) => JSON.stringify(m?.blocks ?? []).includes(APPROVE_ACTION);

function click(replica: Replica, message: StoredMessage, userId = OWNER) {
  return replica.slack.blockActions({
    userId,
    message: {
      channel: message.channel,
      ts: message.ts,
      blocks: message.blocks ?? [],
      text: message.text ?? '',
    },
    actions: [{ action_id: APPROVE_ACTION }],
  });
}

beforeAll(async () => {
  redisServer = await startRedisServer();
  redis = new Redis(redisServer.url, { maxRetriesPerRequest: 1 });
  fake = await startFakeSlack();
  cloud = await createCloud(
    { mode: 'sandbox', projects: SANDBOX_PROJECTS },
    { logger: pino({ level: 'silent' }), redis, keyPrefix: prefix },
  );
  for (const name of ['a', 'b', 'c']) await startReplica(name);
}, 60_000);

afterAll(async () => {
  // `kill()` waits for an exit, so only for the replicas still running.
  await Promise.allSettled(alive().map((r) => r.process.kill()));
  await cloud?.close();
  redis?.disconnect();
  await fake?.close();
  await redisServer?.dispose();
});

describe('approvals across three bot processes', () => {
  it('should post exactly one request when the polling leader dies in the middle of its post', async () => {
    const leads = (r: Replica) => /"job":"approval-poller"[^\n]*became leader/.test(r.process.output());
    const leader = await eventually(
      () => alive().find(leads),
      (r) => r !== undefined,
    );
    // The leader's post hangs in Slack; the leader dies holding the post claim; a new leader polls
    // the same connection over and over meanwhile.
    fake.setLatency('chat.postMessage', 4000);
    const { serviceIds } = (await cloud.sandbox?.bulkSeed(PROJECT, { services: 1 })) ?? { serviceIds: [] };
    const serviceId = serviceIds[0] ?? '';
    await createServiceRecords(redis, createKeys(prefix)).put({
      projectId: PROJECT,
      serviceId,
      owners: { users: [OWNER], groups: [] },
      approvalChannel: CHANNEL,
    });
    const endpointId = (await cloud.sandbox?.requestConnection(PROJECT, serviceId))?.endpointId ?? '';
    try {
      // The leader claimed the first post and is waiting for Slack's answer.
      const hash = `${prefix}{apr:${PROJECT}:${serviceId}:${endpointId}}`;
      await eventually(
        () => redis.hget(hash, 'postClaimToken'),
        (token) => token !== null,
      );
      await leader?.process.kill();
      await eventually(
        () => alive().find(leads),
        (r) => r !== undefined,
      );
      const polled = async () => {
        const counts = await Promise.all(
          alive().map(async (r) => {
            const res = await fetch(`${r.sandboxUrl}/_sandbox/requests?method=GET&path=connections$`);
            return ((await res.json()) as { requests: unknown[] }).requests.length;
          }),
        );
        return counts.reduce((a, b) => a + b, 0);
      };
      const start = await polled();
      await eventually(polled, (n) => n >= start + 3);
    } finally {
      fake.setLatency('chat.postMessage', 0);
    }
    // Usually the dead leader's post lands in Slack; if it died before its post left, the claim lapses
    // (60 s) and the new leader posts instead. Either way: one post.
    await eventually(
      () => fake.messages(CHANNEL).filter((m) => JSON.stringify(m.blocks).includes(endpointId)),
      (posted) => posted.length >= 1,
      90_000,
    );
    expect(topLevelPosts(endpointId)).toHaveLength(1);
    expect(alive()).toHaveLength(2);
  }, 150_000);

  it('should make exactly one cloud action for 20 concurrent clicks spread over two processes', async () => {
    const { endpointId, message } = await pendingRequest();
    const [first, second] = alive();
    if (!first || !second) throw new Error('two replicas expected');
    const clicks = Array.from({ length: 20 }, (_, i) => click(i % 2 === 0 ? first : second, message));
    const answers = await Promise.all(clicks);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    // "is approving…" already has no buttons: wait for the decided message itself.
    const updated = await eventually(
      () => fake.message(message.channel, message.ts),
      (m) => !hasButtons(m) && JSON.stringify(m?.blocks).includes('*Approved*'),
    );
    expect(JSON.stringify(updated?.blocks)).toContain(`*Approved* by <@${OWNER}>`);
    expect(await cloudActions(endpointId)).toEqual(['receive']);
    const audit = await redis.xrange(`${prefix}audit`, '-', '+');
    expect(audit.filter(([, f]) => f.includes(endpointId) && f.includes('connection.approved'))).toHaveLength(
      1,
    );
  }, 60_000);

  it('should leave no request stuck when a replica dies while deciding', async () => {
    const store = createApprovalRequestStore(redis, createKeys(prefix));
    // 1. The cloud acted, then the replica died before it recorded the decision.
    const acted = await pendingRequest();
    const victim = await startReplica(`victim-${randomUUID().slice(0, 4)}`);
    await fetch(`${victim.sandboxUrl}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        match: 'connections/action$',
        method: 'POST',
        latencyMs: 120_000,
        phase: 'after',
      }),
    });
    await click(victim, acted.message);
    await eventually(
      () => connectionStatus(acted.serviceId, acted.endpointId),
      (s) => s === 'accepted',
    );
    const actedId = store.requestId(PROJECT, acted.serviceId, acted.endpointId);
    expect((await store.get(actedId))?.state).toBe('deciding');
    await victim.process.kill();
    const settled = await eventually(
      () => fake.message(acted.message.channel, acted.message.ts),
      (m) => !hasButtons(m) && JSON.stringify(m?.blocks).includes('Approved'),
    );
    expect(JSON.stringify(settled?.blocks)).toContain(`*Approved* by <@${OWNER}>`);
    expect(await store.get(actedId)).toMatchObject({ state: 'approved', decidedBy: OWNER });

    // 2. The replica died before the action reached the cloud: pending again, buttons back, decidable.
    const lost = await pendingRequest();
    const second = await startReplica(`victim-${randomUUID().slice(0, 4)}`);
    await fetch(`${second.sandboxUrl}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ match: 'connections/action$', method: 'POST', latencyMs: 120_000 }),
    });
    await click(second, lost.message);
    const lostId = store.requestId(PROJECT, lost.serviceId, lost.endpointId);
    await eventually(
      () => store.get(lostId),
      (r) => r?.state === 'deciding',
    );
    await second.process.kill();
    const reopened = await eventually(
      () => fake.message(lost.message.channel, lost.message.ts),
      (m) => hasButtons(m) && JSON.stringify(m?.blocks).includes('interrupted'),
    );
    expect(await connectionStatus(lost.serviceId, lost.endpointId)).toBe('pendingAcceptance');
    const [survivor] = alive();
    if (!survivor || !reopened) throw new Error('a replica expected');
    await click(survivor, reopened);
    await eventually(
      () => fake.message(lost.message.channel, lost.message.ts),
      (m) => !hasButtons(m) && JSON.stringify(m?.blocks).includes('Approved'),
    );
    expect(await connectionStatus(lost.serviceId, lost.endpointId)).toBe('accepted');
  }, 90_000);

  it('should never send a payload Slack would refuse', () => {
    fake.assertNoRejections();
  });
});
