/**
 * Interactive elements (buttons, selects, inputs, pickers…): which slot may hold which element, and the
 * limits of each element type.
 */
import { checkInitialOptions, checkOptionList } from './block-kit-options.js';
import { checkString, checkText, type Issues, isRecord } from './block-kit-text.js';

/** Where an element sits: an input block, an actions block, or a section accessory. */
export type ElementSlot = 'input' | 'actions' | 'accessory';

const SELECTS = [
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
  'multi_static_select',
  'multi_external_select',
  'multi_users_select',
  'multi_conversations_select',
  'multi_channels_select',
];
const CHOICES = ['checkboxes', 'radio_buttons', 'datepicker', 'timepicker', 'datetimepicker'];
const TEXT_INPUTS = [
  'plain_text_input',
  'number_input',
  'email_text_input',
  'url_text_input',
  'rich_text_input',
];

/** Element types each slot accepts. */
export const ELEMENTS_BY_SLOT: Readonly<Record<ElementSlot, ReadonlySet<string>>> = {
  input: new Set([...SELECTS, ...CHOICES, ...TEXT_INPUTS, 'file_input']),
  actions: new Set([...SELECTS, ...CHOICES, 'button', 'overflow', 'workflow_button', 'rich_text_input']),
  accessory: new Set([...SELECTS, ...CHOICES, 'button', 'overflow', 'workflow_button', 'image']),
};

type ElementCheck = (el: Record<string, unknown>, path: string, out: Issues) => void;

function select(multi: boolean, withOptions: boolean): ElementCheck {
  return (el, path, out) => {
    const options = withOptions
      ? checkOptionList(el, path, out, {
          maxOptions: 100,
          allowGroups: true,
          plainOnly: true,
          required: true,
        })
      : undefined;
    checkInitialOptions(el, path, out, options, true);
    if (!multi && el.initial_options !== undefined)
      out.push({ path: `${path}/initial_options`, message: 'is only allowed on multi-selects' });
    if (multi && el.max_selected_items !== undefined && !(Number(el.max_selected_items) >= 1))
      out.push({ path: `${path}/max_selected_items`, message: 'must be at least 1' });
  };
}

const choice =
  (multi: boolean): ElementCheck =>
  (el, path, out) => {
    const options = checkOptionList(el, path, out, { maxOptions: 10, plainOnly: false, required: true });
    checkInitialOptions(el, path, out, options, false);
    if (!multi && el.initial_options !== undefined)
      out.push({ path: `${path}/initial_options`, message: 'is not allowed on radio_buttons' });
  };

function plainTextInput(el: Record<string, unknown>, path: string, out: Issues): void {
  const min = el.min_length === undefined ? 0 : Number(el.min_length);
  const max = el.max_length === undefined ? 3000 : Number(el.max_length);
  if (!(Number.isInteger(min) && min >= 0 && min <= 3000))
    out.push({ path: `${path}/min_length`, message: 'must be an integer from 0 to 3000' });
  if (!(Number.isInteger(max) && max >= 1 && max <= 3000))
    out.push({ path: `${path}/max_length`, message: 'must be an integer from 1 to 3000' });
  if (min > max) out.push({ path: `${path}/min_length`, message: 'must not exceed max_length' });
  checkString(el.initial_value, `${path}/initial_value`, out, { max: Math.min(max, 3000) });
}

const ELEMENT_CHECKS: Readonly<Record<string, ElementCheck>> = {
  button: (el, path, out) => {
    checkText(el.text, `${path}/text`, out, { max: 75, plainOnly: true, required: true });
    checkString(el.value, `${path}/value`, out, { max: 2000 });
    checkString(el.url, `${path}/url`, out, { max: 3000 });
    checkString(el.accessibility_label, `${path}/accessibility_label`, out, { max: 75 });
    if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger')
      out.push({ path: `${path}/style`, message: 'must be primary or danger' });
  },
  workflow_button: (el, path, out) => {
    checkText(el.text, `${path}/text`, out, { max: 75, plainOnly: true, required: true });
    if (!isRecord(el.workflow)) out.push({ path: `${path}/workflow`, message: 'is required' });
  },
  overflow: (el, path, out) => {
    checkOptionList(el, path, out, { maxOptions: 5, plainOnly: true, required: true });
  },
  static_select: select(false, true),
  multi_static_select: select(true, true),
  external_select: select(false, false),
  multi_external_select: select(true, false),
  checkboxes: choice(true),
  radio_buttons: choice(false),
  plain_text_input: plainTextInput,
  number_input: (el, path, out) => {
    if (typeof el.is_decimal_allowed !== 'boolean')
      out.push({ path: `${path}/is_decimal_allowed`, message: 'is required (boolean)' });
  },
  datepicker: (el, path, out) => {
    if (el.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(el.initial_date)))
      out.push({ path: `${path}/initial_date`, message: 'must be YYYY-MM-DD' });
  },
  timepicker: (el, path, out) => {
    if (el.initial_time !== undefined && !/^\d{2}:\d{2}$/.test(String(el.initial_time)))
      out.push({ path: `${path}/initial_time`, message: 'must be HH:mm' });
  },
  image: (el, path, out) => {
    if (el.slack_file === undefined)
      checkString(el.image_url, `${path}/image_url`, out, { max: 3000, required: true });
    checkString(el.alt_text, `${path}/alt_text`, out, { max: 2000, required: true });
  },
};

/** Checks one element in its slot: allowed type, `action_id`, placeholder, confirm dialog, type limits. */
export function checkElement(element: unknown, path: string, out: Issues, slot: ElementSlot): void {
  if (!isRecord(element)) {
    out.push({ path, message: 'must be an element object' });
    return;
  }
  const type = String(element.type);
  if (!ELEMENTS_BY_SLOT[slot].has(type)) {
    out.push({ path: `${path}/type`, message: `unsupported element type in ${slot}: ${type}` });
    return;
  }
  checkString(element.action_id, `${path}/action_id`, out, { max: 255 });
  checkText(element.placeholder, `${path}/placeholder`, out, { max: 150, plainOnly: true });
  checkConfirm(element.confirm, `${path}/confirm`, out);
  ELEMENT_CHECKS[type]?.(element, path, out);
}

function checkConfirm(confirm: unknown, path: string, out: Issues): void {
  if (confirm === undefined) return;
  if (!isRecord(confirm)) {
    out.push({ path, message: 'must be a confirmation dialog object' });
    return;
  }
  checkText(confirm.title, `${path}/title`, out, { max: 100, plainOnly: true, required: true });
  checkText(confirm.text, `${path}/text`, out, { max: 300, required: true });
  checkText(confirm.confirm, `${path}/confirm`, out, { max: 30, plainOnly: true, required: true });
  checkText(confirm.deny, `${path}/deny`, out, { max: 30, plainOnly: true, required: true });
}
