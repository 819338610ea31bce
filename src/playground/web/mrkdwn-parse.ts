/**
 * Slack mrkdwn to a small tree (no DOM, so it is unit-tested in Node). Senders escape `&`, `<` and `>` as
 * entities, so a real `<` only opens Slack's own `<…>` forms: mentions, channels, user groups, specials,
 * dates and links. Only http(s) and mailto links are links; anything else (`javascript:`, unknown forms)
 * stays text. Entities are decoded into text last, so escaped markup is shown, never interpreted.
 */
import { emojiFor } from './emoji.js';

export type MrkdwnNode =
  | { kind: 'text'; text: string }
  | { kind: 'bold' | 'italic' | 'strike' | 'quote'; children: MrkdwnNode[] }
  | { kind: 'code' | 'pre'; text: string }
  | { kind: 'link'; url: string; label: string }
  | { kind: 'user' | 'channel' | 'group'; id: string; label: string | undefined }
  | { kind: 'special'; name: string }
  | { kind: 'date'; seconds: number; fallback: string }
  | { kind: 'emoji'; name: string; char: string }
  | { kind: 'break' };

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"' };

/** `&amp;`, `&lt;`, `&gt;` (and `&quot;`) back to characters; nothing else is an entity. */
export function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot);/g, (entity) => ENTITIES[entity] ?? entity);
}

const SAFE_URL = /^(https?:\/\/|mailto:)[!-~\u00a1-\uffff]+$/i;

/** A link target the page may make live: http(s) and mailto only. */
export function safeUrl(url: string): string | undefined {
  const decoded = decodeEntities(url.trim());
  return SAFE_URL.test(decoded) ? decoded : undefined;
}

/** One `<…>` form (its inside, without the brackets). */
function angle(inside: string): MrkdwnNode {
  const bar = inside.indexOf('|');
  const target = bar >= 0 ? inside.slice(0, bar) : inside;
  const label = bar >= 0 ? decodeEntities(inside.slice(bar + 1)) : undefined;
  const id = /^[A-Za-z0-9][A-Za-z0-9_]{1,39}$/;
  if (target.startsWith('@') && id.test(target.slice(1))) return { kind: 'user', id: target.slice(1), label };
  if (target.startsWith('#') && id.test(target.slice(1)))
    return { kind: 'channel', id: target.slice(1), label };
  if (target.startsWith('!subteam^') && id.test(target.slice(9)))
    return { kind: 'group', id: target.slice(9), label };
  if (target.startsWith('!date^')) {
    const seconds = Number(target.split('^')[1]);
    return { kind: 'date', seconds: Number.isFinite(seconds) ? seconds : Number.NaN, fallback: label ?? '' };
  }
  if (/^!(here|channel|everyone)$/.test(target)) return { kind: 'special', name: target.slice(1) };
  const url = safeUrl(target);
  if (url) return { kind: 'link', url, label: label ?? url };
  // Not a form Slack renders: show what the sender wrote, as text.
  return { kind: 'text', text: label ?? decodeEntities(`<${inside}>`) };
}

const STYLE: Record<string, 'bold' | 'italic' | 'strike'> = { '*': 'bold', _: 'italic', '~': 'strike' };
const BOUNDARY = /[\s.,;:!?()'"[\]{}\-/]/;

/** Where the closing `marker` of a span opened at `open` is, or -1 (same line, not after a space). */
function closing(text: string, open: number, marker: string): number {
  for (let i = open + 2; i < text.length; i += 1) {
    const c = text[i];
    if (c === '\n') return -1;
    if (c !== marker || text[i - 1] === ' ') continue;
    const after = text[i + 1];
    if (after === undefined || BOUNDARY.test(after) || after === '*' || after === '_' || after === '~')
      return i;
  }
  return -1;
}

function pushText(out: MrkdwnNode[], text: string): void {
  if (text === '') return;
  const decoded = decodeEntities(text);
  const parts = decoded.split(/(:[a-z0-9_+-]+:|\n)/);
  for (const part of parts) {
    if (part === '') continue;
    if (part === '\n') {
      out.push({ kind: 'break' });
      continue;
    }
    const emoji = /^:([a-z0-9_+-]+):$/.exec(part);
    const char = emoji?.[1] ? emojiFor(emoji[1]) : undefined;
    if (emoji?.[1] && char) out.push({ kind: 'emoji', name: emoji[1], char });
    else {
      const last = out.at(-1);
      if (last?.kind === 'text') last.text += part;
      else out.push({ kind: 'text', text: part });
    }
  }
}

/** Inline mrkdwn: forms, code spans, bold, italic, strike, emoji and line breaks. */
export function parseInline(text: string): MrkdwnNode[] {
  const out: MrkdwnNode[] = [];
  let plain = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === '<') {
      const end = text.indexOf('>', i + 1);
      if (end > i + 1 && !text.slice(i + 1, end).includes('<')) {
        pushText(out, plain);
        plain = '';
        out.push(angle(text.slice(i + 1, end)));
        i = end + 1;
        continue;
      }
    }
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i + 1) {
        pushText(out, plain);
        plain = '';
        out.push({ kind: 'code', text: decodeEntities(text.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    const style = STYLE[c];
    const before = text[i - 1];
    const next = text[i + 1];
    if (style && (before === undefined || BOUNDARY.test(before) || before in STYLE) && next && next !== ' ') {
      const end = closing(text, i, c);
      if (end > i + 1) {
        pushText(out, plain);
        plain = '';
        out.push({ kind: style, children: parseInline(text.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    plain += c;
    i += 1;
  }
  pushText(out, plain);
  return out;
}

/** Whole mrkdwn text: ``` blocks, `>` quotes (escaped as `&gt;` too), then inline. */
export function parseMrkdwn(text: string): MrkdwnNode[] {
  const out: MrkdwnNode[] = [];
  const pieces = text.split('```');
  pieces.forEach((piece, index) => {
    const isPre = index % 2 === 1 && index < pieces.length - 1;
    if (isPre) {
      out.push({ kind: 'pre', text: decodeEntities(piece.replace(/^\n/, '')) });
      return;
    }
    const source = index % 2 === 1 ? `\`\`\`${piece}` : piece;
    let quote: string[] = [];
    let lines: string[] = [];
    const flushLines = () => {
      if (lines.length > 0) out.push(...parseInline(lines.join('\n')));
      lines = [];
    };
    const flushQuote = () => {
      if (quote.length > 0) out.push({ kind: 'quote', children: parseInline(quote.join('\n')) });
      quote = [];
    };
    for (const line of source.split('\n')) {
      const quoted = /^(>|&gt;) ?(.*)$/.exec(line);
      if (quoted) {
        flushLines();
        quote.push(quoted[2] ?? '');
      } else {
        flushQuote();
        lines.push(line);
      }
    }
    flushLines();
    flushQuote();
  });
  return out;
}
