/**
 * Block Kit layout blocks as Slack lays them out: header, section (text, fields, accessory), context,
 * divider, actions, input (label, optional, hint, inline error) and image. Text goes through the mrkdwn
 * renderer, which only ever makes text nodes and safe links.
 */
import { el, uid } from './dom.js';
import { renderElement } from './elements.js';
import { textObject, textOf } from './mrkdwn-dom.js';
import type { Json } from './page-types.js';
import type { RenderContext } from './render-context.js';

const asJson = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;

function section(block: Json, blockId: string, ctx: RenderContext): HTMLElement {
  const fields = Array.isArray(block.fields) ? block.fields : [];
  const accessory = asJson(block.accessory);
  const body = el(
    'div',
    { class: 'section-body' },
    block.text ? el('div', { class: 'section-text' }, textObject(block.text, ctx.names)) : null,
    fields.length > 0
      ? el(
          'div',
          { class: 'section-fields' },
          ...fields.map((f) => el('div', { class: 'field' }, textObject(f, ctx.names))),
        )
      : null,
  );
  const label = textOf(block.text).slice(0, 80) || 'Section';
  return el(
    'div',
    { class: 'block section' },
    body,
    accessory
      ? el('div', { class: 'accessory' }, renderElement(accessory, { blockId, label, dispatch: true }, ctx))
      : null,
  );
}

function input(block: Json, blockId: string, ctx: RenderContext): HTMLElement {
  const element = asJson(block.element) ?? {};
  const labelId = uid('label');
  const label = textOf(block.label);
  const hint = block.hint
    ? el('div', { class: 'hint', id: uid('hint') }, textObject(block.hint, ctx.names))
    : null;
  const problem = ctx.errors[blockId];
  const error = problem
    ? el('div', { class: 'field-error', id: uid('error'), role: 'alert' }, problem)
    : null;
  const describedBy = [error?.id, hint?.id].filter(Boolean).join(' ') || undefined;
  const control = renderElement(
    element,
    {
      blockId,
      labelId,
      label,
      dispatch: block.dispatch_action === true,
      ...(describedBy ? { describedBy } : {}),
    },
    ctx,
  );
  const field = control.matches('input, textarea, select')
    ? control
    : control.querySelector('input, textarea, select');
  if (field instanceof HTMLElement) field.dataset.field = `${blockId}/${String(element.action_id)}`;
  if (error) (field instanceof HTMLElement ? field : control).setAttribute('aria-invalid', 'true');
  return el(
    'div',
    { class: `block input${error ? ' has-error' : ''}` },
    el('div', { class: 'input-label', id: labelId }, label),
    block.optional === true ? el('span', { class: 'optional' }, ' (optional)') : null,
    control,
    error,
    hint,
  );
}

function renderBlock(block: Json, ctx: RenderContext): HTMLElement | null {
  const blockId = typeof block.block_id === 'string' ? block.block_id : '';
  switch (block.type) {
    case 'header':
      return el('h3', { class: 'block header' }, textObject(block.text, ctx.names));
    case 'section':
      return section(block, blockId, ctx);
    case 'divider':
      return el('hr', { class: 'block divider' });
    case 'context': {
      const items = Array.isArray(block.elements) ? (block.elements as Json[]) : [];
      return el(
        'div',
        { class: 'block context' },
        ...items.map((item) =>
          item.type === 'image'
            ? el('span', { class: 'context-image', role: 'img', 'aria-label': String(item.alt_text ?? '') })
            : el('span', { class: 'context-item' }, textObject(item, ctx.names)),
        ),
      );
    }
    case 'actions': {
      const items = Array.isArray(block.elements) ? (block.elements as Json[]) : [];
      return el(
        'div',
        { class: 'block actions' },
        ...items.map((item) =>
          renderElement(
            item,
            { blockId, label: textOf(item.placeholder) || textOf(item.text) || 'Action', dispatch: true },
            ctx,
          ),
        ),
      );
    }
    case 'input':
      return input(block, blockId, ctx);
    case 'image':
      return el(
        'div',
        { class: 'block image', role: 'img', 'aria-label': String(block.alt_text ?? '') },
        textOf(block.title),
      );
    default:
      return el('div', { class: 'block unsupported' }, `[${String(block.type)} block]`);
  }
}

/** The blocks of a message, modal or Home tab. */
export function renderBlocks(blocks: readonly unknown[], ctx: RenderContext): HTMLElement[] {
  return blocks
    .map(asJson)
    .filter((b): b is Json => b !== undefined)
    .map((b) => renderBlock(b, ctx))
    .filter((n): n is HTMLElement => n !== null);
}
