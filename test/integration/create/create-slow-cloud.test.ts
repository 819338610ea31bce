/**
 * A slow cloud never makes `/vpcep create` miss its trigger window: the modal opens at once and fills
 * in when the cloud answers; the review acks with its checks running and is completed by an update.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_VIEW } from '../../../src/ui/create-ids.js';
import {
  type CreateEnv,
  change,
  currentView,
  formState,
  optionValue,
  runCreate,
  startCreateEnv,
  textOf,
} from './create-harness.js';

let env: CreateEnv;

beforeAll(async () => {
  env = await startCreateEnv();
});

afterAll(async () => {
  await env.stop();
});

describe('a slow cloud', () => {
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

  it('should never send a payload Slack would refuse', () => {
    env.fake.assertNoRejections();
  });
});
