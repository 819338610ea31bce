/**
 * What the management tests share: a fake Slack, the real bot in-process on the sandbox cloud, a
 * signed-request driver, and readers for what users see (message text, service IDs in a summary).
 */

import type { ServiceRecord } from '#src/access/service-records.js';
import type { Connection, CreateServiceInput, EndpointService, SandboxControl } from '#src/cloud/index.js';
import type { Core } from '#src/core/core.js';
import { createApprovalRequestStore } from '#src/features/approvals/public.js';
import { type FakeSlack, type StoredMessage, startFakeSlack } from '#src/playground/slack/index.js';
import {
  FAST_CLOUD,
  startTestBot,
  TEST_SIGNING_SECRET,
  type TestBot,
  type TestBotOptions,
} from '../../../helpers/bot-harness.js';
import { eventually, until } from '../../../helpers/eventually.js';
import { createSlackDriver, type SlackDriver } from '../../../helpers/slack-driver.js';

export interface ManageWorld {
  readonly fake: FakeSlack;
  readonly bot: TestBot;
  readonly slack: SlackDriver;
  readonly core: Core;
  readonly sandbox: SandboxControl;
  /** The first (default) sandbox project. */
  readonly projectId: string;
  close(): Promise<void>;
}

/** `fake` and `keyPrefix` given: a restart of an earlier bot (same Slack, same Redis state). */
export async function startManageWorld(
  env: Record<string, string> = {},
  reuse: { fake?: FakeSlack; keyPrefix?: string; redisUrl?: string } = {},
  manage?: TestBotOptions['manage'],
): Promise<ManageWorld> {
  const fake = reuse.fake ?? (await startFakeSlack());
  const bot = await startTestBot({
    apiUrl: fake.apiUrl,
    env,
    cloud: FAST_CLOUD,
    ...(reuse.keyPrefix ? { keyPrefix: reuse.keyPrefix } : {}),
    ...(reuse.redisUrl ? { redisUrl: reuse.redisUrl } : {}),
    ...(manage ? { manage } : {}),
  });
  const slack = createSlackDriver({ baseUrl: bot.baseUrl, signingSecret: TEST_SIGNING_SECRET, fake });
  const core = bot.bot.core;
  const sandbox = core.cloud.sandbox;
  const project = core.cloud.projects[0];
  if (!sandbox || !project) throw new Error('the management tests need the sandbox cloud');
  return {
    fake,
    bot,
    slack,
    core,
    sandbox,
    projectId: project.projectId,
    async close() {
      await bot.stop();
      if (!reuse.fake) await fake.close();
    },
  };
}

/**
 * A world whose cloud is quiet between commands: the approval poller looks once at start (waited
 * for here) and then only daily, so a test can count every request the sandbox receives.
 */
export async function startQuietWorld(env: Record<string, string> = {}): Promise<ManageWorld> {
  const world = await startManageWorld({ APPROVAL_POLL_SECONDS: '1d', ...env });
  await until(
    () =>
      world.sandbox.requests({ method: 'GET', path: /\/vpc-endpoint-services$/ }).length >=
      world.core.cloud.projects.length,
  );
  return world;
}

/**
 * A new service on the first load balancer of the sandbox, created straight in the cloud (not through
 * the bot) and waited for until available; `owners` given, with a record owned by them.
 */
export async function createLbService(
  world: ManageWorld,
  input: Pick<CreateServiceInput, 'ports'> & Partial<CreateServiceInput>,
  record?: Omit<ServiceRecord, 'projectId' | 'serviceId'>,
): Promise<EndpointService> {
  const cloud = world.core.cloud.project(world.projectId);
  const [vpc] = await cloud.listVpcs();
  const lb = (await cloud.listLoadBalancers(vpc?.id ?? '')).at(0);
  if (!vpc || !lb) throw new Error('no load balancer in the sandbox');
  const created = await cloud.createService({
    vpcId: vpc.id,
    portId: lb.vipPortId,
    serverType: 'LB',
    approvalEnabled: true,
    ...input,
  });
  const service = await cloud.waitForService(created.id, 'available');
  if (record) await world.core.records.put({ projectId: world.projectId, serviceId: service.id, ...record });
  return service;
}

/** The approval request the poller keeps for a pending `connection` of `service`, as if it had seen it. */
export async function pollerRequest(
  world: ManageWorld,
  service: EndpointService,
  connection: Pick<Connection, 'endpointId' | 'domainId' | 'createdAt'>,
): Promise<void> {
  await createApprovalRequestStore(world.core.redis, world.core.keys).create(
    {
      projectId: world.projectId,
      serviceId: service.id,
      serviceName: service.serviceName,
      endpointId: connection.endpointId,
      domainId: connection.domainId,
      requestedAt: connection.createdAt,
      ports: service.ports,
      origin: 'poller',
    },
    Date.now(),
  );
}

/** How many requests the sandbox cloud has received (every method and path). */
export const cloudRequestCount = (world: ManageWorld) => world.sandbox.requests().length;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Every text a person reads in blocks (sections, fields, context, headers, buttons). */
export function blocksText(blocks: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) for (const item of node) walk(item);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record.text === 'string') out.push(record.text);
      for (const [key, value] of Object.entries(record)) if (key !== 'value') walk(value);
    }
  };
  walk(blocks);
  return out.join('\n');
}

/** The service IDs a summary shows, in order, each once (from the `\`id\`` after each name). */
export function serviceIdsShown(message: Pick<StoredMessage, 'blocks'>): string[] {
  const ids: string[] = [];
  for (const block of (message.blocks ?? []) as Record<string, unknown>[]) {
    if (block.type !== 'section') continue;
    const text = (block.text as { text?: string } | undefined)?.text ?? '';
    const first = text.split('\n')[0] ?? '';
    const match = first.match(UUID);
    if (match && text.includes('Port Mapping: ')) ids.push(match[0]);
  }
  return ids;
}

/** The action id of a button in a message, by its label start. */
export function buttonActionId(message: Pick<StoredMessage, 'blocks'>, label: string): string | undefined {
  for (const block of (message.blocks ?? []) as Record<string, unknown>[]) {
    const elements = Array.isArray(block.elements) ? (block.elements as Record<string, unknown>[]) : [];
    const accessory = block.accessory as Record<string, unknown> | undefined;
    for (const element of [...elements, ...(accessory ? [accessory] : [])]) {
      const text = (element.text as { text?: string } | undefined)?.text ?? '';
      if (element.type === 'button' && text.startsWith(label)) return String(element.action_id);
    }
  }
  return undefined;
}

/** Waits for the first post to a response_url and returns its body. */
export async function responded(
  world: ManageWorld,
  responseUrl: string,
  nth = 0,
): Promise<{ response_type?: string; replace_original?: boolean; text: string; blocks?: unknown[] }> {
  const post = await eventually(
    () => world.fake.responses(responseUrl)[nth],
    (p) => p !== undefined,
  );
  return post?.body as { text: string; blocks?: unknown[] };
}

/**
 * The fake keeps no ephemeral messages, so a test that clicks a button of one places its content as
 * a bot message in a scratch channel and clicks there (the bot then replaces that message).
 */
export async function placeMessage(
  world: ManageWorld,
  body: { text: string; blocks?: unknown[] },
  channel = 'C0SCRATCH',
): Promise<StoredMessage> {
  const posted = await world.core.slack.chat.postMessage({
    channel,
    text: body.text,
    blocks: (body.blocks ?? []) as never,
  });
  const message = world.fake.message(channel, String(posted.ts));
  if (!message) throw new Error('placed message missing');
  return structuredClone(message);
}

/**
 * Clicks the button `actionId` of `body` (an ephemeral answer, placed in a scratch channel first) as
 * `userId`; resolves with what the bot posted to the click's response_url.
 */
export async function clickButton(
  world: ManageWorld,
  userId: string,
  body: { text: string; blocks?: unknown[] },
  actionId: string,
): Promise<Awaited<ReturnType<typeof responded>>> {
  const message = await placeMessage(world, body);
  const res = await world.slack.blockActions({ userId, message, actions: [{ action_id: actionId }] });
  return responded(world, res.responseUrl ?? '');
}
