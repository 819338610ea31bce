/**
 * What the management tests share: a fake Slack, the real bot in-process on the sandbox cloud, a
 * signed-request driver, and readers for what users see (message text, service IDs in a summary).
 */
import type { SandboxControl } from '../../../src/cloud/index.js';
import type { Core } from '../../../src/features/core.js';
import { type FakeSlack, type StoredMessage, startFakeSlack } from '../../fakes/fake-slack/index.js';
import { FAST_CLOUD, startTestBot, TEST_SIGNING_SECRET, type TestBot } from '../../helpers/bot-harness.js';
import { createSlackDriver, type SlackDriver } from '../../helpers/slack-driver.js';

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

export async function startManageWorld(env: Record<string, string> = {}): Promise<ManageWorld> {
  const fake = await startFakeSlack();
  const bot = await startTestBot({ apiUrl: fake.apiUrl, env, cloud: FAST_CLOUD });
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
      await fake.close();
    },
  };
}

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
    if (match && text.includes('Ports (service:terminal)')) ids.push(match[0]);
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
