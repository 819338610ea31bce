/**
 * How the create form behaves: re-rendering keeps what was typed and drops a backend that no longer
 * fits; the region changes the VPC list; long lists are searched; user groups are offered; a cloud
 * failure says why and offers Retry; a channel the bot cannot post in gets a fix-it note.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_ACTION, CREATE_BLOCK, CREATE_VIEW } from '#src/features/create/views/create-ids.js';
import type { StoredView } from '#src/playground/slack/index.js';
import {
  blockIdOf,
  type CreateEnv,
  change,
  click,
  currentView,
  EU_DE,
  EU_NL,
  formState,
  inputBlock,
  optionTexts,
  optionValue,
  runCreate,
  runCreateCommand,
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

type Json = Record<string, unknown>;
const element = (view: StoredView, field: Parameters<typeof inputBlock>[1]) =>
  (inputBlock(view, field)?.element ?? {}) as Json;

describe('the create form', () => {
  it('should keep typed values across a re-render and clear a backend that is not in the new VPC', async () => {
    const user = 'U0TYPIST';
    let view = await runCreate(env, user);
    view = await change(env, view, user, 'vpc', optionValue(view, 'vpc', 'vpc-demo-a'));
    const backendA = optionValue(view, 'backend', 'elb-dedicated-a');
    const since = env.fake.callCount();
    await env.slack.blockActions({
      userId: user,
      view,
      values: formState(view, {
        name: 'keep-me',
        ports: '8080:80',
        backend: backendA,
        vpc: optionValue(view, 'vpc', 'vpc-demo-b'),
      }),
      actions: [{ action_id: CREATE_ACTION.vpc, selected_option: optionValue(view, 'vpc', 'vpc-demo-b') }],
    });
    await env.fake.waitForCall('views.update', (c) => c.args.view_id === view.id, { since });
    const after = currentView(env, view.id);
    expect(blockIdOf(after, 'name')).toBe(CREATE_BLOCK.name);
    expect(element(after, 'name').initial_value).toBe('keep-me');
    expect(element(after, 'ports').initial_value).toBe('8080:80');
    expect(blockIdOf(after, 'backend')).not.toBe(blockIdOf(view, 'backend'));
    expect(element(after, 'backend').initial_option).toBeUndefined();
    expect(optionTexts(after, 'backend').some((t) => t.startsWith('elb-dedicated-b'))).toBe(true);
    expect(optionTexts(after, 'backend').some((t) => t.startsWith('elb-dedicated-a'))).toBe(false);
    expect(textOf(after)).toContain('1 mapping: TCP: service port 8080, terminal port 80');
  });

  it('should list the VPCs of the chosen region', async () => {
    const user = 'U0TRAVELER';
    let view = await runCreate(env, user);
    const deVpcs = optionTexts(view, 'vpc');
    view = await change(env, view, user, 'region', EU_NL);
    expect(blockIdOf(view, 'vpc')).toContain(EU_NL);
    const nlVpc = optionValue(view, 'vpc', 'vpc-demo-a');
    expect(optionTexts(view, 'vpc')).toEqual(deVpcs);
    const deVpc = optionValue(await runCreateFresh(user), 'vpc', 'vpc-demo-a');
    expect(nlVpc).not.toBe(deVpc);
  });

  it('should search a list of more than 100 servers through an external select', async () => {
    const user = 'U0SEARCH';
    const [vpc] = (await env.bot.bot.cloud.project(EU_DE).listVpcs()).filter((v) => v.name === 'vpc-demo-a');
    await env.sandbox().bulkSeed(EU_DE, { servers: { kind: 'ecs', count: 120, vpcId: vpc?.id ?? '' } });
    let view = await runCreate(env, user);
    view = await change(env, view, user, 'vpc', optionValue(view, 'vpc', 'vpc-demo-a'));
    view = await change(env, view, user, 'backendType', 'ecs');
    expect(element(view, 'backend').type).toBe('external_select');
    const all = await env.slack.blockSuggestion({
      userId: user,
      actionId: CREATE_ACTION.backend,
      blockId: blockIdOf(view, 'backend'),
      value: '',
      view,
    });
    expect((all.body as { options: unknown[] }).options).toHaveLength(100);
    const found = await env.slack.blockSuggestion({
      userId: user,
      actionId: CREATE_ACTION.backend,
      blockId: blockIdOf(view, 'backend'),
      value: 'ecs-web',
      view,
    });
    const options = (found.body as { options: { text: { text: string }; value: string }[] }).options;
    expect(options.map((o) => o.text.text)).toEqual(['ecs-web-a1 — 192.168.1.21']);
  });

  it('should offer the workspace user groups as owner groups, and accept them as the only owners', async () => {
    const user = 'U0GROUPIE';
    env.fake.setUsergroup('S0PLATFORM', { handle: 'platform', name: 'Platform team', users: ['U0A', 'U0B'] });
    env.fake.setUsergroup('S0DATA', { handle: 'data', name: 'Data team', users: ['U0C'] });
    let view = await runCreate(env, user);
    const found = await env.slack.blockSuggestion({
      userId: user,
      actionId: CREATE_ACTION.ownerGroups,
      blockId: CREATE_BLOCK.ownerGroups,
      value: 'plat',
      view,
    });
    const options = (found.body as { options: { text: { text: string }; value: string }[] }).options;
    expect(options).toEqual([
      { text: { type: 'plain_text', text: '@platform (Platform team)', emoji: true }, value: 'S0PLATFORM' },
    ]);
    view = await change(env, view, user, 'vpc', optionValue(view, 'vpc', 'vpc-demo-a'));
    await env.slack.viewSubmission({
      userId: user,
      view,
      values: formState(view, {
        backend: optionValue(view, 'backend', 'elb-shared-a'),
        ports: '5001:80',
        owners: [],
        ownerGroups: { type: 'multi_external_select', selected_options: [options[0] as never] },
        approvalChannel: 'C0APPROVE',
      }),
    });
    const review = currentView(env, view.id);
    expect(review.callback_id).toBe(CREATE_VIEW.review);
    expect(textOf(review)).toContain('<!subteam^S0PLATFORM>');
    expect(textOf(review)).toContain('<#C0APPROVE>');
  });

  it('should say why the cloud could not list the VPCs and offer Retry', async () => {
    const user = 'U0UNLUCKY';
    await coldBot();
    env.sandbox().addFault({ match: '/vpcs$', status: 503 });
    let view: StoredView;
    try {
      view = await runCreate(env, user);
    } finally {
      env.sandbox().clearFaults();
    }
    expect(textOf(view)).toContain('Could not load the VPCs of eu-de (sandbox)');
    expect(JSON.stringify(view.blocks)).toContain(CREATE_ACTION.retry);
    const retried = await click(env, view, user, CREATE_ACTION.retry);
    expect(optionTexts(retried, 'vpc').some((t) => t.startsWith('vpc-demo-a'))).toBe(true);
    expect(textOf(retried)).not.toContain('Could not load');
  });

  it('should fit a very long cloud error message into the form, with Retry', async () => {
    const user = 'U0VERBOSE';
    await coldBot();
    const long = `Something <odd> happened: ${'details '.repeat(600)}`;
    env.sandbox().addFault({ match: '/vpcs$', status: 400, errorCode: 'VPC.0999', errorMsg: long });
    let view: StoredView;
    try {
      view = await runCreate(env, user);
    } finally {
      env.sandbox().clearFaults();
    }
    expect(view.callback_id).toBe(CREATE_VIEW.form);
    expect(textOf(view)).toContain('Could not load the VPCs of eu-de (sandbox)');
    expect(textOf(view)).toContain('details details');
    expect(JSON.stringify(view.blocks)).toContain(CREATE_ACTION.retry);
    expect(env.fake.rejections()).toEqual([]);
  });

  it('should tell the creator how to fix an announcement the bot could not post', async () => {
    const user = 'U0LOCKED';
    env.fake.setChannelError('C0LOCKED', 'not_in_channel');
    const since = env.fake.callCount();
    const { view: opened, responseUrl } = await runCreateCommand(env, user, 'C0LOCKED');
    let view = await change(env, opened, user, 'vpc', optionValue(opened, 'vpc', 'vpc-demo-b'));
    await env.slack.viewSubmission({
      userId: user,
      view,
      values: formState(view, { backend: optionValue(view, 'backend', 'elb-shared-b'), ports: '5002:80' }),
    });
    view = currentView(env, view.id);
    await env.slack.viewSubmission({ userId: user, view });
    const dm = await env.fake.waitForCall('chat.postMessage', (c) => c.args.channel === user, {
      since,
      timeoutMs: 15_000,
    });
    expect(JSON.stringify(dm.args.blocks)).toContain('I am not a member of <#C0LOCKED>');
    const notes = env.fake.responses(responseUrl);
    expect(notes.map((n) => JSON.stringify(n))).toEqual(
      expect.arrayContaining([expect.stringContaining('/invite @vpcep-bot')]),
    );
  });

  it('should wait out a 429 on the fill-in update and show the form', async () => {
    const user = 'U0LIMITED';
    await coldBot();
    env.fake.failNext('views.update', { status: 429, retryAfter: 1 });
    const viewId = await openModal(user);
    const shown = await env.fake.waitForCall(
      'views.update',
      (c) => c.args.view_id === viewId && c.response.ok === true,
      { timeoutMs: 15_000 },
    );
    expect(shown.args.hash).toBeDefined();
    expect(currentView(env, viewId).callback_id).toBe(CREATE_VIEW.form);
  });

  it('should show a problem with Retry when Slack refuses the form, and Retry shows it', async () => {
    const user = 'U0REFUSED';
    await coldBot();
    env.fake.failNext('views.update', { error: 'invalid_arguments' });
    const viewId = await openModal(user);
    await env.fake.waitForCall('views.update', (c) => c.args.view_id === viewId && c.response.ok === true, {
      timeoutMs: 15_000,
    });
    const problem = currentView(env, viewId);
    expect(problem.callback_id).toBe(CREATE_VIEW.notice);
    expect(textOf(problem)).toContain('Slack did not accept this step of the form (invalid_arguments)');
    const retried = await click(env, problem, user, CREATE_ACTION.retry);
    expect(retried.callback_id).toBe(CREATE_VIEW.form);
  });

  it('should never send a payload Slack would refuse', () => {
    env.fake.assertNoRejections();
  });
});

/** Runs `/vpcep create` and returns the id of the modal it opened (not waiting for the fill-in). */
/**
 * A bot that holds no VPC list yet (just started), with none in Redis either: its next
 * `/vpcep create` opens on "Loading…" and fills the modal with `views.update`.
 */
async function coldBot(): Promise<void> {
  await env.restart();
  await env.redis.del(`${env.bot.keyPrefix}create:cache:${EU_DE}:vpcs`);
}

async function openModal(user: string): Promise<string> {
  const since = env.fake.callCount();
  await env.slack.command({ text: 'create', userId: user, channelId: 'C0OPS' });
  const open = await env.fake.waitForCall('views.open', () => true, { since });
  return String((open.response.view as { id: string }).id);
}

/** A fresh form for a user (Start over if a draft exists). */
async function runCreateFresh(user: string): Promise<StoredView> {
  const view = await runCreate(env, user);
  return view.callback_id === CREATE_VIEW.form ? view : click(env, view, user, CREATE_ACTION.startOver);
}
