/**
 * The page's mrkdwn renderer: what Slack formats, and that nothing from a payload becomes live markup:
 * escaped text stays text, `<script>` is never an element, `<!channel>` typed by a user is not a
 * mention, and only http(s)/mailto links are links. (The DOM half is checked in Chromium by the
 * playground's browser test.)
 */
import { describe, expect, it } from 'vitest';
import { type MrkdwnNode, parseMrkdwn, safeUrl } from '#src/playground/web/mrkdwn-parse.js';

/** Every node of the tree, depth first. */
function flatten(nodes: readonly MrkdwnNode[]): MrkdwnNode[] {
  return nodes.flatMap((n) => ('children' in n ? [n, ...flatten(n.children)] : [n]));
}

/** The text a reader would see (mentions and links by their label). */
function visible(nodes: readonly MrkdwnNode[]): string {
  return nodes
    .map((n) => {
      switch (n.kind) {
        case 'text':
        case 'code':
        case 'pre':
          return n.text;
        case 'link':
          return n.label;
        case 'break':
          return '\n';
        case 'emoji':
          return n.char;
        case 'bold':
        case 'italic':
        case 'strike':
        case 'quote':
          return visible(n.children);
        default:
          return `[${n.kind}]`;
      }
    })
    .join('');
}

const kinds = (text: string) => flatten(parseMrkdwn(text)).map((n) => n.kind);

describe('mrkdwn rendering', () => {
  it('formats bold, italic, strike, code, pre, quotes and line breaks as Slack does', () => {
    expect(parseMrkdwn('*Service* _name_ ~old~ `id-1`')).toEqual([
      { kind: 'bold', children: [{ kind: 'text', text: 'Service' }] },
      { kind: 'text', text: ' ' },
      { kind: 'italic', children: [{ kind: 'text', text: 'name' }] },
      { kind: 'text', text: ' ' },
      { kind: 'strike', children: [{ kind: 'text', text: 'old' }] },
      { kind: 'text', text: ' ' },
      { kind: 'code', text: 'id-1' },
    ]);
    expect(parseMrkdwn('a\nb')).toEqual([
      { kind: 'text', text: 'a' },
      { kind: 'break' },
      { kind: 'text', text: 'b' },
    ]);
    expect(parseMrkdwn('```8080 → 80\n8081 → 81```')).toEqual([
      { kind: 'pre', text: '8080 → 80\n8081 → 81' },
    ]);
    expect(kinds('&gt; quoted *bold*\nafter')).toEqual(['quote', 'text', 'bold', 'text', 'text']);
    expect(visible(parseMrkdwn('snake_case_name and 2*3*4'))).toBe('snake_case_name and 2*3*4');
  });

  it('shows mentions, channels, user groups and dates, and the emoji the bot uses', () => {
    expect(
      parseMrkdwn('<@U0OWNER> in <#C0APPROVALS|vpcep-approvals> for <!subteam^S0TEAM|@platform>'),
    ).toEqual([
      { kind: 'user', id: 'U0OWNER', label: undefined },
      { kind: 'text', text: ' in ' },
      { kind: 'channel', id: 'C0APPROVALS', label: 'vpcep-approvals' },
      { kind: 'text', text: ' for ' },
      { kind: 'group', id: 'S0TEAM', label: '@platform' },
    ]);
    expect(parseMrkdwn('<!date^1700000000^{date_short_pretty}|2023-11-14 22:13 UTC>')).toEqual([
      { kind: 'date', seconds: 1_700_000_000, fallback: '2023-11-14 22:13 UTC' },
    ]);
    expect(visible(parseMrkdwn(':white_check_mark: done :warning: :no_such_emoji:'))).toBe(
      '✅ done ⚠️ :no_such_emoji:',
    );
  });

  it('keeps a <script> tag from user text as text, escaped or not', () => {
    for (const text of ['&lt;script&gt;alert(1)&lt;/script&gt;', '<script>alert(1)</script>']) {
      const nodes = parseMrkdwn(text);
      expect(flatten(nodes).every((n) => n.kind === 'text')).toBe(true);
      expect(visible(nodes)).toBe('<script>alert(1)</script>');
    }
    expect(visible(parseMrkdwn('<img src=x onerror=alert(1)>'))).toBe('<img src=x onerror=alert(1)>');
  });

  it('shows a <!channel> a user typed (escaped by Slack) as text, not as a mention', () => {
    const typed = parseMrkdwn('hi &lt;!channel&gt; and &lt;@U0ADMIN&gt;');
    expect(flatten(typed).map((n) => n.kind)).toEqual(['text']);
    expect(visible(typed)).toBe('hi <!channel> and <@U0ADMIN>');
    // The bot's own, unescaped mention is a highlighted name and nothing more.
    expect(parseMrkdwn('<!channel>')).toEqual([{ kind: 'special', name: 'channel' }]);
  });

  it('never makes a javascript:, data: or vbscript: link live, whatever the case or escaping', () => {
    for (const url of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'data:text/html;base64,PHNjcmlwdD4=',
      'vbscript:msgbox',
      'java&#115;cript:alert(1)',
      'https://ok.example/a b',
    ]) {
      const nodes = parseMrkdwn(`<${url}|click me>`);
      expect(flatten(nodes).some((n) => n.kind === 'link')).toBe(false);
      expect(visible(nodes)).toBe('click me');
      expect(safeUrl(url)).toBeUndefined();
    }
    expect(parseMrkdwn('<https://console.example/vpcep?a=1&amp;b=2|console>')).toEqual([
      { kind: 'link', url: 'https://console.example/vpcep?a=1&b=2', label: 'console' },
    ]);
    expect(parseMrkdwn('<mailto:ops@example.com>')).toEqual([
      { kind: 'link', url: 'mailto:ops@example.com', label: 'mailto:ops@example.com' },
    ]);
  });
});
