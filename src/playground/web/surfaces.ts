/**
 * Where interactions go: render contexts for messages, modals and the Home tab, each sending its
 * block_actions with the surface's entered values, and the modal's Submit and Close.
 */
import { post } from './api.js';
import { renderBlocks } from './blocks.js';
import type { MessageHost } from './messages.js';
import type { ModalActions } from './modal-dialog.js';
import type { Json, Outcome, PageMessage, PageState, SlackOption, View } from './page-types.js';
import type { RenderContext } from './render-context.js';
import { ValueStore } from './values.js';

function optionsOf(answer: unknown): SlackOption[] {
  const body = (typeof answer === 'object' && answer !== null ? answer : {}) as Json;
  const options = Array.isArray(body.options) ? (body.options as SlackOption[]) : [];
  const groups = Array.isArray(body.option_groups) ? (body.option_groups as Json[]) : [];
  return [
    ...options,
    ...groups.flatMap((g) => (Array.isArray(g.options) ? (g.options as SlackOption[]) : [])),
  ];
}

export class Surfaces implements MessageHost, ModalActions {
  private readonly values = new ValueStore();
  private homeDrawn = '';

  constructor(
    private readonly current: () => PageState | undefined,
    readonly problem: (message: string) => void,
  ) {}

  private async send(route: string, body: Json): Promise<Outcome> {
    const outcome = await post(route, body).catch(
      (err: unknown) => ({ ok: false, problem: String(err) }) as Outcome,
    );
    if (!outcome.ok) this.problem(outcome.problem ?? 'We had some trouble connecting. Try again?');
    return outcome;
  }

  private base(
    state: PageState,
    scope: string,
    errors: Record<string, string>,
    act: (action: Json) => void,
    viewId?: string,
  ): RenderContext {
    return {
      names: state.names,
      personas: state.personas,
      channels: state.channels,
      scope,
      values: this.values,
      errors,
      act,
      suggest: async (blockId, actionId, query) => {
        if (!viewId) return [];
        const outcome = await this.send('suggest', {
          user: state.me,
          viewId,
          blockId,
          actionId,
          value: query,
        });
        return optionsOf(outcome.options);
      },
    };
  }

  contextFor(message: PageMessage): RenderContext {
    const state = this.current() as PageState;
    const scope = `${message.ephemeral ? 'e' : 'm'}:${message.channel}:${message.ts}`;
    return this.base(state, scope, {}, (action) => {
      void this.send('action', {
        user: state.me,
        source: { kind: 'message', channel: message.channel, ts: message.ts, ephemeral: message.ephemeral },
        action,
        values: this.values.stateOf(scope, message.blocks),
      });
    });
  }

  context(view: View, errors: Record<string, string>): RenderContext {
    const state = this.current() as PageState;
    return this.base(
      state,
      view.id,
      errors,
      (action) => {
        void this.send('action', {
          user: state.me,
          source: { kind: 'view', viewId: view.id },
          action,
          values: this.values.stateOf(view.id, view.blocks),
        });
      },
      view.id,
    );
  }

  submit(view: View): Promise<Outcome> {
    const state = this.current() as PageState;
    return post('submit', {
      user: state.me,
      viewId: view.id,
      values: this.values.stateOf(view.id, view.blocks),
    });
  }

  close(view: View): Promise<Outcome> {
    const state = this.current() as PageState;
    this.values.drop(view.id);
    return post('close', { user: state.me, viewId: view.id });
  }

  /** The Home tab: redrawn when the published view changes. */
  renderHome(root: HTMLElement, state: PageState): void {
    const home = state.home;
    const key = home ? `${state.me}:${home.id}:${home.hash}` : `${state.me}:none`;
    if (key === this.homeDrawn) return;
    this.homeDrawn = key;
    if (!home) {
      root.replaceChildren(document.createTextNode('Opening the Home tab…'));
      return;
    }
    root.replaceChildren(...renderBlocks(home.blocks, this.context(home, {})));
  }
}
