/**
 * Views the bot opened, pushed, updated or published: their current content and `hash`, the modal stacks
 * (at most 3 views each) and each user's Home tab. Typed input survives an update when its block_id and
 * action_id are kept, as in Slack.
 */
import { withBlockIds } from './block-ids.js';
import { randomSlackId } from './ids.js';
import { carryState, materialize, type StoredView } from './view-shapes.js';

export type { StoredView } from './view-shapes.js';

interface ViewRecord {
  view: StoredView;
  userId: string | undefined;
  stackId: string | undefined;
  open: boolean;
}

/** Maximum views in one modal stack (`views.open` + 2 `views.push`). */
export const MAX_STACK = 3;

/** The view store. */
export class ViewStore {
  private readonly records = new Map<string, ViewRecord>();
  private readonly stacks = new Map<string, string[]>();

  /** Opens a new modal stack with this view. */
  open(input: Record<string, unknown>, userId: string | undefined): StoredView {
    const view = materialize(input, randomSlackId('V'), null, null);
    view.root_view_id = view.id;
    this.records.set(view.id, { view, userId, stackId: view.id, open: true });
    this.stacks.set(view.id, [view.id]);
    return view;
  }

  /** Pushes a view onto the stack of `onViewId` (or the user's latest stack). */
  push(input: Record<string, unknown>, userId: string | undefined, onViewId?: string): StoredView | string {
    const stackId = this.stackFor(userId, onViewId);
    const stack = stackId ? this.stacks.get(stackId) : undefined;
    if (!stackId || !stack || stack.length === 0) return 'not_found';
    if (stack.length >= MAX_STACK) return 'push_limit_reached';
    const previous = stack[stack.length - 1] ?? null;
    const view = materialize(input, randomSlackId('V'), stackId, previous);
    this.records.set(view.id, { view, userId, stackId, open: true });
    stack.push(view.id);
    return view;
  }

  /** Replaces the content of an open view (new hash); `hash` must match when given. */
  update(viewId: string, input: Record<string, unknown>, hash?: string): StoredView | string {
    const record = this.records.get(viewId);
    if (!record?.open) return 'not_found';
    if (hash !== undefined && hash !== record.view.hash) return 'hash_conflict';
    const view = materialize(input, viewId, record.view.root_view_id, record.view.previous_view_id);
    view.state.values = carryState(record.view.state.values, view.blocks);
    record.view = view;
    return view;
  }

  /** Publishes (creates or replaces) the Home tab of a user. */
  publish(userId: string, input: Record<string, unknown>, hash?: string): StoredView | string {
    const existing = this.home(userId);
    if (existing) return this.update(existing.id, input, hash);
    const view = materialize(input, randomSlackId('V'), null, null);
    this.records.set(view.id, { view, userId, stackId: undefined, open: true });
    return view;
  }

  /** Closes the top view of its stack (an empty view_submission ack, or the user pressing Close). */
  close(viewId: string): void {
    const record = this.records.get(viewId);
    if (!record?.stackId) return;
    record.open = false;
    const stack = this.stacks.get(record.stackId) ?? [];
    this.stacks.set(
      record.stackId,
      stack.filter((id) => id !== viewId),
    );
  }

  /** Closes every view of the stack `viewId` belongs to (`response_action: clear`). */
  clear(viewId: string): void {
    const stackId = this.records.get(viewId)?.stackId;
    for (const id of (stackId && this.stacks.get(stackId)) || []) {
      const record = this.records.get(id);
      if (record) record.open = false;
    }
    if (stackId) this.stacks.set(stackId, []);
  }

  /** The current view with this id (open or closed). */
  get(viewId: string): StoredView | undefined {
    return this.records.get(viewId)?.view;
  }

  /** The open view with this `external_id`. */
  byExternalId(externalId: string): StoredView | undefined {
    return [...this.records.values()].find((r) => r.open && r.view.external_id === externalId)?.view;
  }

  /** The user who opened the view, when known. */
  owner(viewId: string): string | undefined {
    return this.records.get(viewId)?.userId;
  }

  /** Modal views currently open (optionally only those a user opened), oldest first. */
  openModals(userId?: string): StoredView[] {
    return [...this.records.values()]
      .filter((r) => r.open && r.stackId && (userId === undefined || r.userId === userId))
      .map((r) => r.view);
  }

  /** The Home tab currently published for a user. */
  home(userId: string): StoredView | undefined {
    return [...this.records.values()].find((r) => !r.stackId && r.userId === userId)?.view;
  }

  /** Every published Home tab with its user, for saving (see `restoreHome`). */
  homes(): Array<{ userId: string; view: StoredView }> {
    return [...this.records.values()]
      .filter((r) => !r.stackId && r.userId !== undefined)
      .map((r) => ({ userId: r.userId ?? '', view: r.view }));
  }

  /** Puts a saved Home tab back, with its id and hash (a restarted playground). */
  restoreHome(userId: string, view: StoredView): void {
    view.blocks = withBlockIds(view.blocks);
    this.records.set(view.id, { view, userId, stackId: undefined, open: true });
  }

  /** Sets `state.values` of a view, as if the user had typed or selected them. */
  setState(viewId: string, values: Record<string, Record<string, unknown>>): void {
    const view = this.get(viewId);
    if (view) view.state.values = structuredClone(values);
  }

  /** Forgets every view. */
  clearAll(): void {
    this.records.clear();
    this.stacks.clear();
  }

  private stackFor(userId: string | undefined, onViewId?: string): string | undefined {
    const direct = onViewId ? this.records.get(onViewId) : undefined;
    if (direct?.open && direct.stackId) return direct.stackId;
    const candidates = [...this.records.values()].filter(
      (r) => r.open && r.stackId && (userId === undefined || r.userId === userId),
    );
    return candidates.at(-1)?.stackId;
  }
}
