/** What the block and element renderers need from the page around them. */
import type { Json, Names, Persona, SlackOption } from './page-types.js';
import type { ValueStore } from './values.js';

export interface RenderContext {
  readonly names: Names;
  readonly personas: readonly Persona[];
  readonly channels: ReadonlyArray<{ id: string; name: string }>;
  /** The view id, or `channel:ts` of a message: where entered values are kept. */
  readonly scope: string;
  readonly values: ValueStore;
  /** `response_action: errors` of the last submission: block_id → message. */
  readonly errors: Readonly<Record<string, string>>;
  /** Sends a block_actions payload for one element. */
  act(action: Json): void;
  /** Options for an external select (a block_suggestion round trip); empty when not in a view. */
  suggest(blockId: string, actionId: string, query: string): Promise<SlackOption[]>;
}

/** How an element is placed: inside an input block (labelled by it) or on its own. */
export interface Placement {
  readonly blockId: string;
  /** Input blocks: the id of the label, and whether changes dispatch block_actions. */
  readonly labelId?: string;
  readonly label: string;
  readonly describedBy?: string;
  readonly dispatch: boolean;
}
