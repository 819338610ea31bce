/**
 * What a person has entered, per view or message, in Slack's `state.values` shape. Like Slack, a value
 * typed into an element survives a re-render as long as its block_id and action_id stay the same; an
 * element nobody touched reports its initial value.
 */
import type { Json } from './page-types.js';

export type StateValue = Json & { type: string };

const SELECTED: Readonly<Record<string, [field: string, initial: string]>> = {
  plain_text_input: ['value', 'initial_value'],
  number_input: ['value', 'initial_value'],
  static_select: ['selected_option', 'initial_option'],
  external_select: ['selected_option', 'initial_option'],
  radio_buttons: ['selected_option', 'initial_option'],
  multi_static_select: ['selected_options', 'initial_options'],
  multi_external_select: ['selected_options', 'initial_options'],
  checkboxes: ['selected_options', 'initial_options'],
  users_select: ['selected_user', 'initial_user'],
  multi_users_select: ['selected_users', 'initial_users'],
  conversations_select: ['selected_conversation', 'initial_conversation'],
  multi_conversations_select: ['selected_conversations', 'initial_conversations'],
  channels_select: ['selected_channel', 'initial_channel'],
  multi_channels_select: ['selected_channels', 'initial_channels'],
  datepicker: ['selected_date', 'initial_date'],
};

/** The field of the state value that holds the choice (`value`, `selected_option`, …). */
export function valueField(type: string): string {
  return SELECTED[type]?.[0] ?? 'value';
}

const isMulti = (field: string) => field.endsWith('s') && field !== 'value';

/** The state value of an untouched element. */
export function initialValue(element: Json): StateValue {
  const type = String(element.type);
  const [field, initial] = SELECTED[type] ?? ['value', 'initial_value'];
  const start = element[initial];
  return { type, [field]: start ?? (isMulti(field) ? [] : null) };
}

export class ValueStore {
  private readonly scopes = new Map<string, Map<string, StateValue>>();

  /** The entered value, or the element's initial one. */
  get(scope: string, blockId: string, element: Json): StateValue {
    const entered = this.scopes.get(scope)?.get(`${blockId}\u0000${String(element.action_id)}`);
    return entered && entered.type === element.type ? entered : initialValue(element);
  }

  set(scope: string, blockId: string, actionId: string, value: StateValue): void {
    let values = this.scopes.get(scope);
    if (!values) {
      values = new Map();
      this.scopes.set(scope, values);
    }
    values.set(`${blockId}\u0000${actionId}`, value);
  }

  /** `state.values` for the inputs and interactive elements in `blocks`. */
  stateOf(scope: string, blocks: readonly Json[]): Record<string, Record<string, StateValue>> {
    const state: Record<string, Record<string, StateValue>> = {};
    for (const block of blocks) {
      const blockId = typeof block.block_id === 'string' ? block.block_id : '';
      for (const element of elementsOf(block)) {
        if (typeof element.action_id !== 'string' || !(String(element.type) in SELECTED)) continue;
        state[blockId] = { ...state[blockId], [element.action_id]: this.get(scope, blockId, element) };
      }
    }
    return state;
  }

  /** Forgets a closed view's or deleted message's values. */
  drop(scope: string): void {
    this.scopes.delete(scope);
  }
}

/** The elements of a block: an input's element, a section's accessory, an actions block's elements. */
export function elementsOf(block: Json): Json[] {
  const list = [block.element, block.accessory, ...(Array.isArray(block.elements) ? block.elements : [])];
  return list.filter((e): e is Json => typeof e === 'object' && e !== null && !Array.isArray(e));
}
