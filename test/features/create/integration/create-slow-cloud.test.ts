/**
 * A slow cloud never makes `/vpcep create` miss its trigger window: the modal opens at once and fills
 * in when the cloud answers; the review acks with its checks running and is completed by an update.
 * Two quick changes whose re-renders finish in the wrong order still leave the newest on screen.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_ACTION, CREATE_BLOCK, CREATE_VIEW } from '#src/features/create/views/create-ids.js';
import {
  blockIdOf,
  type CreateEnv,
  change,
  click,
  currentView,
  elementOf,
  fillForm,
  formState,
  optionValue,
  runCreate,
  startCreateEnv,
  storedDraft,
  textOf,
} from './create-harness.js';

let env: CreateEnv;

beforeAll(async () => {
  env = await startCreateEnv();
});

afterAll(async () => {
  await env.stop();
});

async function draftValues(user: string): Promise<Record<string, unknown>> {
  return (await storedDraft(env, user)).values;
}

describe('a slow cloud', () => {
  it('should show the newest of two quick changes when the older re-render finishes first', async () => {
    const user = 'U0QUICK';
    const view = await runCreate(env, user);
    const vpcB = optionValue(view, 'vpc', 'vpc-demo-b');
    env.sandbox().addFault({ latencyMs: 1000 });
    try {
      const since = env.fake.callCount();
      // The VPC changes; 300 ms later, before its re-render has come, the backend type changes too.
      // Both interactions carry the view as it was (same hash); listing BMSs takes longer than ELBs.
      const first = env.slack.blockActions({
        userId: user,
        view,
        values: formState(view, { vpc: vpcB }),
        actions: [{ action_id: CREATE_ACTION.vpc, block_id: blockIdOf(view, 'vpc'), selected_option: vpcB }],
      });
      await sleep(300);
      const second = env.slack.blockActions({
        userId: user,
        view,
        values: formState(view, { vpc: vpcB, backendType: 'bms' }),
        actions: [
          {
            action_id: CREATE_ACTION.backendType,
            block_id: CREATE_BLOCK.backendType,
            selected_option: 'bms',
          },
        ],
      });
      await Promise.all([first, second]);
      await env.fake.waitForCall(
        'views.update',
        (c) =>
          c.args.view_id === view.id &&
          c.response.ok === true &&
          JSON.stringify(c.args.view).includes(`create_resource_bms_${vpcB}`),
        { since, timeoutMs: 20_000 },
      );
    } finally {
      env.sandbox().clearFaults();
    }
    const shown = currentView(env, view.id);
    expect(await draftValues(user)).toMatchObject({ vpcId: vpcB, backendType: 'bms' });
    expect(blockIdOf(shown, 'backend')).toBe(`create_resource_bms_${vpcB}`);
    expect(elementOf(shown, 'backendType').initial_option).toMatchObject({ value: 'bms' });
    expect(elementOf(shown, 'vpc').initial_option).toMatchObject({ value: vpcB });
  });

  it('should open the modal inside the trigger window while every cloud call takes 2.5 s, then fill it', async () => {
    env.sandbox().addFault({ latencyMs: 2500 });
    try {
      const since = env.fake.callCount();
      let view = await runCreate(env, 'U0SLOW');
      const open = env.fake.calls('views.open').find((c) => c.index >= since);
      // The fake refuses a trigger older than 3 s with expired_trigger_id.
      expect(open?.response).toMatchObject({ ok: true });
      expect(view.callback_id).toBe(CREATE_VIEW.form);
      expect(textOf(view)).not.toContain('Could not load');
      view = await change(env, view, 'U0SLOW', 'vpc', optionValue(view, 'vpc', 'vpc-demo-a'));
      const submitted = await env.slack.viewSubmission({
        userId: 'U0SLOW',
        view,
        values: formState(view, {
          backend: optionValue(view, 'backend', 'elb-dedicated-a'),
          ports: '9100:80',
        }),
      });
      expect(submitted.status).toBe(200);
      expect(submitted.body).toMatchObject({
        response_action: 'update',
        view: { callback_id: CREATE_VIEW.review },
      });
      expect(submitted.ackIssues).toEqual([]);
      // Acked at once with the checks still running, then filled in.
      expect(textOf(currentView(env, view.id))).toContain('checking');
      await env.fake.waitForCall(
        'views.update',
        (c) => c.args.view_id === view.id && JSON.stringify(c.args.view).includes('endpoint services in use'),
        { since, timeoutMs: 20_000 },
      );
      expect(textOf(currentView(env, view.id))).toMatch(/Quota\*: 0\/20 endpoint services in use/);
    } finally {
      env.sandbox().clearFaults();
    }
  });

  it('should answer an outdated review in time while the cloud takes 4 s, offering Retry for the lists', async () => {
    const user = 'U0OUTDATED';
    const { view, values } = await fillForm(env, user, {
      vpc: 'vpc-demo-a',
      backend: 'elb-shared-a',
      values: { ports: '9200:80' },
    });
    await env.slack.viewSubmission({ userId: user, view, values });
    const older = structuredClone(currentView(env, view.id));
    const form = await click(env, older, user, CREATE_ACTION.back);
    await env.slack.viewSubmission({ userId: user, view: form, values: { ...values } });
    await env.redis.del(...(await env.redis.keys(`${env.bot.keyPrefix}create:cache:*`)));
    env.sandbox().addFault({ latencyMs: 4000 });
    try {
      const answer = await env.slack.viewSubmission({ userId: user, view: older });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        response_action: 'update',
        view: { callback_id: CREATE_VIEW.form },
      });
      const shown = JSON.stringify(answer.body);
      expect(shown).toContain('The draft changed since this review');
      expect(shown).toContain('The cloud is slow to list');
      expect(shown).toContain(CREATE_ACTION.retry);
    } finally {
      env.sandbox().clearFaults();
    }
  });

  it('should never send a payload Slack would refuse', () => {
    env.fake.assertNoRejections();
  });
});
