/**
 * The creation when the cloud or Slack misbehaves: a create the cloud never confirmed is never sent
 * again (the service is looked for until it appears); a resent create that the cloud refuses with
 * EndPoint.3044 adopts the service the first one made; a result the creator could not be sent is sent
 * again; a quota the quotas API cannot read is counted against the default of 20.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_VIEW } from '#src/features/create/views/create-ids.js';
import type { StoredView } from '#src/playground/slack/index.js';
import { FAST_CLOUD } from '../../../helpers/bot-harness.js';
import {
  type CreateEnv,
  claimOrphan,
  createRequests,
  currentView,
  EU_DE,
  EU_NL,
  runCreate,
  startCreateEnv,
  storedDraft,
  submitFilledForm,
  textOf,
} from './create-harness.js';

let env: CreateEnv;

beforeAll(async () => {
  // Cloud calls time out after 1 s, so a slow create is an unconfirmed one.
  env = await startCreateEnv({
    cloud: { ...FAST_CLOUD, tuning: { ...FAST_CLOUD.tuning, timeoutMs: 1000 } },
  });
});

afterAll(async () => {
  await env.stop();
});

/** Opens the form in `projectId`, fills it in with VPC b's shared load balancer and submits it. */
async function reviewFor(user: string, ports: string, projectId = EU_DE): Promise<StoredView> {
  const submitted = await submitFilledForm(env, user, {
    ...(projectId !== EU_DE ? { region: projectId } : {}),
    vpc: 'vpc-demo-b',
    backend: 'elb-shared-b',
    values: { ports },
  });
  expect(submitted.ackIssues).toEqual([]);
  const review = submitted.shown;
  expect(review.callback_id).toBe(CREATE_VIEW.review);
  return review;
}

function dmTo(user: string, since: number, match: (text: string) => boolean = () => true) {
  return env.fake.waitForCall(
    'chat.postMessage',
    (c) => c.args.channel === user && c.response.ok === true && match(String(c.args.text)),
    { since, timeoutMs: 40_000 },
  );
}

describe('a create the cloud did not confirm', () => {
  it('should never send it again, and adopt the service once it appears', async () => {
    const user = 'U0UNSURE';
    const review = await reviewFor(user, '6101:80');
    const before = createRequests(env).length;
    const since = env.fake.callCount();
    // The cloud takes 8 s to act on the create: the bot gives up waiting after 1 s, finds nothing,
    // and must not ask again while the first request may still land.
    env.sandbox().addFault({ method: 'POST', match: 'vpc-endpoint-services$', latencyMs: 8000, count: 1 });
    await env.slack.viewSubmission({ userId: user, view: review });
    const dm = await dmTo(user, since);
    expect(String(dm.args.text)).toContain('is available');
    const created = (await env.bot.bot.cloud.project(EU_DE).listServices()).filter((s) =>
      s.ports.some((p) => p.serverPort === 6101),
    );
    expect(created).toHaveLength(1);
    expect(String(dm.args.text)).toContain(created[0]?.id ?? 'missing');
    expect(createRequests(env).length - before).toBe(1);
  });

  it('should adopt the service when a resent create is refused with EndPoint.3044', async () => {
    // A worker sent the create and died before learning the answer; the cloud took a while to list
    // the service, so the next worker found nothing and sent the create again. The cloud made the
    // service and refused the second request as a port conflict.
    const project = env.bot.bot.cloud.project(EU_DE);
    const [vpc] = (await project.listVpcs()).filter((v) => v.name === 'vpc-demo-a');
    const [lb] = await project.listLoadBalancers(vpc?.id ?? '');
    env.sandbox().addFault({
      method: 'POST',
      match: 'vpc-endpoint-services$',
      phase: 'after',
      status: 400,
      errorCode: 'EndPoint.3044',
      errorMsg: 'The ports conflict with those of an existing endpoint service.',
      count: 1,
    });
    const before = createRequests(env).length;
    const since = env.fake.callCount();
    await claimOrphan(env, {
      id: 'c1c2c3c4c5c6.0c0d0e0f0a0b',
      userId: 'U0RESENT',
      draftId: 'c1c2c3c4c5c6',
      spec: {
        name: 'resent',
        vpcId: vpc?.id ?? '',
        portId: lb?.vipPortId ?? '',
        ports: [{ servicePort: 6102, terminalPort: 80 }],
      },
    });
    const dm = await dmTo('U0RESENT', since);
    const [service] = await project.listServices({ name: 'resent' });
    expect(String(dm.args.text)).toContain('is available');
    expect(String(dm.args.text)).toContain(service?.id ?? 'missing');
    expect(createRequests(env).length - before).toBe(1);
    expect(await env.bot.bot.core.records.get(EU_DE, service?.id ?? '')).toMatchObject({
      createdBy: 'U0RESENT',
      owners: { users: ['U0RESENT'], groups: [] },
    });
  });
});

describe('the result message', () => {
  it('should send the result again when the direct message failed', async () => {
    const user = 'U0NODM';
    const review = await reviewFor(user, '6103:80');
    const since = env.fake.callCount();
    env.fake.setChannelError(user, 'internal_error');
    try {
      await env.slack.viewSubmission({ userId: user, view: review });
      await env.fake.waitForCall('chat.postMessage', (c) => c.args.channel === user, {
        since,
        timeoutMs: 20_000,
      });
    } finally {
      env.fake.setChannelError(user, undefined);
    }
    const dm = await dmTo(user, since);
    expect(String(dm.args.text)).toContain('is available');
  });
});

describe('the creation modal', () => {
  it('should not overwrite a form the person moved on to with a late creation result', async () => {
    // The modal shows the draft's form again (Edit and retry) while an earlier attempt of that draft,
    // interrupted before it told anyone, is resumed and finishes.
    const user = 'U0MOVEDON';
    const form = await runCreate(env, user);
    const draft = await storedDraft(env, user);
    const since = env.fake.callCount();
    await claimOrphan(env, {
      id: `${draft.id}.0e0e0e0e0e0e`,
      userId: user,
      draftId: draft.id,
      draftRevision: draft.revision - 1,
      viewId: form.id,
      spec: { vpcId: 'vpc-x', portId: 'port-x', ports: [{ servicePort: 6106, terminalPort: 80 }] },
      state: 'failed',
      error: { code: 'EndPoint.0005', message: 'Invalid parameter.' },
    });
    const dm = await dmTo(user, since);
    expect(String(dm.args.text)).toContain('could not be created');
    expect(
      env.fake.calls('views.update').filter((c) => c.index >= since && c.args.view_id === form.id),
    ).toEqual([]);
    expect(currentView(env, form.id).callback_id).toBe(CREATE_VIEW.form);
  });
});

describe('a quota the quotas API cannot read', () => {
  it('should count the services against the default quota of 20 in the review, and refuse at 20', async () => {
    await env.sandbox().bulkSeed(EU_NL, { services: 20 });
    env.sandbox().addFault({ match: '/quotas$', status: 500 });
    try {
      const review = await reviewFor('U0COUNTED', '6104:80', EU_NL);
      expect(textOf(review)).toContain('Quota full');
      expect(textOf(review)).toContain('20/20 endpoint services in use');
      expect(textOf(review)).toContain('counted against the default quota of 20');
      expect(review.submit).toBeNull();
    } finally {
      env.sandbox().clearFaults();
    }
  });

  it('should refuse at Create when the count reaches 20 meanwhile, without asking the cloud to create', async () => {
    const project = env.bot.bot.cloud.project(EU_DE);
    const existing = (await project.listServices()).length;
    await env.sandbox().bulkSeed(EU_DE, { services: 19 - existing });
    env.sandbox().addFault({ match: '/quotas$', status: 500 });
    try {
      const review = await reviewFor('U0COUNTED2', '6105:80');
      expect(textOf(review)).toContain('19/20 endpoint services in use');
      await env.sandbox().bulkSeed(EU_DE, { services: 1 });
      const before = createRequests(env).length;
      const since = env.fake.callCount();
      await env.slack.viewSubmission({ userId: 'U0COUNTED2', view: review });
      const dm = await dmTo('U0COUNTED2', since);
      expect(String(dm.args.text)).toContain('Endpoint.1018: Quota full: 20/20');
      expect(createRequests(env).length).toBe(before);
    } finally {
      env.sandbox().clearFaults();
    }
  });
});

describe('payloads', () => {
  it('should never send a payload Slack would refuse', () => {
    env.fake.assertNoRejections();
  });
});
