/**
 * Drafts: kept in Redis per team and user for 7 days, with only their key in the view; closing the
 * modal or restarting the bot loses nothing, and the next `/vpcep create` offers to resume.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_ACTION, CREATE_VIEW } from '#src/features/create/views/create-ids.js';
import { FAKE_TEAM } from '#src/playground/slack/index.js';
import { buildStateValues } from '../../../helpers/slack-state-values.js';
import {
  type CreateEnv,
  change,
  click,
  createRequests,
  currentView,
  draftKey,
  elementOf,
  formState,
  optionValue,
  runCreate,
  startCreateEnv,
  storedDraft,
  submitFilledForm,
  textOf,
} from './create-harness.js';

let env: CreateEnv;

beforeAll(async () => {
  env = await startCreateEnv();
});

afterAll(async () => {
  await env.stop();
});

const initial = (view: Record<string, unknown>, field: 'name' | 'ports' | 'tags') =>
  elementOf(view, field).initial_value;

describe('drafts of /vpcep create', () => {
  it('should keep what was typed when the modal is closed, and offer to resume it', async () => {
    const user = 'U0CLOSER';
    let view = await runCreate(env, user);
    expect(view.private_metadata).toMatch(new RegExp(`^${FAKE_TEAM.teamId}:${user}:[a-f0-9]+$`));
    view = await change(env, view, user, 'vpc', optionValue(view, 'vpc', 'vpc-demo-a'));
    // Slack sends the state of the inputs with view_closed.
    const closedWith = buildStateValues(
      formState(view, { name: 'half-done', ports: '8080:80', tags: 'env=dev' }),
      view.blocks,
    );
    await env.slack.viewClosed({ userId: user, view: { ...view, state: { values: closedWith } } });
    const ttl = await env.redis.ttl(draftKey(env, user));
    expect(ttl).toBeGreaterThan(6 * 86_400);
    expect(ttl).toBeLessThanOrEqual(7 * 86_400);

    const resume = await runCreate(env, user);
    expect(resume.callback_id).toBe(CREATE_VIEW.notice);
    expect(textOf(resume)).toContain('unfinished endpoint service draft');
    expect(textOf(resume)).toContain('half-done');
    const form = await click(env, resume, user, CREATE_ACTION.resume);
    expect(form.callback_id).toBe(CREATE_VIEW.form);
    expect(initial(form, 'name')).toBe('half-done');
    expect(initial(form, 'ports')).toBe('8080:80');
    expect(initial(form, 'tags')).toBe('env=dev');
    expect(optionValue(form, 'vpc', 'vpc-demo-a')).toBeTruthy();
    expect((elementOf(form, 'vpc').initial_option as { value?: string } | undefined)?.value).toBe(
      optionValue(form, 'vpc', 'vpc-demo-a'),
    );
  });

  it('should offer to resume with the time the draft last changed, not the time of the new command', async () => {
    const user = 'U0LATER';
    const view = await runCreate(env, user);
    await change(env, view, user, 'vpc', optionValue(view, 'vpc', 'vpc-demo-a'));
    // Two days pass: the draft as stored was last changed then.
    const savedAt = Date.now() - 2 * 86_400_000;
    const stored = await storedDraft(env, user);
    await env.redis.hset(
      draftKey(env, user),
      'json',
      JSON.stringify({ ...stored, updatedAt: new Date(savedAt).toISOString() }),
    );
    const savedToken = `<!date^${Math.floor(savedAt / 1000)}^`;

    for (const channel of ['C0FIRST', 'C0SECOND']) {
      const resume = await runCreate(env, user, channel);
      expect(resume.callback_id).toBe(CREATE_VIEW.notice);
      expect(textOf(resume)).toContain(`unfinished endpoint service draft, saved ${savedToken}`);
    }
    // The command's channel is still remembered for the announcement.
    expect((await storedDraft(env, user)).channelId).toBe('C0SECOND');
  });

  it('should start a new draft on Start over', async () => {
    const user = 'U0CLOSER';
    const resume = await runCreate(env, user);
    const form = await click(env, resume, user, CREATE_ACTION.startOver);
    expect(form.callback_id).toBe(CREATE_VIEW.form);
    expect(initial(form, 'name')).toBeUndefined();
    expect(elementOf(form, 'owners').initial_users).toEqual([user]);
  });

  it('should carry a creation through bot restarts between every step', async () => {
    const user = 'U0PHOENIX';
    let view = await runCreate(env, user, 'C0RESTART');
    await env.restart();
    view = await change(env, view, user, 'vpc', optionValue(view, 'vpc', 'vpc-demo-a'));
    const backend = optionValue(view, 'backend', 'elb-shared-a');
    await env.restart();
    await env.slack.viewSubmission({
      userId: user,
      view,
      values: formState(view, { name: 'phoenix', backend, ports: '6001:80' }),
    });
    const review = currentView(env, view.id);
    expect(review.callback_id).toBe(CREATE_VIEW.review);
    await env.restart();
    const since = env.fake.callCount();
    await env.slack.viewSubmission({ userId: user, view: review });
    const dm = await env.fake.waitForCall('chat.postMessage', (c) => c.args.channel === user, {
      since,
      timeoutMs: 15_000,
    });
    expect(String(dm.args.text)).toContain('is available');
    expect(String(dm.args.text)).toContain('phoenix');
    expect(createRequests(env)).toHaveLength(1);
    await env.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0RESTART', { since });
  });

  it('should go back from the review to the form with every value kept', async () => {
    const user = 'U0SECONDTHOUGHTS';
    const { shown: review } = await submitFilledForm(env, user, {
      vpc: 'vpc-demo-a',
      backend: 'elb-dedicated-a',
      values: { name: 'maybe', ports: '8080:80' },
    });
    expect(review.callback_id).toBe(CREATE_VIEW.review);
    const form = await click(env, review, user, CREATE_ACTION.back);
    expect(form.callback_id).toBe(CREATE_VIEW.form);
    expect(initial(form, 'name')).toBe('maybe');
    expect(initial(form, 'ports')).toBe('8080:80');
    expect((elementOf(form, 'backend').initial_option as { value?: string } | undefined)?.value).toBe(
      optionValue(form, 'backend', 'elb-dedicated-a'),
    );
  });

  it('should start afresh after a creation finished', async () => {
    const view = await runCreate(env, 'U0PHOENIX');
    expect(view.callback_id).toBe(CREATE_VIEW.form);
    expect(initial(view, 'name')).toBeUndefined();
  });

  it('should not let an older review create the values of a newer one', async () => {
    const user = 'U0TWOREVIEWS';
    let view = await runCreate(env, user);
    view = await change(env, view, user, 'vpc', optionValue(view, 'vpc', 'vpc-demo-a'));
    const backend = optionValue(view, 'backend', 'elb-dedicated-a');
    await env.slack.viewSubmission({
      userId: user,
      view,
      values: formState(view, { backend, ports: '7101:80' }),
    });
    const older = structuredClone(currentView(env, view.id));
    expect(older.callback_id).toBe(CREATE_VIEW.review);
    expect(older.private_metadata).toMatch(new RegExp(`^${FAKE_TEAM.teamId}:${user}:[a-f0-9]+:[a-f0-9]+$`));
    const form = await click(env, older, user, CREATE_ACTION.back);
    await env.slack.viewSubmission({
      userId: user,
      view: form,
      values: formState(form, { backend, ports: '7102:80' }),
    });
    const newer = structuredClone(currentView(env, view.id));
    expect(newer.callback_id).toBe(CREATE_VIEW.review);
    const before = createRequests(env).length;
    const stale = await env.slack.viewSubmission({ userId: user, view: older });
    expect(JSON.stringify(stale.body)).toContain('The draft changed since this review');
    expect(createRequests(env).length).toBe(before);
    const since = env.fake.callCount();
    const created = await env.slack.viewSubmission({ userId: user, view: newer });
    expect(created.body).toMatchObject({ view: { callback_id: CREATE_VIEW.progress } });
    await env.fake.waitForCall('chat.postMessage', (c) => c.args.channel === user, {
      since,
      timeoutMs: 15_000,
    });
    const requests = createRequests(env).slice(before);
    expect(requests).toHaveLength(1);
    expect(JSON.stringify(requests[0]?.body)).toContain('"server_port":7102');
  });

  it('should let the person choose when Edit and retry would replace a newer unfinished draft', async () => {
    const user = 'U0EDITOR';
    const { shown: review } = await submitFilledForm(env, user, {
      vpc: 'vpc-demo-b',
      backend: 'elb-dedicated-b',
      values: { name: 'failing', ports: '7201:80' },
    });
    env.sandbox().addFault({
      method: 'POST',
      match: 'vpc-endpoint-services$',
      status: 400,
      errorCode: 'EndPoint.0005',
      errorMsg: 'Invalid parameter.',
      count: 1,
    });
    const since = env.fake.callCount();
    await env.slack.viewSubmission({ userId: user, view: currentView(env, review.id) });
    const dm = await env.fake.waitForCall('chat.postMessage', (c) => c.args.channel === user, {
      since,
      timeoutMs: 15_000,
    });
    expect(String(dm.args.text)).toContain('could not be created');

    // A newer draft: Start over, type a little, close the modal.
    const resume = await runCreate(env, user);
    const fresh = await click(env, resume, user, CREATE_ACTION.startOver);
    const closedWith = buildStateValues(formState(fresh, { name: 'newer' }), fresh.blocks);
    await env.slack.viewClosed({ userId: user, view: { ...fresh, state: { values: closedWith } } });

    // "Edit and retry" in the result message.
    const message = env.fake.message(String(dm.response.channel), String(dm.response.ts));
    const opened = env.fake.callCount();
    await env.slack.blockActions({
      userId: user,
      message: {
        channel: String(dm.response.channel),
        ts: String(dm.response.ts),
        blocks: message?.blocks ?? [],
      },
      actions: [{ action_id: CREATE_ACTION.editRetry }],
    });
    const open = await env.fake.waitForCall('views.open', () => true, { since: opened });
    const viewId = String((open.response.view as { id: string }).id);
    await env.fake.waitForCall('views.update', (c) => c.args.view_id === viewId && c.response.ok === true, {
      since: opened,
    });
    const choice = currentView(env, viewId);
    expect(choice.callback_id).toBe(CREATE_VIEW.notice);
    expect(textOf(choice)).toContain('newer unfinished draft');
    const saved = await storedDraft(env, user);
    expect(saved.values.name).toBe('newer');

    const form = await click(env, choice, user, CREATE_ACTION.editRetryReplace);
    expect(form.callback_id).toBe(CREATE_VIEW.form);
    expect(initial(form, 'name')).toBe('failing');
    expect(initial(form, 'ports')).toBe('7201:80');
  });

  it('should never send a payload Slack would refuse', () => {
    env.fake.assertNoRejections();
  });
});
