/**
 * What a restarted playground must show again: channel messages, ephemeral messages, Home tabs and custom
 * step executions. Triggers, response_urls and open modals are short-lived in Slack too and are not kept.
 */
import type { FunctionExecution } from './function-executions.js';
import type { EphemeralMessage, StoredMessage } from './message-store.js';
import type { FakeSlackState } from './state.js';
import type { StoredView } from './view-shapes.js';

/** The saved part of the emulator's state, as JSON. */
export interface SavedSlackState {
  readonly messages: StoredMessage[];
  readonly ephemerals: EphemeralMessage[];
  readonly homes: Array<{ userId: string; view: StoredView }>;
  readonly executions: FunctionExecution[];
}

/** Ephemeral messages kept across a restart: the newest ones (Slack forgets them on reload). */
export const SAVED_EPHEMERALS_MAX = 200;

/** A copy of the state worth keeping. */
export function saveState(state: FakeSlackState): SavedSlackState {
  return structuredClone({
    messages: state.messages.all(),
    ephemerals: state.messages.ephemerals().slice(-SAVED_EPHEMERALS_MAX),
    homes: state.views.homes(),
    executions: state.executions.all(),
  });
}

/** Puts a saved state back into a fresh emulator. */
export function restoreState(state: FakeSlackState, saved: SavedSlackState): void {
  state.messages.restore(saved.messages, saved.ephemerals);
  for (const { userId, view } of saved.homes) state.views.restoreHome(userId, view);
  state.executions.restore(saved.executions);
}
