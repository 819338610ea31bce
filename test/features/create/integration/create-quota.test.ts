/**
 * The quota refuses a creation: in the review, again at Create, and when the cloud itself answers
 * Endpoint.1018.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_VIEW } from '#src/features/create/views/create-ids.js';
import type { StoredView } from '#src/playground/slack/index.js';
import {
  type CreateEnv,
  createRequests,
  currentView,
  EU_DE,
  startCreateEnv,
  submitFilledForm,
  textOf,
} from './create-harness.js';

let env: CreateEnv;

beforeAll(async () => {
  env = await startCreateEnv();
  await env.sandbox().bulkSeed(EU_DE, { services: 20 });
});

afterAll(async () => {
  await env.stop();
});

/** Opens the form, picks VPC a and its shared load balancer, and submits valid values. */
async function reviewFor(user: string, ports: string): Promise<StoredView> {
  const { shown } = await submitFilledForm(env, user, {
    vpc: 'vpc-demo-a',
    backend: 'elb-shared-a',
    values: { ports },
  });
  return shown;
}

describe('the endpoint service quota', () => {
  it('should show a full quota in the review and offer no Create', async () => {
    const review = await reviewFor('U0QUOTA1', '9001:80');
    expect(review.callback_id).toBe(CREATE_VIEW.review);
    expect(textOf(review)).toContain('Quota full');
    expect(textOf(review)).toContain('20/20 endpoint services in use');
    expect(review.submit).toBeNull();
  });

  it('should check the quota again at Create and refuse without asking the cloud to create', async () => {
    await env.sandbox().setQuota(EU_DE, 21);
    const review = await reviewFor('U0QUOTA2', '9002:80');
    expect(textOf(review)).toContain('20/21 endpoint services in use');
    await env.sandbox().setQuota(EU_DE, 20);
    const before = createRequests(env).length;
    const since = env.fake.callCount();
    await env.slack.viewSubmission({ userId: 'U0QUOTA2', view: review });
    const dm = await env.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'U0QUOTA2', {
      since,
      timeoutMs: 15_000,
    });
    expect(String(dm.args.text)).toContain('could not be created');
    expect(String(dm.args.text)).toContain('Endpoint.1018: Quota full: 20/20');
    expect(JSON.stringify(dm.args.blocks)).toContain('Edit and retry');
    expect(createRequests(env).length).toBe(before);
  });

  it("should give the cloud's Endpoint.1018 the same message when the cloud refuses the create", async () => {
    await env.sandbox().setQuota(EU_DE, 40);
    const review = await reviewFor('U0QUOTA3', '9003:80');
    env.sandbox().addFault({
      method: 'POST',
      match: 'vpc-endpoint-services$',
      status: 400,
      errorCode: 'Endpoint.1018',
      errorMsg: 'Quota exceeded.',
      count: 1,
    });
    const since = env.fake.callCount();
    await env.slack.viewSubmission({ userId: 'U0QUOTA3', view: review });
    const dm = await env.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'U0QUOTA3', {
      since,
      timeoutMs: 15_000,
    });
    expect(String(dm.args.text)).toContain('Endpoint.1018: Quota exceeded');
    expect(textOf(currentView(env, review.id))).toContain('Quota exceeded');
  });
});

describe('payloads', () => {
  it('should never send a payload Slack would refuse', () => {
    env.fake.assertNoRejections();
  });
});
