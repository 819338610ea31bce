/**
 * The message composer, named like Slack's ("Message #general"). Enter sends the text as typed
 * (Shift+Enter adds a line); while a `/vpcep` subcommand is being typed, matching subcommands are offered,
 * and Tab or a click accepts one.
 */
import { el } from './dom.js';

export interface Command {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
}

export class Composer {
  private commands: readonly Command[] = [];
  private offered: Command[] = [];
  private active = 0;

  constructor(
    private readonly input: HTMLTextAreaElement,
    private readonly list: HTMLElement,
    private readonly send: (text: string) => Promise<void>,
  ) {
    input.addEventListener('input', () => this.suggest());
    input.addEventListener('keydown', (event) => this.onKey(event));
    input.addEventListener('blur', () => window.setTimeout(() => this.hide(), 150));
  }

  /** Names the box for the open conversation and learns the subcommands. */
  setTarget(label: string, commands: readonly Command[]): void {
    this.input.setAttribute('aria-label', `Message ${label}`);
    this.input.placeholder = `Message ${label}`;
    this.commands = commands;
  }

  private onKey(event: KeyboardEvent): void {
    const open = !this.list.hidden && this.offered.length > 0;
    if (event.key === 'Tab' && open) {
      event.preventDefault();
      this.accept(this.offered[this.active]);
    } else if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && open) {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.active = (this.active + step + this.offered.length) % this.offered.length;
      this.draw();
    } else if (event.key === 'Escape') this.hide();
    else if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      const text = this.input.value;
      if (text.trim() === '') return;
      this.input.value = '';
      this.hide();
      void this.send(text);
    }
  }

  private suggest(): void {
    const match = /^\/(v(?:p(?:c(?:e(?:p)?)?)?)?)?(?:\s+(\S*))?$/.exec(this.input.value);
    const typedCommand = match !== null && (match[2] === undefined || match[1] === 'vpcep');
    if (!typedCommand) {
      this.hide();
      return;
    }
    const prefix = (match?.[2] ?? '').toLowerCase();
    this.offered = this.commands.filter((c) => c.name.startsWith(prefix));
    this.active = 0;
    this.draw();
  }

  private draw(): void {
    if (this.offered.length === 0) {
      this.hide();
      return;
    }
    this.list.replaceChildren(
      ...this.offered.map((command, index) => {
        const item = el(
          'li',
          { role: 'option', 'aria-selected': String(index === this.active), class: 'suggestion' },
          el('span', { class: 'suggestion-usage' }, command.usage),
          el('span', { class: 'suggestion-summary' }, command.summary),
        );
        item.addEventListener('mousedown', (event) => event.preventDefault());
        item.addEventListener('click', () => this.accept(command));
        return item;
      }),
    );
    this.list.hidden = false;
  }

  private accept(command: Command | undefined): void {
    if (!command) return;
    this.input.value = `/vpcep ${command.name} `;
    this.hide();
    this.input.focus();
  }

  private hide(): void {
    this.list.hidden = true;
    this.offered = [];
  }
}
