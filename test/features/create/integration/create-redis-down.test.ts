/**
 * Redis away in the middle of the create flow: a clear message, nothing typed lost, no crash; the
 * flow goes on once Redis is back.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_ACTION, CREATE_BLOCK, CREATE_VIEW } from '#src/features/create/views/create-ids.js';
import { waitForRedis } from '#src/redis/redis-connection.js';
import { eventually } from '../../../helpers/eventually.js';
import { type RedisServerHandle, startRedisServer } from '../../../helpers/redis-server.js';
import {
  type CreateEnv,
  click,
  createRequests,
  currentView,
  fillForm,
  runCreate,
  startCreateEnv,
  submitFilledForm,
  textOf,
} from './create-harness.js';

let redis: RedisServerHandle;
let env: CreateEnv;

beforeAll(async () => {
  redis = await startRedisServer({ appendOnly: true });
  env = await startCreateEnv({ redisUrl: redis.url });
});

afterAll(async () => {
  await env.stop();
  await redis.dispose();
});

/** Restarts Redis and waits until the bot is connected again. */
async function backAgain(): Promise<void> {
  await redis.restart();
  expect(await waitForRedis(env.bot.bot.redis, 10_000)).toBe(true);
}

describe('the create flow while Redis is away', () => {
  it('should keep the form and what was typed, say why, and go on when Redis is back', async () => {
    const user = 'U0PATIENT';
    const { view, values } = await fillForm(env, user, {
      vpc: 'vpc-demo-a',
      backend: 'elb-shared-a',
      values: { ports: '3001:80' },
    });
    await redis.stop();
    try {
      const refused = await env.slack.viewSubmission({ userId: user, view, values });
      expect(refused.ackIssues).toEqual([]);
      const body = refused.body as { response_action: string; errors: Record<string, string> };
      expect(body.response_action).toBe('errors');
      const message = Object.values(body.errors).join('\n');
      expect(message).toContain('cannot reach its state store (Redis)');
      expect(message).toContain('What you typed is still here');
      expect(currentView(env, view.id).callback_id).toBe(CREATE_VIEW.form);
    } finally {
      await backAgain();
    }
    const accepted = await env.slack.viewSubmission({ userId: user, view, values });
    expect((accepted.body as { response_action: string }).response_action).toBe('update');
    expect(currentView(env, view.id).callback_id).toBe(CREATE_VIEW.review);
  });

  it('should open the modal and offer Retry when Redis is away at /vpcep create', async () => {
    const user = 'U0EARLY';
    await redis.stop();
    let view: Awaited<ReturnType<typeof runCreate>>;
    try {
      view = await runCreate(env, user);
      expect(textOf(view)).toContain('cannot reach its state store (Redis)');
    } finally {
      await backAgain();
    }
    const form = await click(env, view, user, CREATE_ACTION.retry);
    expect(form.callback_id).toBe(CREATE_VIEW.form);
    expect(JSON.stringify(form.blocks)).toContain(CREATE_BLOCK.ports);
  });

  it('should create once, and show its progress, when the draft cannot be marked as creating', async () => {
    const user = 'U0UNMARKED';
    const { shown: review } = await submitFilledForm(env, user, {
      vpc: 'vpc-demo-b',
      backend: 'elb-shared-b',
      values: { ports: '3002:80' },
    });
    expect(review.callback_id).toBe(CREATE_VIEW.review);
    // Redis refuses to write drafts (HSET) from now on; everything else still works.
    const admin = new Redis(redis.url);
    const prefix = env.bot.keyPrefix;
    await admin.call(
      'ACL',
      'SETUSER',
      'default',
      '-hset',
      `(+hset ~${prefix}sandbox:* ~${prefix}approval* ~${prefix}digest*)`,
    );
    const before = createRequests(env).length;
    const since = env.fake.callCount();
    try {
      const created = await env.slack.viewSubmission({ userId: user, view: review });
      expect(created.body).toMatchObject({
        response_action: 'update',
        view: { callback_id: CREATE_VIEW.progress },
      });
      // The creation runs although the draft still says "review"; it waits to record its end there.
      const service = await waitForAService(3002);
      expect(service).toBeDefined();
      // The same review submitted again (a retry) shows the same creation, and creates nothing.
      const again = await env.slack.viewSubmission({ userId: user, view: review });
      expect(again.body).toMatchObject({ view: { callback_id: CREATE_VIEW.progress } });
    } finally {
      await admin.call('ACL', 'SETUSER', 'default', 'clearselectors', '+@all');
      admin.disconnect();
    }
    const dm = await env.fake.waitForCall(
      'chat.postMessage',
      (c) => c.args.channel === user && c.response.ok === true,
      { since, timeoutMs: 30_000 },
    );
    expect(String(dm.args.text)).toContain('is available');
    expect(createRequests(env).length - before).toBe(1);
    // The draft learnt the outcome: the next /vpcep create starts afresh.
    expect((await runCreate(env, user)).callback_id).toBe(CREATE_VIEW.form);
  });

  it('should never send a payload Slack would refuse', () => {
    env.fake.assertNoRejections();
  });
});

/** The service whose mapping uses `serverPort`, once the cloud lists it. */
async function waitForAService(serverPort: number) {
  const project = env.bot.bot.cloud.project(env.bot.bot.cloud.projects[0]?.projectId ?? '');
  return eventually(
    async () => (await project.listServices()).find((s) => s.ports.some((p) => p.serverPort === serverPort)),
    (found) => found !== undefined,
  );
}
