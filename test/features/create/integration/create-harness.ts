/**
 * Drives `/vpcep create` the way a person does in Slack: the command, the modal the fake holds, the
 * selects and buttons in it, and submissions carrying every input's current value (as Slack sends
 * them). The bot runs in-process against the fake Slack, the sandbox cloud and the shared test Redis.
 */
import type { Redis } from 'ioredis';
import { type Attempt, createAttempts } from '#src/features/create/store/create-attempts.js';
import {
  BACKEND_BLOCK_PREFIX,
  CREATE_ACTION,
  CREATE_BLOCK,
  VPC_BLOCK_PREFIX,
} from '#src/features/create/views/create-ids.js';
import { SANDBOX_PROJECTS } from '#src/platform/config/load-config.js';
import { FAKE_TEAM, type FakeSlack, type StoredView, startFakeSlack } from '#src/playground/slack/index.js';
import { createKeys } from '#src/redis/keys.js';
import {
  FAST_CLOUD,
  startTestBot,
  TEST_SIGNING_SECRET,
  type TestBot,
  type TestBotOptions,
} from '../../../helpers/bot-harness.js';
import { assertionClient } from '../../../helpers/redis-test.js';
import { createSlackDriver, type SlackDriver } from '../../../helpers/slack-driver.js';
import type { StateValueInput, StateValuesInput } from '../../../helpers/slack-state-values.js';

export const EU_DE = SANDBOX_PROJECTS[0]?.projectId ?? '';
export const EU_NL = SANDBOX_PROJECTS[1]?.projectId ?? '';

export interface CreateEnv {
  readonly fake: FakeSlack;
  /** The id of the draft in `userId`'s slot. */
  draftIdOf(userId: string): Promise<string | undefined>;
  bot: TestBot;
  slack: SlackDriver;
  readonly redis: Redis;
  /** The sandbox's control (request log, quota, faults). */
  sandbox(): NonNullable<TestBot['bot']['cloud']['sandbox']>;
  /** Stops the bot and starts another on the same Redis state and fake Slack. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startCreateEnv(
  options: Partial<Pick<TestBotOptions, 'env' | 'cloud' | 'keyPrefix' | 'redisUrl' | 'create'>> = {},
): Promise<CreateEnv> {
  const fake = await startFakeSlack();
  const botOptions = {
    apiUrl: fake.apiUrl,
    cloud: options.cloud ?? FAST_CLOUD,
    env: options.env ?? {},
    ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
    ...(options.create ? { create: options.create } : {}),
  };
  const first = await startTestBot({
    ...botOptions,
    ...(options.keyPrefix ? { keyPrefix: options.keyPrefix } : {}),
  });
  const redis = assertionClient(options.redisUrl);
  redis.on('error', () => undefined);
  const env: CreateEnv = {
    fake,
    bot: first,
    draftIdOf: draftIdReader(redis, () => env.bot.keyPrefix),
    slack: createSlackDriver({ baseUrl: first.baseUrl, signingSecret: TEST_SIGNING_SECRET, fake }),
    redis,
    sandbox() {
      const control = env.bot.bot.cloud.sandbox;
      if (!control) throw new Error('not in sandbox mode');
      return control;
    },
    async restart() {
      await env.bot.stop();
      env.bot = await startTestBot({ ...botOptions, keyPrefix: env.bot.keyPrefix });
      env.slack = createSlackDriver({ baseUrl: env.bot.baseUrl, signingSecret: TEST_SIGNING_SECRET, fake });
    },
    async stop() {
      await env.bot.stop();
      redis.disconnect();
      await fake.close();
    },
  };
  return env;
}

type Json = Record<string, unknown>;

/** What driving the modal needs: the fake Slack and a driver pointed at a bot (in-process or not). */
export type Driving = Pick<CreateEnv, 'fake' | 'slack'>;

/** Driving, and a look at the bot's drafts (to know when the form a command opened is saved). */
export type DrivingWithDrafts = Driving & Pick<CreateEnv, 'draftIdOf'>;

/** `draftIdOf` for a bot keeping its state in `redis` under `keyPrefix`. */
export function draftIdReader(redis: Pick<Redis, 'hget'>, keyPrefix: () => string): CreateEnv['draftIdOf'] {
  return async (userId) =>
    (await redis.hget(`${keyPrefix()}create:draft:{${FAKE_TEAM.teamId}:${userId}}`, 'id')) ?? undefined;
}

/** The fields of the form, as tests name them. */
export type FormField =
  | 'region'
  | 'name'
  | 'vpc'
  | 'serviceType'
  | 'approval'
  | 'backendType'
  | 'backend'
  | 'ports'
  | 'tags'
  | 'description'
  | 'owners'
  | 'ownerGroups'
  | 'approvalChannel'
  | 'whitelist';

const STATIC_BLOCKS: Partial<Record<FormField, string>> = {
  region: CREATE_BLOCK.region,
  name: CREATE_BLOCK.name,
  serviceType: CREATE_BLOCK.serviceType,
  approval: CREATE_BLOCK.approval,
  backendType: CREATE_BLOCK.backendType,
  ports: CREATE_BLOCK.ports,
  tags: CREATE_BLOCK.tags,
  description: CREATE_BLOCK.description,
  owners: CREATE_BLOCK.owners,
  ownerGroups: CREATE_BLOCK.ownerGroups,
  approvalChannel: CREATE_BLOCK.approvalChannel,
  whitelist: CREATE_BLOCK.whitelist,
};

export const FIELD_ACTION: Record<FormField, string> = {
  region: CREATE_ACTION.region,
  name: CREATE_ACTION.name,
  serviceType: CREATE_ACTION.serviceType,
  vpc: CREATE_ACTION.vpc,
  approval: CREATE_ACTION.approval,
  backendType: CREATE_ACTION.backendType,
  backend: CREATE_ACTION.backend,
  ports: CREATE_ACTION.ports,
  tags: CREATE_ACTION.tags,
  description: CREATE_ACTION.description,
  owners: CREATE_ACTION.owners,
  ownerGroups: CREATE_ACTION.ownerGroups,
  approvalChannel: CREATE_ACTION.approvalChannel,
  whitelist: CREATE_ACTION.whitelist,
};

function blocksOf(view: Json): Json[] {
  return Array.isArray(view.blocks) ? (view.blocks as Json[]) : [];
}

/** The block_id of a field's input in this view. */
export function blockIdOf(view: Json, field: FormField): string {
  const fixed = STATIC_BLOCKS[field];
  if (fixed) return fixed;
  const prefix = field === 'vpc' ? VPC_BLOCK_PREFIX : BACKEND_BLOCK_PREFIX;
  const block = blocksOf(view).find((b) => typeof b.block_id === 'string' && b.block_id.startsWith(prefix));
  if (!block) throw new Error(`no ${field} block in the view`);
  return String(block.block_id);
}

export function inputBlock(view: Json, field: FormField): Json | undefined {
  const id = blockIdOf(view, field);
  return blocksOf(view).find((b) => b.block_id === id);
}

/** The element of a field's input (an empty object when the view has none). */
export function elementOf(
  view: Json,
  field: FormField,
): Json & { initial_value?: string; initial_users?: string[] } {
  return (inputBlock(view, field)?.element ?? {}) as Json;
}

function optionsOf(element: Json): Json[] {
  return Array.isArray(element.options) ? (element.options as Json[]) : [];
}

/** The value of the option of a field whose text contains `text`. */
export function optionValue(view: Json, field: FormField, text: string): string {
  const element = (inputBlock(view, field)?.element ?? {}) as Json;
  const found = optionsOf(element).find((o) =>
    String((o.text as Json | undefined)?.text ?? '').includes(text),
  );
  if (!found) throw new Error(`no option "${text}" in ${field}`);
  return String(found.value);
}

/** Texts of a field's options. */
export function optionTexts(view: Json, field: FormField): string[] {
  const element = (inputBlock(view, field)?.element ?? {}) as Json;
  return optionsOf(element).map((o) => String((o.text as Json | undefined)?.text ?? ''));
}

function initialOf(element: Json): StateValueInput {
  switch (element.type) {
    case 'plain_text_input':
      return typeof element.initial_value === 'string' ? element.initial_value : null;
    case 'static_select':
    case 'external_select':
    case 'radio_buttons': {
      const initial = element.initial_option as Json | undefined;
      if (!initial) return null;
      return element.type === 'external_select'
        ? { type: 'external_select', selected_option: initial as never }
        : String(initial.value);
    }
    case 'multi_users_select':
      return Array.isArray(element.initial_users) ? (element.initial_users as string[]) : [];
    case 'multi_external_select':
      return {
        type: 'multi_external_select',
        selected_options: (Array.isArray(element.initial_options) ? element.initial_options : []) as never,
      };
    case 'conversations_select':
      return typeof element.initial_conversation === 'string' ? element.initial_conversation : null;
    default:
      return null;
  }
}

/** Every input's value as Slack would send it: what the view shows, changed by `changes`. */
export function formState(
  view: Json,
  changes: Partial<Record<FormField, StateValueInput>> = {},
): StateValuesInput {
  const values: StateValuesInput = {};
  for (const block of blocksOf(view)) {
    if (block.type !== 'input' || typeof block.block_id !== 'string') continue;
    const element = block.element as Json;
    values[block.block_id] = { [String(element.action_id)]: initialOf(element) };
  }
  for (const [field, value] of Object.entries(changes) as [FormField, StateValueInput][]) {
    values[blockIdOf(view, field)] = { [FIELD_ACTION[field]]: value };
  }
  return values;
}

/** The command's own answer to the modal: a views.update, or (for a form opened whole) its saved draft. */
async function settled(env: DrivingWithDrafts, viewId: string, since: number): Promise<void> {
  const updated = () =>
    env.fake.calls('views.update').some((c) => c.args.view_id === viewId && c.index >= since);
  const ref = /^[^:]+:([^:]+):([a-f0-9]+)$/.exec(String(currentView(env, viewId).private_metadata ?? ''));
  const [userId, draftId] = [ref?.[1] ?? '', ref?.[2] ?? ''];
  if (!draftId) {
    await env.fake.waitForCall('views.update', (c) => c.args.view_id === viewId, {
      since,
      timeoutMs: 15_000,
    });
    return;
  }
  const deadline = Date.now() + 15_000;
  // Redis may be away (the bot then replaces the form with the problem): a failed look counts as unsaved.
  const saved = () =>
    env.draftIdOf(userId).then(
      (id) => id === draftId,
      () => false,
    );
  while (!updated() && !(await saved())) {
    if (Date.now() > deadline) throw new Error(`the form's draft ${draftId} was never saved`);
    await new Promise((done) => setTimeout(done, 5));
  }
}

/**
 * Runs `/vpcep create` and returns the modal once the bot has settled it: filled in after "Loading…",
 * or opened whole on the form of a new draft that is then saved, or replaced by the offer to resume.
 */
export async function runCreate(
  env: DrivingWithDrafts,
  userId: string,
  channelId = 'C0OPS',
): Promise<StoredView> {
  return (await runCreateCommand(env, userId, channelId)).view;
}

/** `runCreate`, and the command's `response_url` (where the bot's ephemeral notes go). */
export async function runCreateCommand(
  env: DrivingWithDrafts,
  userId: string,
  channelId = 'C0OPS',
): Promise<{ view: StoredView; responseUrl: string }> {
  const since = env.fake.callCount();
  const response = await env.slack.command({ text: 'create', userId, channelId });
  if (response.status !== 200) throw new Error(`command answered ${response.status}`);
  const open = await env.fake.waitForCall('views.open', () => true, { since, timeoutMs: 5000 });
  const viewId = String(((open.response.view ?? {}) as Json).id);
  await settled(env, viewId, since);
  return { view: currentView(env, viewId), responseUrl: response.responseUrl };
}

export function currentView(env: Driving, viewId: string): StoredView {
  const view = env.fake.currentView(viewId);
  if (!view) throw new Error(`no view ${viewId}`);
  return view;
}

/** Changes a dispatching input (Region, VPC, Backend Resource Type) and waits for the re-render. */
export async function change(
  env: Driving,
  view: StoredView,
  userId: string,
  field: 'region' | 'vpc' | 'backendType',
  value: string,
): Promise<StoredView> {
  const since = env.fake.callCount();
  const blockId = blockIdOf(view, field);
  await env.slack.blockActions({
    userId,
    view,
    values: formState(view, { [field]: value }),
    actions: [{ action_id: FIELD_ACTION[field], block_id: blockId, selected_option: value }],
  });
  await env.fake.waitForCall('views.update', (c) => c.args.view_id === view.id, { since, timeoutMs: 15_000 });
  return currentView(env, view.id);
}

/** Clicks a button in the modal and waits for the modal to change. */
export async function click(
  env: Driving,
  view: StoredView,
  userId: string,
  actionId: string,
): Promise<StoredView> {
  const since = env.fake.callCount();
  await env.slack.blockActions({ userId, view, actions: [{ action_id: actionId }] });
  await env.fake.waitForCall('views.update', (c) => c.args.view_id === view.id, { since, timeoutMs: 15_000 });
  return currentView(env, view.id);
}

/** Texts of every section, context and field of a view or message, joined. */
export function textOf(view: { blocks?: unknown }): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Json;
      if (typeof record.text === 'string') out.push(record.text);
      for (const value of Object.values(record)) if (typeof value === 'object') walk(value);
    }
  };
  walk(view.blocks);
  return out.join('\n');
}

/** The create requests the sandbox cloud received. */
export function createRequests(env: CreateEnv) {
  return env.sandbox().requests({ method: 'POST', path: /\/vpc-endpoint-services$/ });
}

/** What `fillForm` puts in the form: the VPC and backend (by the text of their options), other fields. */
export interface FormFill {
  /** A region to change to first (a project ID). */
  readonly region?: string;
  readonly vpc: string;
  readonly backend: string;
  readonly values?: Partial<Record<FormField, StateValueInput>>;
}

/**
 * Runs `/vpcep create`, chooses the region and VPC, and returns the form with the state values a
 * submission of the chosen backend and the other values carries.
 */
export async function fillForm(
  env: DrivingWithDrafts,
  userId: string,
  fill: FormFill,
): Promise<{ view: StoredView; values: StateValuesInput }> {
  let view = await runCreate(env, userId);
  if (fill.region) view = await change(env, view, userId, 'region', fill.region);
  view = await change(env, view, userId, 'vpc', optionValue(view, 'vpc', fill.vpc));
  const values = formState(view, { backend: optionValue(view, 'backend', fill.backend), ...fill.values });
  return { view, values };
}

/** Fills the form in, submits it, and returns the view it shows then (the review, when valid). */
export async function submitFilledForm(
  env: DrivingWithDrafts,
  userId: string,
  fill: FormFill,
): Promise<{ shown: StoredView; ackIssues: readonly unknown[] }> {
  const { view, values } = await fillForm(env, userId, fill);
  const { ackIssues } = await env.slack.viewSubmission({ userId, view, values });
  return { shown: currentView(env, view.id), ackIssues };
}

/** The Redis key of `userId`'s draft. */
export function draftKey(env: Pick<CreateEnv, 'bot'>, userId: string): string {
  return `${env.bot.keyPrefix}create:draft:{${FAKE_TEAM.teamId}:${userId}}`;
}

/** `userId`'s draft as stored (an empty object when there is none). */
export async function storedDraft(
  env: Pick<CreateEnv, 'bot' | 'redis'>,
  userId: string,
): Promise<{ id: string; revision: number; values: Record<string, unknown> } & Record<string, unknown>> {
  return JSON.parse((await env.redis.hget(draftKey(env, userId), 'json')) ?? '{}');
}

/** An attempt `claimOrphan` stores: who, which, and the spec's resources; the rest has defaults. */
export type OrphanAttempt = Pick<Attempt, 'id' | 'userId' | 'draftId'> &
  Partial<Omit<Attempt, 'spec'>> & {
    readonly spec: Pick<Attempt['spec'], 'vpcId' | 'portId' | 'ports'> & Partial<Attempt['spec']>;
  };

/**
 * Claims an attempt (already sent to the cloud, unless said otherwise) for a worker that died at once:
 * its 50 ms lease runs out, and the resume job takes the attempt over.
 */
export async function claimOrphan(env: CreateEnv, attempt: OrphanAttempt): Promise<void> {
  const now = new Date().toISOString();
  const { spec, ...rest } = attempt;
  await createAttempts(env.redis, createKeys(env.bot.keyPrefix)).claim(
    {
      teamId: FAKE_TEAM.teamId,
      region: 'eu-de',
      values: {},
      labels: {},
      state: 'pending',
      sent: true,
      notified: {},
      createdAt: now,
      updatedAt: now,
      ...rest,
      spec: {
        projectId: EU_DE,
        serviceType: 'interface',
        approvalEnabled: true,
        backendType: 'elb',
        tags: [],
        owners: { users: [attempt.userId], groups: [] },
        whitelist: [],
        ...spec,
      },
    },
    'a-worker-that-died',
    50,
  );
}
