/**
 * The modal surface: the top view of the person's stack as a dialog named by its title, with Close and
 * (when the view has one) Submit. A re-render of the same view keeps what was typed (by block_id and
 * action_id) and the focus; inline errors from `response_action: errors` show under their inputs.
 * While a modal is open the page behind it is inert, focus stays inside the dialog (its first input, else
 * its first button, else the dialog itself), and Escape anywhere closes it, as in Slack's client.
 */
import { renderBlocks } from './blocks.js';
import { el } from './dom.js';
import { plainToDom, textOf } from './mrkdwn-dom.js';
import type { Outcome, View } from './page-types.js';
import type { RenderContext } from './render-context.js';

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
  private closeButton: HTMLButtonElement | undefined;
  /** Where the focus was before the modal opened; it goes back there when the modal closes. */
  private before: HTMLElement | undefined;

  constructor(
    private readonly root: HTMLElement,
    /** The page behind the modal, inert while a modal is open. */
    private readonly behind: HTMLElement,
    private readonly actions: ModalActions,
  ) {
    document.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || event.defaultPrevented || !this.closeButton) return;
      // A confirmation dialog over the modal answers its own Escape.
      if (document.querySelector('[role=alertdialog]')) return;
      event.preventDefault();
      this.closeButton.click();
    });
  }

  render(modal: { view: View; depth: number } | null): void {
    if (!modal) {
      const wasOpen = this.shown !== undefined;
      this.shown = undefined;
      this.view = undefined;
      this.closeButton = undefined;
      this.root.replaceChildren();
      this.behind.inert = false;
      if (wasOpen && this.before?.isConnected) this.before.focus();
      this.before = undefined;
      return;
    }
    const { view } = modal;
    if (this.shown?.id === view.id && this.shown.hash === view.hash) return;
    // A new view or a new version of it: the last submission's errors no longer apply.
    this.errors = {};
    this.draw(view, modal.depth);
  }

  private draw(view: View, depth: number): void {
    const active = document.activeElement as HTMLElement | null;
    const focused = active?.dataset.field;
    const hadFocus = active !== null && this.root.contains(active);
    if (this.shown === undefined && active && !hadFocus) this.before = active;
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
    const body = el('div', { class: 'dialog-body' }, ...renderBlocks(view.blocks, ctx));
    const form = el(
      'form',
      { class: 'dialog-form', novalidate: true },
      body,
      el('div', { class: 'dialog-footer' }, close, submit),
    );
    const dialog = el(
      'div',
      {
        class: 'dialog',
        role: 'dialog',
        'aria-modal': 'true',
        'aria-labelledby': 'modal-title',
        tabindex: '-1',
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
    this.closeButton = close;
    this.root.replaceChildren(el('div', { class: 'overlay' }, dialog));
    this.behind.inert = true;
    const again = focused ? dialog.querySelector<HTMLElement>(`[data-field="${CSS.escape(focused)}"]`) : null;
    // The first field (an invalid one first); with no field, the first button; else the dialog itself.
    const first =
      dialog.querySelector<HTMLElement>('[aria-invalid=true], input, textarea, select') ??
      body.querySelector<HTMLElement>('button') ??
      dialog;
    if (again) again.focus();
    else if (fresh || hadFocus || Object.keys(this.errors).length > 0) first.focus();
  }
}
