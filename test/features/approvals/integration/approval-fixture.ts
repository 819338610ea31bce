/**
 * What the approval tests share: a bot with a fast poller against the fake Slack and its sandbox cloud,
 * services seeded in the sandbox with owners in Redis, a consumer asking to connect, and readers of
 * what Slack, the cloud and Redis saw.
 */
import type { Redis } from 'ioredis';
import pino from 'pino';
import type { Owners } from '#src/access/service-records.js';
import {
  type ApprovalSettings,
  type Approvals,
  createApprovals,
} from '#src/features/approvals/approval-use-cases.js';
import { approvalDeps } from '#src/features/approvals/index.js';
import type { PollContext } from '#src/features/approvals/poll/poll.js';
import { type ApprovalStores, createApprovalStores } from '#src/features/approvals/store/approval-stores.js';
import { APPROVE_ACTION, REJECT_ACTION } from '#src/features/approvals/views/approval-ids.js';
import { SANDBOX_PROJECTS } from '#src/platform/config/load-config.js';
import {
  type FakeSlack,
  type SlackCall,
  type StoredMessage,
  startFakeSlack,
} from '#src/playground/slack/index.js';
import { createKeys } from '#src/redis/keys.js';
import { startTestBot, TEST_SIGNING_SECRET, type TestBot } from '../../../helpers/bot-harness.js';
import { eventually } from '../../../helpers/eventually.js';
import { createSlackDriver, type SlackDriver } from '../../../helpers/slack-driver.js';

export { eventually };

export const PROJECT = SANDBOX_PROJECTS[0]?.projectId ?? '';
export const ADMIN = 'U0ADMIN';

export interface ApprovalBot {
  readonly test: TestBot;
  readonly slack: SlackDriver;
}

export async function startApprovalBot(
  fake: FakeSlack,
  env: Record<string, string> = {},
  keyPrefix?: string,
): Promise<ApprovalBot> {
  const test = await startTestBot({
    apiUrl: fake.apiUrl,
    ...(keyPrefix ? { keyPrefix } : {}),
    env: { APPROVAL_POLL_SECONDS: '0.2', VPCEP_ADMINS: ADMIN, LOG_LEVEL: 'info', ...env },
  });
  return {
    test,
    slack: createSlackDriver({ baseUrl: test.baseUrl, signingSecret: TEST_SIGNING_SECRET, fake }),
  };
}

/** A fake Slack and a bot against it (`env` as for `startApprovalBot`); stop both with `stopApprovalTest`. */
export async function startApprovalTest(
  env: Record<string, string> = {},
): Promise<{ fake: FakeSlack; bot: ApprovalBot }> {
  const fake = await startFakeSlack();
  return { fake, bot: await startApprovalBot(fake, env) };
}

export async function stopApprovalTest(test: {
  fake: FakeSlack;
  bot: ApprovalBot | undefined;
}): Promise<void> {
  await test.bot?.test.stop();
  await test.fake.close();
}

/** A poller that waits an hour between ticks. */
export const QUIET = { APPROVAL_POLL_SECONDS: '3600' };

/**
 * A bot whose poller has run its one tick and then waits an hour, so the test drives the approval
 * services itself (`approvalsOf`, `POLL`) or a workflow step makes the first post.
 */
export async function startQuietApprovalBot(fake: FakeSlack): Promise<ApprovalBot> {
  const bot = await startApprovalBot(fake, QUIET);
  await eventually(
    () => pollCount(bot.test),
    (n) => n >= 1,
  );
  return bot;
}

/** The approval services of a bot, with its configured settings changed by `settings`. */
export function approvalsOf(bot: ApprovalBot, settings: Partial<ApprovalSettings> = {}): Approvals {
  const deps = approvalDeps(bot.test.bot.core);
  return createApprovals({ ...deps, settings: { ...deps.settings, ...settings } });
}

/** What a test's own call of `Approvals.poll` runs with: a silent log, always the leader. */
export const POLL: PollContext = { log: pino({ level: 'silent' }), stillLeader: async () => true };

/** The bot's approval stores, read through the test's own Redis client. */
export function approvalStores(redis: Redis, bot: ApprovalBot): ApprovalStores {
  return createApprovalStores(redis, createKeys(bot.test.keyPrefix));
}

function sandboxOf(bot: TestBot) {
  const sandbox = bot.bot.core.cloud.sandbox;
  if (!sandbox) throw new Error('the test bot is not in sandbox mode');
  return sandbox;
}

export interface SeededService {
  readonly id: string;
  readonly serviceName: string;
}

/** An available, approval-enabled service; with owners in Redis unless `owners` is null. */
/**
 * Renames a service in the sandbox cloud's own state, as its owner could in the console (or as a cloud
 * answering in its place would report it): for text the bot must escape.
 */
export async function renameInCloud(
  redis: Redis,
  bot: ApprovalBot,
  serviceId: string,
  name: string,
): Promise<void> {
  const key = `${bot.test.keyPrefix}sandbox:{${PROJECT}}:services`;
  const stored = JSON.parse((await redis.hget(key, serviceId)) ?? '{}');
  await redis.hset(key, serviceId, JSON.stringify({ ...stored, name }));
}

export async function seedService(
  bot: TestBot,
  owners: (Owners & { approvalChannel?: string }) | null,
): Promise<SeededService> {
  const { serviceIds } = await sandboxOf(bot).bulkSeed(PROJECT, { services: 1 });
  const id = serviceIds[0] ?? '';
  const service = await bot.bot.core.cloud.project(PROJECT).getService(id);
  if (owners) {
    const { approvalChannel, ...rest } = owners;
    await bot.bot.core.records.put({
      projectId: PROJECT,
      serviceId: id,
      owners: rest,
      ...(approvalChannel ? { approvalChannel } : {}),
      createdBy: rest.users[0] ?? ADMIN,
    });
  }
  return { id, serviceName: service.serviceName };
}

/** A consumer asks to connect; resolves with the endpoint ID. */
export async function requestConnection(
  bot: TestBot,
  serviceId: string,
  domainId = 'c0ffee00c0ffee00c0ffee00c0ffee00',
): Promise<string> {
  const connection = await sandboxOf(bot).requestConnection(PROJECT, serviceId, { domainId });
  return connection.endpointId;
}

/** Top-level posts of the approval request of `endpointId` (not thread replies). */
export function requestPosts(fake: FakeSlack, endpointId: string): SlackCall[] {
  return fake
    .calls('chat.postMessage')
    .filter((c) => !c.args.thread_ts && c.response.ok && JSON.stringify(c.args).includes(endpointId));
}

/** Waits for the first post of the request of `endpointId`; resolves with the message as it is now. */
export async function waitForRequestPost(fake: FakeSlack, endpointId: string): Promise<StoredMessage> {
  const call = await fake.waitForCall(
    'chat.postMessage',
    (c) => !c.args.thread_ts && c.response.ok && JSON.stringify(c.args).includes(endpointId),
    { timeoutMs: 10_000 },
  );
  const message = fake.message(String(call.response.channel), String(call.response.ts));
  if (!message) throw new Error('posted message not found');
  return message;
}

/** The current content of a message, re-read from the fake. */
export function current(fake: FakeSlack, message: Pick<StoredMessage, 'channel' | 'ts'>): StoredMessage {
  const now = fake.message(message.channel, message.ts);
  if (!now) throw new Error(`message ${message.channel}/${message.ts} is gone`);
  return now;
}

export function hasButtons(message: StoredMessage): boolean {
  return JSON.stringify(message.blocks ?? []).includes(APPROVE_ACTION);
}

/** The first answer the bot sent to a response URL (an ephemeral reply to a click or command), when it came. */
export async function privateAnswer(fake: FakeSlack, responseUrl: string | undefined): Promise<unknown> {
  const [answer] = await eventually(
    () => fake.responses(responseUrl),
    (r) => r.length > 0,
  );
  return answer?.body;
}

/** Clicks Approve or Reject on a message as `userId`. */
export function click(
  slack: SlackDriver,
  fake: FakeSlack,
  message: Pick<StoredMessage, 'channel' | 'ts'>,
  userId: string,
  which: 'approve' | 'reject',
) {
  const now = current(fake, message);
  return slack.blockActions({
    userId,
    message: { channel: now.channel, ts: now.ts, blocks: now.blocks ?? [], text: now.text ?? '' },
    actions: [{ action_id: which === 'approve' ? APPROVE_ACTION : REJECT_ACTION }],
  });
}

/** The accept/reject calls the sandbox cloud received for an endpoint. */
export function cloudActions(bot: TestBot, endpointId: string): { action: string }[] {
  return sandboxOf(bot)
    .requests({ method: 'POST', path: /connections\/action$/ })
    .map((r) => r.body as { endpoints: string[]; action: string })
    .filter((b) => b.endpoints.includes(endpointId));
}

/** Service lists the sandbox answered for the first project: one per poll. */
export function pollCount(bot: TestBot): number {
  return sandboxOf(bot).requests({
    method: 'GET',
    path: new RegExp(`^/v1/${PROJECT}/vpc-endpoint-services$`),
  }).length;
}

/** Waits until the poller ran at least `ticks` more times. */
export async function waitForPolls(bot: TestBot, ticks: number): Promise<void> {
  const start = pollCount(bot);
  await eventually(
    () => pollCount(bot),
    (n) => n >= start + ticks,
  );
}

/** Audit entries about an endpoint, oldest first. */
export async function auditFor(
  redis: Redis,
  bot: TestBot,
  endpointId: string,
): Promise<Record<string, string>[]> {
  const rows = await redis.xrange(`${bot.keyPrefix}audit`, '-', '+');
  return rows
    .map(([, flat]) => {
      const entry: Record<string, string> = {};
      for (let i = 0; i + 1 < flat.length; i += 2) entry[flat[i] as string] = flat[i + 1] as string;
      return entry;
    })
    .filter((e) => e.endpointId === endpointId);
}

export function sandboxControl(bot: TestBot) {
  return sandboxOf(bot);
}
