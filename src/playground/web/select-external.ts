/**
 * External selects (single and multi): a combobox whose options come from the bot through
 * `block_suggestion` as the person types (from `min_query_length` characters, default 3, as in Slack).
 * Chosen options show as chips with a remove button.
 */
import { el, uid } from './dom.js';
import { textOf } from './mrkdwn-dom.js';
import type { Json, SlackOption } from './page-types.js';
import type { Placement, RenderContext } from './render-context.js';
import type { StateValue } from './values.js';

const TYPE_DELAY_MS = 200;

const bare = (o: SlackOption): SlackOption => ({ text: o.text, value: o.value });

export function externalSelect(
  element: Json,
  place: Placement,
  ctx: RenderContext,
  current: StateValue,
  onChange: (value: StateValue) => void,
  naming: Record<string, string | undefined>,
): HTMLElement {
  const type = String(element.type);
  const multi = type === 'multi_external_select';
  const minQuery = typeof element.min_query_length === 'number' ? element.min_query_length : 3;
  const max =
    typeof element.max_selected_items === 'number' ? element.max_selected_items : Number.POSITIVE_INFINITY;
  let chosen: SlackOption[] = multi
    ? ((current.selected_options as SlackOption[] | undefined) ?? [])
    : current.selected_option
      ? [current.selected_option as SlackOption]
      : [];

  const listId = uid('listbox');
  const input = el('input', {
    type: 'text',
    role: 'combobox',
    'aria-expanded': 'false',
    'aria-controls': listId,
    'aria-autocomplete': 'list',
    placeholder: textOf(element.placeholder) || 'Type to search',
    ...naming,
  });
  const list = el('ul', { id: listId, role: 'listbox', class: 'listbox', hidden: true, ...naming });
  const chips = el('div', { class: 'chips' });

  const emit = () =>
    onChange(
      multi
        ? { type, selected_options: chosen.map(bare) }
        : { type, selected_option: chosen[0] ? bare(chosen[0]) : null },
    );
  const drawChips = () => {
    chips.replaceChildren(
      ...chosen.map((option) => {
        const remove = el(
          'button',
          { type: 'button', class: 'chip-remove', 'aria-label': `Remove ${textOf(option.text)}` },
          '×',
        );
        remove.addEventListener('click', () => {
          chosen = chosen.filter((o) => o.value !== option.value);
          drawChips();
          emit();
        });
        return el('span', { class: 'chip' }, textOf(option.text), remove);
      }),
    );
  };
  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
  };
  const pick = (option: SlackOption) => {
    if (multi) {
      if (!chosen.some((o) => o.value === option.value) && chosen.length < max) chosen = [...chosen, option];
    } else chosen = [option];
    input.value = '';
    close();
    drawChips();
    emit();
  };
  const show = (options: SlackOption[]) => {
    list.replaceChildren(
      ...(options.length === 0
        ? [el('li', { class: 'listbox-empty' }, 'No results')]
        : options.map((option) => {
            const item = el(
              'li',
              {
                role: 'option',
                tabindex: '-1',
                'aria-selected': String(chosen.some((o) => o.value === option.value)),
              },
              textOf(option.text),
            );
            item.addEventListener('mousedown', (event) => event.preventDefault());
            item.addEventListener('click', () => pick(option));
            item.addEventListener('keydown', (event) => {
              if (event.key === 'Enter') pick(option);
            });
            return item;
          })),
    );
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  };

  let timer: number | undefined;
  let asked = 0;
  const search = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(async () => {
      if (input.value.length < minQuery) return close();
      const ask = ++asked;
      const options = await ctx.suggest(place.blockId, String(element.action_id), input.value);
      if (ask === asked && document.activeElement === input) show(options);
    }, TYPE_DELAY_MS);
  };
  input.addEventListener('input', search);
  input.addEventListener('focus', search);
  input.addEventListener('blur', () => window.setTimeout(close, 150));
  input.addEventListener('keydown', (event) => {
    const first = list.querySelector<HTMLElement>('[role=option]');
    if (event.key === 'ArrowDown' && first) {
      event.preventDefault();
      first.focus();
    } else if (event.key === 'Escape' && !list.hidden) {
      // Escape closes the open list only; with no list it goes on to close the modal.
      event.preventDefault();
      close();
    }
  });
  drawChips();
  return el('div', { class: 'combobox' }, chips, input, list);
}
