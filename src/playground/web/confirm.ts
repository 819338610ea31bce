/**
 * A Block Kit confirmation dialog (`confirm` on a button or option): an alert dialog named by its title,
 * with the confirm and deny buttons. Resolves true when confirmed.
 */
import { el } from './dom.js';
import { textObject, textOf } from './mrkdwn-dom.js';
import type { Json, Names } from './page-types.js';

export function confirmDialog(confirm: Json, names: Names): Promise<boolean> {
  return new Promise((resolve) => {
    const title = textOf(confirm.title) || 'Are you sure?';
    const previous = document.activeElement as HTMLElement | null;
    const yes = el(
      'button',
      { type: 'button', class: confirm.style === 'danger' ? 'button danger' : 'button primary' },
      textOf(confirm.confirm) || 'Yes',
    );
    const no = el('button', { type: 'button', class: 'button' }, textOf(confirm.deny) || 'Cancel');
    const titleId = `confirm-title-${Date.now()}`;
    const dialog = el(
      'div',
      { class: 'overlay' },
      el(
        'div',
        { class: 'dialog confirm', role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': titleId },
        el('h2', { id: titleId, class: 'dialog-title' }, title),
        el('div', { class: 'dialog-body' }, textObject(confirm.text, names)),
        el('div', { class: 'dialog-footer' }, no, yes),
      ),
    );
    // Everything behind the confirmation (the page, and a modal under it) is inert until it is answered.
    const behind = [...document.body.children].filter(
      (node): node is HTMLElement => node instanceof HTMLElement && !node.inert,
    );
    const done = (answer: boolean) => {
      dialog.remove();
      for (const node of behind) node.inert = false;
      previous?.focus();
      resolve(answer);
    };
    yes.addEventListener('click', () => done(true));
    no.addEventListener('click', () => done(false));
    dialog.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      // Only the confirmation closes, not the modal under it.
      event.preventDefault();
      done(false);
    });
    for (const node of behind) node.inert = true;
    document.body.appendChild(dialog);
    yes.focus();
  });
}
