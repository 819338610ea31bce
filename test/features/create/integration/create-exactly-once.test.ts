/**
 * One create per review, whatever happens: a double submit and a Slack retry make one create call; a
 * bot stopped mid-create is resumed by the next one without a second call (also when the first had
 * sent the request but not recorded its answer); a failed creation says why and "Edit and retry"
 * brings the draft back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_TYPE } from '#src/domain/endpoint-service-spec.js';
import { ATTEMPT_TAG_KEY } from '#src/domain/tags.js';
import { attemptTagValue } from '#src/features/create/creation/attempt-model.js';
import { CREATE_ACTION, CREATE_VIEW } from '#src/features/create/views/create-ids.js';
import { FAKE_TEAM, type StoredView } from '#src/playground/slack/index.js';
import { FAST_CLOUD } from '../../../helpers/bot-harness.js';
import { eventually } from '../../../helpers/eventually.js';
import {
  blockIdOf,
  type CreateEnv,
  claimOrphan,
  createRequests,
  currentView,
  EU_DE,
  elementOf,
  startCreateEnv,
  submitFilledForm,
  textOf,
} from './create-harness.js';

let env: CreateEnv;

beforeAll(async () => {
  // Creation takes 1.5 s in the cloud, long enough to stop a bot in the middle of it.
  env = await startCreateEnv({
    cloud: { ...FAST_CLOUD, sandbox: { createDelayMs: 1500, deleteDelayMs: 200 } },
  });
});

afterAll(async () => {
  await env.stop();
});

async function reviewFor(user: string, values: { name?: string; ports: string }): Promise<StoredView> {
  const { shown: review } = await submitFilledForm(env, user, {
    vpc: 'vpc-demo-b',
    backend: 'elb-dedicated-b',
    values: { name: values.name ?? '', ports: values.ports },
  });
  expect(review.callback_id).toBe(CREATE_VIEW.review);
  return review;
}

function resultFor(user: string, since: number) {
  return env.fake.waitForCall('chat.postMessage', (c) => c.args.channel === user, {
    since,
    timeoutMs: 20_000,
  });
}

describe('one create per review', () => {
  it('should make one create call for a double submit and a retried submit', async () => {
    const review = await reviewFor('U0TWICE', { name: 'twice', ports: '7001:80' });
    const before = createRequests(env).length;
    const since = env.fake.callCount();
    const [first, second] = await Promise.all([
      env.slack.viewSubmission({ userId: 'U0TWICE', view: review }),
      env.slack.viewSubmission({ userId: 'U0TWICE', view: review }),
    ]);
    for (const answer of [first, second]) {
      expect(answer.ackIssues).toEqual([]);
      expect((answer.body as { view: { callback_id: string } }).view.callback_id).toBe(CREATE_VIEW.progress);
    }
    await resultFor('U0TWICE', since);
    const retried = await env.slack.viewSubmission(
      { userId: 'U0TWICE', view: review },
      { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } },
    );
    expect(JSON.stringify(retried.body)).toContain('is available');
    expect(createRequests(env).length - before).toBe(1);
    expect(
      env.fake.calls('chat.postMessage').filter((c) => c.index >= since && c.args.channel === 'U0TWICE'),
    ).toHaveLength(1);
  });

  it('should finish a creation on the next bot when the bot stops in the middle of it', async () => {
    const review = await reviewFor('U0RESTART', { name: 'restarted', ports: '7002:80' });
    const before = createRequests(env).length;
    const since = env.fake.callCount();
    await env.slack.viewSubmission({ userId: 'U0RESTART', view: review });
    // The cloud accepted the create and is building the service when the bot stops.
    const service = await waitForService('restarted');
    expect(service.status).toBe('creating');
    expect(createRequests(env).length - before).toBe(1);
    await env.restart();
    const dm = await resultFor('U0RESTART', since);
    expect(String(dm.args.text)).toContain(service.id);
    expect(String(dm.args.text)).toContain('is available');
    // The new bot's cloud (a new sandbox request log) was asked for nothing but the service's status.
    expect(createRequests(env)).toHaveLength(0);
    expect(await env.bot.bot.core.records.get(EU_DE, service.id)).toMatchObject({ createdBy: 'U0RESTART' });
    expect(textOf(currentView(env, review.id))).toContain('is available');
  });

  it('should adopt the service a stopped bot had asked for instead of creating a second one', async () => {
    // A worker sent the create and died before recording the answer: the cloud has the service.
    const project = env.bot.bot.cloud.project(EU_DE);
    const [vpc] = (await project.listVpcs()).filter((v) => v.name === 'vpc-demo-b');
    const [lb] = await project.listLoadBalancers(vpc?.id ?? '');
    const ports = [{ clientPort: 80, serverPort: 7003, protocol: 'TCP' }];
    const orphan = { teamId: FAKE_TEAM.teamId, userId: 'U0ORPHAN', id: 'a1b2c3d4e5f6.0a0b0c0d0e0f' };
    // The request carried the attempt's own tag, as every create does: that is what proves it.
    const created = await project.createService({
      vpcId: vpc?.id ?? '',
      portId: lb?.vipPortId ?? '',
      serverType: SERVER_TYPE.elb,
      ports,
      approvalEnabled: true,
      name: 'orphan',
      attemptTag: { key: ATTEMPT_TAG_KEY, value: attemptTagValue(orphan) },
    });
    await claimOrphan(env, {
      id: 'a1b2c3d4e5f6.0a0b0c0d0e0f',
      userId: 'U0ORPHAN',
      draftId: 'a1b2c3d4e5f6',
      spec: {
        name: 'orphan',
        vpcId: vpc?.id ?? '',
        portId: lb?.vipPortId ?? '',
        ports: [{ servicePort: 7003, terminalPort: 80 }],
      },
    });
    const before = createRequests(env).length;
    const since = env.fake.callCount();
    const dm = await resultFor('U0ORPHAN', since);
    expect(String(dm.args.text)).toContain(created.id);
    expect(createRequests(env).length).toBe(before);
  });

  it("should give the cloud's code and message when the service fails, and Edit and retry reopens the draft", async () => {
    const review = await reviewFor('U0FAIL', { name: 'doomed', ports: '7004:80' });
    const since = env.fake.callCount();
    await env.slack.viewSubmission({ userId: 'U0FAIL', view: review });
    const service = await waitForService('doomed');
    await env.sandbox().failService(EU_DE, service.id, {
      code: 'EndPoint.3005',
      message: 'Failed to create the endpoint service.',
    });
    const dm = await resultFor('U0FAIL', since);
    expect(String(dm.args.text)).toContain('EndPoint.3005: Failed to create the endpoint service.');
    const message = env.fake.message(String(dm.response.channel), String(dm.response.ts));
    expect(message).toBeDefined();
    const opened = env.fake.callCount();
    await env.slack.blockActions({
      userId: 'U0FAIL',
      message: {
        channel: String(dm.response.channel),
        ts: String(dm.response.ts),
        blocks: message?.blocks ?? [],
      },
      actions: [{ action_id: CREATE_ACTION.editRetry }],
    });
    const open = await env.fake.waitForCall('views.open', () => true, { since: opened });
    const viewId = String((open.response.view as { id: string }).id);
    await env.fake.waitForCall('views.update', (c) => c.args.view_id === viewId, {
      since: opened,
      timeoutMs: 10_000,
    });
    const form = currentView(env, viewId);
    expect(form.callback_id).toBe(CREATE_VIEW.form);
    expect(elementOf(form, 'name').initial_value).toBe('doomed');
    expect(elementOf(form, 'ports').initial_value).toBe('7004:80');
    expect(blockIdOf(form, 'backend')).toContain('create_resource_elb_');
    expect(textOf(form)).toContain('Edit the values');
  });

  it('should never send a payload Slack would refuse', () => {
    env.fake.assertNoRejections();
  });
});

async function waitForService(name: string) {
  const [service] = await eventually(
    () => env.bot.bot.cloud.project(EU_DE).listServices({ name }),
    (found) => found.length > 0,
  );
  if (!service) throw new Error(`no service ${name}`);
  return service;
}
