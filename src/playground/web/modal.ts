/**
 * The modal surface: the top view of the person's stack as a dialog named by its title, with Close and
 * (when the view has one) Submit. A re-render of the same view keeps what was typed (by block_id and
 * action_id) and the focus; inline errors from `response_action: errors` show under their inputs.
 */
import { renderBlocks } from './blocks.js';
import { el } from './dom.js';
import { plainToDom, textOf } from './mrkdwn-dom.js';
import type { RenderContext } from './render-context.js';
import type { Outcome, View } from './types.js';

export interface ModalActions {
  context(view: View, errors: Record<string, string>): RenderContext;
  submit(view: View): Promise<Outcome>;
  close(view: View): Promise<Outcome>;
  problem(message: string): void;
}

export class ModalHost {
  private shown: { id: string; hash: string } | undefined;
  private errors: Record<string, string> = {};
  private view: View | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly actions: ModalActions,
  ) {}

  render(modal: { view: View; depth: number } | null): void {
    if (!modal) {
      this.shown = undefined;
      this.view = undefined;
      this.root.replaceChildren();
      return;
    }
    const { view } = modal;
    if (this.shown?.id === view.id && this.shown.hash === view.hash) return;
    // A new view or a new version of it: the last submission's errors no longer apply.
    this.errors = {};
    this.draw(view, modal.depth);
  }

  private draw(view: View, depth: number): void {
    const focused = (document.activeElement as HTMLElement | null)?.dataset.field;
    const fresh = this.shown?.id !== view.id;
    this.shown = { id: view.id, hash: view.hash };
    this.view = view;
    const title = textOf(view.title) || 'App';
    const ctx = this.actions.context(view, this.errors);
    const submit = view.submit
      ? el('button', { type: 'submit', class: 'button primary' }, plainToDom(textOf(view.submit)))
      : null;
    const close = el(
      'button',
      { type: 'button', class: 'button' },
      plainToDom(textOf(view.close) || 'Cancel'),
    );
    const form = el(
      'form',
      { class: 'dialog-form', novalidate: true },
      el('div', { class: 'dialog-body' }, ...renderBlocks(view.blocks, ctx)),
      el('div', { class: 'dialog-footer' }, close, submit),
    );
    const dialog = el(
      'div',
      {
        class: 'dialog',
        role: 'dialog',
        'aria-modal': 'true',
        'aria-labelledby': 'modal-title',
        'data-depth': String(depth),
      },
      el('div', { class: 'dialog-header' }, el('h2', { id: 'modal-title', class: 'dialog-title' }, title)),
      form,
    );
    close.addEventListener('click', async () => {
      close.disabled = true;
      const outcome = await this.actions
        .close(view)
        .catch((err: unknown) => ({ ok: false, problem: String(err) }));
      if (!outcome.ok) this.actions.problem(outcome.problem ?? 'Could not close the view.');
      close.disabled = false;
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!submit) return;
      submit.disabled = true;
      const outcome = await this.actions
        .submit(view)
        .catch((err: unknown) => ({ ok: false, problem: String(err) }) as Outcome);
      submit.disabled = false;
      if (!outcome.ok) this.actions.problem(outcome.problem ?? 'We had some trouble connecting. Try again?');
      if (outcome.errors && this.view === view) {
        this.errors = outcome.errors;
        this.draw(view, depth);
      }
    });
    dialog.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') close.click();
    });
    this.root.replaceChildren(el('div', { class: 'overlay' }, dialog));
    const again = focused ? dialog.querySelector<HTMLElement>(`[data-field="${CSS.escape(focused)}"]`) : null;
    const first = dialog.querySelector<HTMLElement>('[aria-invalid=true], input, textarea, select');
    if (again) again.focus();
    else if (fresh || Object.keys(this.errors).length > 0) first?.focus();
  }
}
