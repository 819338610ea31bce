/**
 * What a person does on the page, turned into what Slack would send the bot: signed slash commands,
 * block_actions, view_submission, view_closed, block_suggestion and events, through the same driver the
 * tests use. Values and ids from the page are checked against the emulator's own record of the message
 * or view; the page never supplies a view or message body.
 */
import type { Activity } from './activity.js';
import type { SlackDriver } from './slack/bot-driver.js';
import type { FakeSlack, StoredView } from './slack/index.js';
import { findElement, type StateValuesInput } from './slack/state-values.js';
import { dmOf, type Persona, STEP_CALLBACK_ID } from './workspace.js';

type Json = Record<string, unknown>;

/** Where a clicked element lives. */
export type ActionSource =
  | { readonly kind: 'message'; readonly channel: string; readonly ts: string; readonly ephemeral?: boolean }
  | { readonly kind: 'view'; readonly viewId: string };

/** What the page gets back from an interaction. */
export interface Outcome {
  readonly ok: boolean;
  /** A problem to show the person (Slack's own wording where Slack has one). */
  readonly problem?: string;
  /** `response_action: errors`: block_id → message. */
  readonly errors?: Record<string, string>;
  readonly options?: unknown;
}

/** `via` of Slackbot's own ephemeral notes (the page names Slackbot as their sender). */
export const SLACKBOT_VIA = 'slackbot';
const TROUBLE = 'We had some trouble connecting. Try again?';

/** Slack escapes `&`, `<` and `>` in what people type, so their text never becomes markup. */
export function escapeTyped(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Keeps only state values whose block_id/action_id are in the blocks (Slack sends no others). */
export function valuesFor(blocks: unknown, values: unknown): StateValuesInput {
  const kept: StateValuesInput = {};
  if (typeof values !== 'object' || values === null) return kept;
  for (const [blockId, actions] of Object.entries(values as Record<string, unknown>)) {
    if (typeof actions !== 'object' || actions === null) continue;
    for (const [actionId, value] of Object.entries(actions as Record<string, unknown>)) {
      const element = findElement(blocks, actionId, blockId)?.element;
      if (!element || typeof value !== 'object' || value === null || Array.isArray(value)) continue;
      kept[blockId] = { ...kept[blockId], [actionId]: { ...(value as Json), type: String(element.type) } };
    }
  }
  return kept;
}

export class Session {
  constructor(
    private readonly fake: FakeSlack,
    private readonly driver: SlackDriver,
    private readonly activity: Activity,
  ) {}

  /** A line from the composer: a slash command, or a plain message in the channel. */
  async send(person: Persona, channel: string, line: string): Promise<Outcome> {
    const text = line.trim();
    if (text === '') return { ok: true };
    try {
      if (!text.startsWith('/')) {
        this.fake.state.messages.post(channel, { text: escapeTyped(text) }, person.id);
        return { ok: true };
      }
      const command = text.split(/\s/, 1)[0] ?? '';
      if (command !== '/vpcep') {
        this.tell(
          channel,
          person,
          `\`${command}\` is not a valid command. This workspace has one: \`/vpcep\`.`,
        );
        return { ok: true };
      }
      const res = await this.driver.command({
        userId: person.id,
        userName: person.handle,
        channelId: channel,
        channelName: this.channelName(channel),
        command,
        text: text.slice(command.length).trim(),
      });
      if (res.status !== 200) {
        this.tell(
          channel,
          person,
          `${command} failed with the error "dispatch_failed" (HTTP ${res.status}).`,
        );
        return { ok: false, problem: TROUBLE };
      }
      this.showAck(channel, person, res.body);
      return { ok: true };
    } finally {
      this.activity.emit();
    }
  }

  /** A click or a choice in a message, a modal or the Home tab. */
  async act(person: Persona, source: ActionSource, action: Json, values: unknown): Promise<Outcome> {
    try {
      const actionId = typeof action.action_id === 'string' ? action.action_id : '';
      // The page sends '' for a block it shows without an id; that names no block, like a missing one.
      const blockId =
        typeof action.block_id === 'string' && action.block_id !== '' ? action.block_id : undefined;
      const { action_id: _a, block_id: _b, type: _t, ...chosen } = action;
      const actions = [{ action_id: actionId, ...(blockId ? { block_id: blockId } : {}), ...chosen }];
      if (source.kind === 'view') {
        const view = this.viewOf(person, source.viewId);
        if (!view || !findElement(view.blocks, actionId, blockId))
          return { ok: false, problem: 'This view has changed.' };
        const res = await this.driver.blockActions({
          userId: person.id,
          userName: person.handle,
          view,
          values: valuesFor(view.blocks, values),
          actions,
        });
        return res.status === 200 ? { ok: true } : { ok: false, problem: TROUBLE };
      }
      const message = this.messageOf(person, source);
      if (!message || !findElement(message.blocks, actionId, blockId))
        return { ok: false, problem: 'This message has changed.' };
      const res = await this.driver.blockActions({
        userId: person.id,
        userName: person.handle,
        message,
        ephemeral: source.ephemeral === true,
        values: valuesFor(message.blocks, values),
        actions,
      });
      return res.status === 200 ? { ok: true } : { ok: false, problem: TROUBLE };
    } finally {
      this.activity.emit();
    }
  }

  /** Submit in a modal: Slack's reaction to the bot's ack is applied by the driver. */
  async submit(person: Persona, viewId: string, values: unknown): Promise<Outcome> {
    try {
      const view = this.viewOf(person, viewId);
      if (!view) return { ok: false, problem: 'This view is no longer open.' };
      const res = await this.driver.viewSubmission({
        userId: person.id,
        userName: person.handle,
        view,
        values: valuesFor(view.blocks, values),
      });
      if (res.status !== 200 || res.ackIssues.length > 0) return { ok: false, problem: TROUBLE };
      const body = (typeof res.body === 'object' && res.body !== null ? res.body : {}) as Json;
      if (body.response_action === 'errors')
        return { ok: true, errors: body.errors as Record<string, string> };
      return { ok: true };
    } finally {
      this.activity.emit();
    }
  }

  /** Close in a modal: `view_closed` when the bot asked for it, else the view just goes. */
  async close(person: Persona, viewId: string): Promise<Outcome> {
    try {
      const view = this.viewOf(person, viewId);
      if (!view) return { ok: true };
      if (view.notify_on_close === true)
        await this.driver.viewClosed({ userId: person.id, userName: person.handle, view });
      else this.fake.closeView(viewId);
      return { ok: true };
    } finally {
      this.activity.emit();
    }
  }

  /**
   * A fresh load of the page: Slack's client drops a person's modals on reload, so every open view of the
   * person closes, and the bot hears `view_closed` (the whole stack cleared) where it asked for it.
   */
  async reloaded(person: Persona): Promise<Outcome> {
    try {
      const open = [...this.fake.openViews(person.id)].reverse();
      for (const view of open) {
        if (view.notify_on_close === true)
          await this.driver.viewClosed({ userId: person.id, userName: person.handle, view, isCleared: true });
      }
      for (const view of open) this.fake.closeView(view.id, { clear: true });
      return { ok: true };
    } finally {
      this.activity.emit();
    }
  }

  /** Type-ahead of an external select: the bot's options (`block_suggestion`). */
  async suggest(
    person: Persona,
    viewId: string,
    blockId: string,
    actionId: string,
    value: string,
  ): Promise<Outcome> {
    const view = this.viewOf(person, viewId);
    if (!view || !findElement(view.blocks, actionId, blockId))
      return { ok: false, problem: 'This view has changed.' };
    const res = await this.driver.blockSuggestion({
      userId: person.id,
      userName: person.handle,
      actionId,
      blockId,
      value: value.slice(0, 150),
      view,
    });
    return res.status === 200 ? { ok: true, options: res.body } : { ok: false, problem: TROUBLE };
  }

  /** The person opened the bot's Home tab. */
  async openHome(person: Persona): Promise<Outcome> {
    const home = this.fake.homeView(person.id);
    const res = await this.driver.event({
      type: 'app_home_opened',
      user: person.id,
      channel: dmOf(this.fake, person.id),
      tab: 'home',
      ...(home ? { view: home } : {}),
    });
    this.activity.emit();
    return res.status === 200 ? { ok: true } : { ok: false, problem: TROUBLE };
  }

  /** Workflow Builder runs the custom step with these inputs. */
  async runStep(inputs: Record<string, string>): Promise<Outcome> {
    const clean = Object.fromEntries(Object.entries(inputs).filter(([, v]) => v.trim() !== ''));
    const res = await this.driver.functionExecuted({ callbackId: STEP_CALLBACK_ID, inputs: clean });
    this.activity.emit();
    return res.status === 200 ? { ok: true } : { ok: false, problem: TROUBLE };
  }

  /** The open modal (of this person) or their Home tab with this id. */
  private viewOf(person: Persona, viewId: string): StoredView | undefined {
    const home = this.fake.homeView(person.id);
    if (home?.id === viewId) return home;
    return this.fake.openViews(person.id).find((v) => v.id === viewId);
  }

  private messageOf(person: Persona, source: Extract<ActionSource, { kind: 'message' }>) {
    if (source.ephemeral) {
      const found = this.fake.state.messages.findEphemeral(source.channel, person.id, source.ts);
      return (
        found && { channel: found.channel, ts: found.message_ts, text: found.text, blocks: found.blocks }
      );
    }
    const found = this.fake.message(source.channel, source.ts);
    return (
      found && {
        channel: found.channel,
        ts: found.ts,
        text: found.text,
        blocks: found.blocks,
        user: found.user,
      }
    );
  }

  /** A command's ack body is its answer: ephemeral unless `response_type: in_channel`. */
  private showAck(channel: string, person: Persona, body: unknown): void {
    if (typeof body !== 'object' || body === null) return;
    const ack = body as Json;
    if (typeof ack.text !== 'string' && !Array.isArray(ack.blocks)) return;
    if (ack.response_type === 'in_channel') this.fake.state.messages.post(channel, ack);
    else this.fake.state.messages.postEphemeral(channel, person.id, ack, 'ack');
  }

  /** An ephemeral note from Slackbot, as Slack shows for a command it cannot deliver. */
  private tell(channel: string, person: Persona, text: string): void {
    this.fake.state.messages.postEphemeral(channel, person.id, { text }, SLACKBOT_VIA);
  }

  private channelName(channel: string): string {
    const found = this.fake.state.directory.channel(channel);
    return 'channel' in found
      ? found.channel.is_im
        ? 'directmessage'
        : found.channel.name
      : channel.toLowerCase();
  }
}
