/**
 * What the playground server accepts from the page before it signs a request to the bot: a person's
 * typed text is escaped as Slack escapes it, and state values only for elements the stored view or
 * message really has, typed as that element.
 */
import { describe, expect, it } from 'vitest';
import { escapeTyped, valuesFor } from '#src/playground/session.js';

const blocks = [
  { type: 'input', block_id: 'name_block', element: { type: 'plain_text_input', action_id: 'name' } },
  { type: 'actions', block_id: 'row', elements: [{ type: 'static_select', action_id: 'pick', options: [] }] },
];

describe('the playground session', () => {
  it('escapes &, < and > in what a person types, as Slack does', () => {
    expect(escapeTyped('<!channel> & <@U1|x> > 1')).toBe('&lt;!channel&gt; &amp; &lt;@U1|x&gt; &gt; 1');
  });

  it('keeps only values of elements in the blocks, with the element’s own type', () => {
    const values = valuesFor(blocks, {
      name_block: { name: { type: 'static_select', value: 'orders' }, extra: { type: 'x', value: 'y' } },
      row: { pick: { selected_option: { text: { type: 'plain_text', text: 'A' }, value: 'a' } } },
      forged_block: { forged: { type: 'plain_text_input', value: 'z' } },
      bad: 'not an object',
    });
    expect(values).toEqual({
      name_block: { name: { type: 'plain_text_input', value: 'orders' } },
      row: {
        pick: {
          type: 'static_select',
          selected_option: { text: { type: 'plain_text', text: 'A' }, value: 'a' },
        },
      },
    });
    expect(valuesFor(blocks, null)).toEqual({});
  });
});
