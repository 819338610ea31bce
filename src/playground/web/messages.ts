/**
 * The conversation: messages in time order, each rendered once and re-rendered only when it changed
 * (chat.update changes a message in place; chat.delete removes it). Ephemeral messages say "Only visible
 * to you", as in Slack.
 */
import { renderBlocks } from './blocks.js';
import { el } from './dom.js';
import { mrkdwnToDom } from './mrkdwn-dom.js';
import type { Json, PageMessage, PageState } from './page-types.js';
import type { RenderContext } from './render-context.js';

export interface MessageHost {
  /** A render context for one message (its values scope and its action target). */
  contextFor(message: PageMessage): RenderContext;
}

const keyOf = (m: PageMessage) => `${m.ephemeral ? 'e' : 'm'}:${m.channel}:${m.ts}`;

function timeOf(ts: string): string {
  return new Date(Number(ts) * 1000).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

function renderMessage(message: PageMessage, state: PageState, host: MessageHost): HTMLElement {
  const sender = state.names.users[message.user] ?? message.user;
  const isApp = state.apps.includes(message.user);
  const ctx = host.contextFor(message);
  const body =
    message.blocks.length > 0
      ? el('div', { class: 'message-body' }, ...renderBlocks(message.blocks as Json[], ctx))
      : el(
          'div',
          { class: 'message-body' },
          el('div', { class: 'message-text' }, mrkdwnToDom(message.text, state.names)),
        );
  return el(
    'article',
    {
      class: `message${message.ephemeral ? ' ephemeral' : ''}`,
      'aria-label': `${sender}, ${timeOf(message.ts)}`,
    },
    // Like Slack, an ephemeral message says whom it is for in a line above the sender.
    message.ephemeral
      ? el(
          'div',
          { class: 'ephemeral-note' },
          el('span', { 'aria-hidden': 'true' }, '👁 '),
          'Only visible to you',
        )
      : null,
    el('div', { class: 'avatar', 'aria-hidden': 'true' }, sender.slice(0, 1).toUpperCase()),
    el(
      'div',
      { class: 'message-main' },
      el(
        'div',
        { class: 'message-meta' },
        el('span', { class: 'sender' }, sender),
        isApp ? el('span', { class: 'app-badge' }, 'APP') : null,
        el('time', { class: 'message-time' }, timeOf(message.ts)),
        message.edited ? el('span', { class: 'edited' }, '(edited)') : null,
      ),
      body,
    ),
  );
}

export class Conversation {
  private readonly rendered = new Map<string, { json: string; node: HTMLElement }>();
  private channel = '';
  private names = '';

  constructor(
    private readonly container: HTMLElement,
    private readonly host: MessageHost,
  ) {}

  render(state: PageState): void {
    const names = JSON.stringify(state.names) + state.me;
    if (state.channel !== this.channel || names !== this.names) {
      this.rendered.clear();
      this.channel = state.channel;
      this.names = names;
    }
    const wasAtBottom =
      this.container.scrollHeight - this.container.scrollTop - this.container.clientHeight < 40;
    const nodes: HTMLElement[] = [];
    const seen = new Set<string>();
    for (const message of state.messages) {
      const key = keyOf(message);
      const json = JSON.stringify(message);
      let entry = this.rendered.get(key);
      if (!entry || entry.json !== json) {
        entry = { json, node: renderMessage(message, state, this.host) };
        this.rendered.set(key, entry);
      }
      seen.add(key);
      nodes.push(entry.node);
    }
    for (const key of [...this.rendered.keys()]) if (!seen.has(key)) this.rendered.delete(key);
    const current = [...this.container.children];
    if (current.length !== nodes.length || current.some((node, i) => node !== nodes[i])) {
      this.container.replaceChildren(...nodes);
      if (wasAtBottom || current.length < nodes.length)
        this.container.scrollTop = this.container.scrollHeight;
    }
  }
}
