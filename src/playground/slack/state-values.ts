/**
 * Builds what Slack puts in `view.state.values` and in action payloads from short test input: looks the
 * element up in the view or message blocks to get its type and option texts, as Slack would send them.
 */
import type { ViewStateSelectedOption, ViewStateValue } from '@slack/bolt';

/** A value in test shorthand: a string (text, option value, user/channel id, date), a list, or the full value. */
export type StateValueInput =
  | string
  | number
  | readonly string[]
  | null
  | (Partial<ViewStateValue> & { type?: string });

/** `{ block_id: { action_id: value } }` in shorthand. */
export type StateValuesInput = Record<string, Record<string, StateValueInput>>;

/** Slack's `state.values`. */
export type StateValues = Record<string, Record<string, ViewStateValue>>;

type Json = Record<string, unknown>;

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Elements of a block with the block_id: `element` (input), `accessory` (section), `elements` (actions). */
function elementsOf(block: Json): Json[] {
  const list = [block.element, block.accessory, ...(Array.isArray(block.elements) ? block.elements : [])];
  return list.filter(isJson);
}

/** Finds an element by action id (and block id when given) in a list of blocks. */
export function findElement(
  blocks: unknown,
  actionId: string,
  blockId?: string,
): { element: Json; blockId: string } | undefined {
  if (!Array.isArray(blocks)) return undefined;
  for (const block of blocks) {
    if (!isJson(block) || (blockId !== undefined && block.block_id !== blockId)) continue;
    const element = elementsOf(block).find((el) => el.action_id === actionId);
    if (element) return { element, blockId: String(block.block_id ?? '') };
  }
  return undefined;
}

function allOptions(element: Json): Json[] {
  const groups = Array.isArray(element.option_groups) ? element.option_groups.filter(isJson) : [];
  const grouped = groups.flatMap((g) => (Array.isArray(g.options) ? g.options : []));
  return [...(Array.isArray(element.options) ? element.options : []), ...grouped].filter(isJson);
}

/** The option with this value, as Slack reports a selection (`{ text, value }`). */
export function selectedOption(element: Json | undefined, value: string): ViewStateSelectedOption {
  const option = element ? allOptions(element).find((o) => o.value === value) : undefined;
  const fallback: ViewStateSelectedOption['text'] = { type: 'plain_text', text: value, emoji: true };
  const text = isJson(option?.text) ? (option.text as unknown as ViewStateSelectedOption['text']) : fallback;
  return { text, value };
}

const SELECTED_FIELD: Readonly<Record<string, string>> = {
  users_select: 'selected_user',
  multi_users_select: 'selected_users',
  conversations_select: 'selected_conversation',
  multi_conversations_select: 'selected_conversations',
  channels_select: 'selected_channel',
  multi_channels_select: 'selected_channels',
  datepicker: 'selected_date',
  timepicker: 'selected_time',
  datetimepicker: 'selected_date_time',
};
const SINGLE_OPTION = new Set(['static_select', 'external_select', 'radio_buttons']);
const MULTI_OPTION = new Set(['multi_static_select', 'multi_external_select', 'checkboxes']);

/** One state value in Slack's shape for an element of `type`. */
export function stateValue(element: Json | undefined, input: StateValueInput): ViewStateValue {
  const explicit = isJson(input) ? input.type : undefined;
  const type = String(element?.type ?? explicit ?? 'plain_text_input');
  if (isJson(input)) return { ...input, type: input.type ?? type } as ViewStateValue;
  const list = Array.isArray(input) ? input.map(String) : input === null ? [] : [String(input)];
  if (SINGLE_OPTION.has(type))
    return { type, selected_option: list[0] ? selectedOption(element, list[0]) : null };
  if (MULTI_OPTION.has(type)) return { type, selected_options: list.map((v) => selectedOption(element, v)) };
  const field = SELECTED_FIELD[type];
  if (field?.endsWith('s')) return { type, [field]: list } as ViewStateValue;
  if (field === 'selected_date_time')
    return { type, selected_date_time: input === null ? null : Number(input) };
  if (field) return { type, [field]: list[0] ?? null } as ViewStateValue;
  return { type, value: input === null ? null : String(input) };
}

/**
 * `state.values` from shorthand. With `blocks`, each shorthand value takes its element's type and option
 * texts; a block_id/action_id that is not in `blocks` throws (Slack cannot send it) unless the value is a
 * full object with `type`.
 */
export function buildStateValues(input: StateValuesInput, blocks?: unknown): StateValues {
  const values: StateValues = {};
  for (const [blockId, actions] of Object.entries(input)) {
    values[blockId] = {};
    for (const [actionId, value] of Object.entries(actions)) {
      const found = blocks === undefined ? undefined : findElement(blocks, actionId, blockId);
      if (blocks !== undefined && !found && !(isJson(value) && value.type))
        throw new Error(`state value ${blockId}/${actionId}: no such block_id/action_id in the view`);
      const blockValues = values[blockId];
      if (blockValues) blockValues[actionId] = stateValue(found?.element, value);
    }
  }
  return values;
}
