/**
 * The shape of stored views: what Slack fills in around the view a bot sends (ids, a block_id for every
 * block, defaults, a new `hash`, empty `state`), and which typed values survive an update.
 */
import { randomBytes } from 'node:crypto';
import { withBlockIds } from './block-ids.js';
import { isRecord } from './block-kit-text.js';
import { FAKE_TEAM } from './ids.js';

/** A view as Slack reports it (`ViewOutput` of Bolt), plus any extra fields the bot sent. */
export type StoredView = Record<string, unknown> & {
  id: string;
  type: string;
  hash: string;
  blocks: unknown[];
  state: { values: Record<string, Record<string, unknown>> };
  root_view_id: string | null;
  previous_view_id: string | null;
};

function newHash(): string {
  return `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString('hex')}`;
}

/** A stored view built from what the bot sent: Slack's defaults, a new hash, empty state. */
export function materialize(
  input: Record<string, unknown>,
  id: string,
  rootId: string | null,
  previousId: string | null,
): StoredView {
  const copy = structuredClone(input);
  return {
    ...copy,
    id,
    team_id: FAKE_TEAM.teamId,
    app_id: FAKE_TEAM.appId,
    app_installed_team_id: FAKE_TEAM.teamId,
    bot_id: FAKE_TEAM.botId,
    type: String(copy.type),
    blocks: Array.isArray(copy.blocks) ? withBlockIds(copy.blocks) : [],
    private_metadata: typeof copy.private_metadata === 'string' ? copy.private_metadata : '',
    callback_id: typeof copy.callback_id === 'string' ? copy.callback_id : '',
    external_id: typeof copy.external_id === 'string' ? copy.external_id : '',
    title: copy.title ?? null,
    submit: copy.submit ?? null,
    close: copy.close ?? null,
    clear_on_close: copy.clear_on_close === true,
    notify_on_close: copy.notify_on_close === true,
    state: { values: {} },
    hash: newHash(),
    root_view_id: rootId,
    previous_view_id: previousId,
  };
}

/** Keeps typed values whose block_id and action_id still exist after an update. */
export function carryState(
  values: Record<string, Record<string, unknown>>,
  blocks: unknown[],
): Record<string, Record<string, unknown>> {
  const kept: Record<string, Record<string, unknown>> = {};
  for (const block of blocks) {
    if (!isRecord(block) || block.type !== 'input' || typeof block.block_id !== 'string') continue;
    const element = isRecord(block.element) ? block.element : undefined;
    const actionId = typeof element?.action_id === 'string' ? element.action_id : undefined;
    const value = actionId ? values[block.block_id]?.[actionId] : undefined;
    if (actionId && value !== undefined) kept[block.block_id] = { [actionId]: value };
  }
  return kept;
}
