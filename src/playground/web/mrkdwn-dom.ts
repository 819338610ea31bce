/**
 * The mrkdwn tree as DOM, built with createElement and text nodes only. Links are live only for the URLs
 * `safeUrl` accepted; mentions show names from the workspace directory and link nowhere.
 */
import { append, el } from './dom.js';
import { emojiFor } from './emoji.js';
import { type MrkdwnNode, parseMrkdwn } from './mrkdwn-parse.js';
import type { Names } from './page-types.js';

function mention(
  kind: 'user' | 'channel' | 'group',
  id: string,
  label: string | undefined,
  names: Names,
): string {
  if (kind === 'user') return `@${names.users[id] ?? label ?? id}`;
  if (kind === 'channel') return `#${names.channels[id] ?? label ?? id}`;
  return `@${names.groups[id] ?? label?.replace(/^@/, '') ?? id}`;
}

function dateText(seconds: number, fallback: string): string {
  if (!Number.isFinite(seconds)) return fallback;
  return new Date(seconds * 1000).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function nodeToDom(node: MrkdwnNode, names: Names): Node {
  switch (node.kind) {
    case 'text':
      return document.createTextNode(node.text);
    case 'bold':
      return el('strong', {}, ...nodesToDom(node.children, names));
    case 'italic':
      return el('em', {}, ...nodesToDom(node.children, names));
    case 'strike':
      return el('del', {}, ...nodesToDom(node.children, names));
    case 'quote':
      return el('blockquote', {}, ...nodesToDom(node.children, names));
    case 'code':
      return el('code', {}, node.text);
    case 'pre':
      return el('pre', {}, node.text);
    case 'link':
      return el('a', { href: node.url, target: '_blank', rel: 'noopener noreferrer' }, node.label);
    case 'user':
    case 'channel':
    case 'group':
      return el(
        'span',
        { class: `mention mention-${node.kind}` },
        mention(node.kind, node.id, node.label, names),
      );
    case 'special':
      return el('span', { class: 'mention mention-special' }, `@${node.name}`);
    case 'date':
      return el('time', {}, dateText(node.seconds, node.fallback));
    case 'emoji':
      return el('span', { class: 'emoji', role: 'img', 'aria-label': node.name }, node.char);
    case 'break':
      return el('br');
  }
}

function nodesToDom(nodes: readonly MrkdwnNode[], names: Names): Node[] {
  return nodes.map((node) => nodeToDom(node, names));
}

/** A mrkdwn text object's content as a fragment. */
export function mrkdwnToDom(text: string, names: Names): DocumentFragment {
  const fragment = document.createDocumentFragment();
  append(fragment, ...nodesToDom(parseMrkdwn(text), names));
  return fragment;
}

/** A plain_text object's content: literal text, with emoji shortcodes when `emoji` is not false. */
export function plainToDom(text: string, emoji = true): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const parts = emoji ? text.split(/(:[a-z0-9_+-]+:)/) : [text];
  for (const part of parts) {
    const name = /^:([a-z0-9_+-]+):$/.exec(part)?.[1];
    const char = name ? emojiFor(name) : undefined;
    append(fragment, char ? el('span', { class: 'emoji', role: 'img', 'aria-label': name }, char) : part);
  }
  return fragment;
}

/** A Slack text object (`mrkdwn` or `plain_text`) as DOM. */
export function textObject(value: unknown, names: Names): DocumentFragment {
  const object = (typeof value === 'object' && value !== null ? value : {}) as {
    type?: string;
    text?: unknown;
    emoji?: boolean;
  };
  const text = typeof object.text === 'string' ? object.text : '';
  return object.type === 'mrkdwn' ? mrkdwnToDom(text, names) : plainToDom(text, object.emoji !== false);
}

/** The plain words of a text object (for labels and accessible names). */
export function textOf(value: unknown): string {
  const object = (typeof value === 'object' && value !== null ? value : {}) as { text?: unknown };
  return typeof object.text === 'string' ? object.text : '';
}
