/**
 * Block Kit interactive elements as real form controls: buttons, overflow menus, selects (static, users,
 * conversations; single and multi), radio buttons, checkboxes, text and number inputs. External selects
 * are in select-external.ts. Every control is named: by its input block's label, or by its own text.
 */
import { confirmDialog } from './confirm.js';
import { el, uid } from './dom.js';
import { plainToDom, textObject, textOf } from './mrkdwn-dom.js';
import type { Json, SlackOption } from './page-types.js';
import type { Placement, RenderContext } from './render-context.js';
import { externalSelect } from './select-external.js';
import { type StateValue, valueField } from './values.js';

const optionsOf = (element: Json): SlackOption[] =>
  Array.isArray(element.options) ? (element.options as SlackOption[]) : [];

function named(
  place: Placement,
  extra: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  return place.labelId
    ? { 'aria-labelledby': place.labelId, 'aria-describedby': place.describedBy, ...extra }
    : { 'aria-label': place.label, ...extra };
}

/** Stores a new value and, when the element dispatches, tells the bot. */
function changed(element: Json, place: Placement, ctx: RenderContext, value: StateValue): void {
  ctx.values.set(ctx.scope, place.blockId, String(element.action_id), value);
  if (place.dispatch) ctx.act({ action_id: element.action_id, block_id: place.blockId, ...value });
}

function button(element: Json, place: Placement, ctx: RenderContext): HTMLElement {
  const style = element.style === 'primary' || element.style === 'danger' ? ` ${element.style}` : '';
  const node = el('button', { type: 'button', class: `button${style}` }, plainToDom(textOf(element.text)));
  node.addEventListener('click', async () => {
    if (typeof element.confirm === 'object' && element.confirm !== null) {
      if (!(await confirmDialog(element.confirm as Json, ctx.names))) return;
    }
    ctx.act({ action_id: element.action_id, block_id: place.blockId, type: 'button' });
  });
  return node;
}

function overflow(element: Json, place: Placement, ctx: RenderContext): HTMLElement {
  const menuId = uid('menu');
  const toggle = el(
    'button',
    {
      type: 'button',
      class: 'button overflow',
      'aria-label': 'More actions',
      'aria-haspopup': 'menu',
      'aria-controls': menuId,
      'aria-expanded': 'false',
    },
    '⋮',
  );
  const menu = el('div', { id: menuId, role: 'menu', class: 'menu', hidden: true });
  for (const option of optionsOf(element)) {
    const item = el('button', { type: 'button', role: 'menuitem' }, plainToDom(textOf(option.text)));
    item.addEventListener('click', async () => {
      menu.hidden = true;
      toggle.setAttribute('aria-expanded', 'false');
      if (typeof element.confirm === 'object' && element.confirm !== null) {
        if (!(await confirmDialog(element.confirm as Json, ctx.names))) return;
      }
      ctx.act({
        action_id: element.action_id,
        block_id: place.blockId,
        type: 'overflow',
        selected_option: option,
      });
    });
    menu.appendChild(item);
  }
  toggle.addEventListener('click', () => {
    menu.hidden = !menu.hidden;
    toggle.setAttribute('aria-expanded', String(!menu.hidden));
  });
  return el('span', { class: 'overflow-wrap' }, toggle, menu);
}

/** A native select over (value, label) pairs; `multiple` for the multi selects. */
function nativeSelect(
  element: Json,
  place: Placement,
  ctx: RenderContext,
  choices: ReadonlyArray<{ value: string; label: string; group?: string }>,
  toValue: (chosen: string[]) => StateValue,
  chosen: string[],
): HTMLElement {
  const multiple = String(element.type).startsWith('multi_');
  const select = el('select', {
    ...named(place),
    multiple,
    size: multiple ? String(Math.min(5, Math.max(2, choices.length))) : undefined,
  });
  if (!multiple)
    select.appendChild(el('option', { value: '' }, textOf(element.placeholder) || 'Select an item'));
  const groups = new Map<string, HTMLOptGroupElement>();
  for (const choice of choices) {
    const option = el('option', { value: choice.value }, choice.label);
    option.selected = chosen.includes(choice.value);
    if (choice.group) {
      let group = groups.get(choice.group);
      if (!group) {
        group = el('optgroup', { label: choice.group });
        groups.set(choice.group, group);
        select.appendChild(group);
      }
      group.appendChild(option);
    } else select.appendChild(option);
  }
  select.addEventListener('change', () => {
    const values = [...select.selectedOptions].map((o) => o.value).filter((v) => v !== '');
    changed(element, place, ctx, toValue(values));
  });
  return select;
}

function staticSelect(element: Json, place: Placement, ctx: RenderContext, current: StateValue): HTMLElement {
  const groups = Array.isArray(element.option_groups) ? (element.option_groups as Json[]) : [];
  const all: Array<SlackOption & { group?: string }> = [
    ...optionsOf(element),
    ...groups.flatMap((g) => optionsOf(g).map((o) => ({ ...o, group: textOf(g.label) }))),
  ];
  const field = valueField(String(element.type));
  const selected = current[field];
  const chosen = (Array.isArray(selected) ? selected : selected ? [selected] : []).map((o) =>
    String((o as SlackOption).value),
  );
  const find = (value: string) => all.find((o) => o.value === value);
  return nativeSelect(
    element,
    place,
    ctx,
    all.map((o) => ({ value: o.value, label: textOf(o.text), ...(o.group ? { group: o.group } : {}) })),
    (values) => {
      const options = values
        .map(find)
        .filter((o): o is SlackOption => o !== undefined)
        .map(({ text, value }) => ({ text, value }));
      return field === 'selected_options'
        ? { type: String(element.type), selected_options: options }
        : { type: String(element.type), selected_option: options[0] ?? null };
    },
    chosen,
  );
}

function directorySelect(
  element: Json,
  place: Placement,
  ctx: RenderContext,
  current: StateValue,
): HTMLElement {
  const type = String(element.type);
  const field = valueField(type);
  const people = type.includes('users');
  const choices = people
    ? ctx.personas.map((p) => ({ value: p.id, label: p.name }))
    : ctx.channels.map((c) => ({ value: c.id, label: `#${c.name}` }));
  const selected = current[field];
  const chosen = Array.isArray(selected) ? selected.map(String) : selected ? [String(selected)] : [];
  const multi = type.startsWith('multi_');
  return nativeSelect(
    element,
    place,
    ctx,
    choices,
    (values) => ({ type, [field]: multi ? values : (values[0] ?? null) }),
    chosen,
  );
}

function choices(element: Json, place: Placement, ctx: RenderContext, current: StateValue): HTMLElement {
  const type = String(element.type);
  const radio = type === 'radio_buttons';
  const selected = radio ? [current.selected_option] : ((current.selected_options as unknown[]) ?? []);
  const values = new Set(selected.map((o) => (o as SlackOption | null)?.value));
  const group = el('div', { role: radio ? 'radiogroup' : 'group', class: 'choices', ...named(place) });
  const name = uid('choice');
  for (const option of optionsOf(element)) {
    const id = uid('option');
    const input = el('input', { type: radio ? 'radio' : 'checkbox', id, name, value: option.value });
    input.checked = values.has(option.value);
    input.addEventListener('change', () => {
      const picked = [...group.querySelectorAll('input')]
        .filter((i) => i.checked)
        .map((i) => optionsOf(element).find((o) => o.value === i.value))
        .filter((o): o is SlackOption => o !== undefined)
        .map(({ text, value }) => ({ text, value }));
      changed(
        element,
        place,
        ctx,
        radio ? { type, selected_option: picked[0] ?? null } : { type, selected_options: picked },
      );
    });
    const description = option.description
      ? el('span', { class: 'choice-description' }, textObject(option.description, ctx.names))
      : null;
    group.appendChild(
      el(
        'div',
        { class: 'choice' },
        input,
        el('label', { for: id }, textObject(option.text, ctx.names), description),
      ),
    );
  }
  return group;
}

function textInput(element: Json, place: Placement, ctx: RenderContext, current: StateValue): HTMLElement {
  const type = String(element.type);
  const multiline = element.multiline === true;
  const attributes = {
    ...named(place),
    placeholder: textOf(element.placeholder) || undefined,
    maxlength: typeof element.max_length === 'number' ? String(element.max_length) : undefined,
    ...(type === 'number_input'
      ? {
          type: 'number',
          step: element.is_decimal_allowed ? 'any' : '1',
          min: element.min_value as string | undefined,
          max: element.max_value as string | undefined,
        }
      : {}),
  };
  const input = multiline
    ? el('textarea', { ...attributes, rows: '3' })
    : el('input', { type: 'text', ...attributes });
  input.value = typeof current.value === 'string' ? current.value : '';
  input.addEventListener('input', () =>
    ctx.values.set(ctx.scope, place.blockId, String(element.action_id), { type, value: input.value }),
  );
  return input;
}

/** Any element the bot uses; an unknown one is shown as a note, never dropped silently. */
export function renderElement(element: Json, place: Placement, ctx: RenderContext): HTMLElement {
  const type = String(element.type);
  const current = ctx.values.get(ctx.scope, place.blockId, element);
  switch (type) {
    case 'button':
      return button(element, place, ctx);
    case 'overflow':
      return overflow(element, place, ctx);
    case 'static_select':
    case 'multi_static_select':
      return staticSelect(element, place, ctx, current);
    case 'external_select':
    case 'multi_external_select':
      return externalSelect(
        element,
        place,
        ctx,
        current,
        (value) => changed(element, place, ctx, value),
        named(place),
      );
    case 'users_select':
    case 'multi_users_select':
    case 'conversations_select':
    case 'multi_conversations_select':
    case 'channels_select':
    case 'multi_channels_select':
      return directorySelect(element, place, ctx, current);
    case 'radio_buttons':
    case 'checkboxes':
      return choices(element, place, ctx, current);
    case 'plain_text_input':
    case 'number_input':
      return textInput(element, place, ctx, current);
    case 'image':
      return el('span', { class: 'image', role: 'img', 'aria-label': String(element.alt_text ?? '') }, '🖼');
    default:
      return el('span', { class: 'unsupported' }, `[${type}]`);
  }
}
