/**
 * Option objects, option groups and initial options of select menus, checkboxes, radio buttons and
 * overflow menus.
 */
import { checkArray, checkString, checkText, type Issues, isRecord } from './block-kit-text.js';

/** Limits of option objects (docs: text and description ≤ 75, value ≤ 150, group label ≤ 75). */
export const OPTION_LIMITS = { text: 75, description: 75, value: 150, url: 3000, groupLabel: 75 } as const;

/** Where a list of options lives and what it may hold. */
export interface OptionListRule {
  maxOptions: number;
  minOptions?: number;
  /** `option_groups` may replace `options` (static selects). */
  allowGroups?: boolean;
  /** Option texts must be `plain_text` (selects and overflow menus; not checkboxes or radio buttons). */
  plainOnly: boolean;
  /** An `options` or `option_groups` list is required. */
  required: boolean;
}

/** Checks one option object and returns it when it is a record. */
export function checkOption(option: unknown, path: string, out: Issues, plainOnly: boolean): void {
  if (!isRecord(option)) {
    out.push({ path, message: 'must be an option object' });
    return;
  }
  checkText(option.text, `${path}/text`, out, { max: OPTION_LIMITS.text, plainOnly, required: true });
  checkString(option.value, `${path}/value`, out, { max: OPTION_LIMITS.value, required: true });
  checkText(option.description, `${path}/description`, out, { max: OPTION_LIMITS.description, plainOnly });
  checkString(option.url, `${path}/url`, out, { max: OPTION_LIMITS.url });
}

/** Checks `options` / `option_groups` of an element; returns every option, flattened, for initial checks. */
export function checkOptionList(
  element: Record<string, unknown>,
  path: string,
  out: Issues,
  rule: OptionListRule,
): unknown[] {
  const hasGroups = element.option_groups !== undefined;
  if (hasGroups && !rule.allowGroups)
    out.push({ path: `${path}/option_groups`, message: 'is not allowed here' });
  if (hasGroups && element.options !== undefined)
    out.push({ path, message: 'must provide options or option_groups, not both' });
  if (hasGroups && rule.allowGroups)
    return checkGroups(element.option_groups, `${path}/option_groups`, out, rule);
  const options = checkArray(element.options, `${path}/options`, out, {
    max: rule.maxOptions,
    min: rule.minOptions ?? (rule.required ? 1 : 0),
    required: rule.required,
  });
  options.forEach((option, i) => {
    checkOption(option, `${path}/options/${i}`, out, rule.plainOnly);
  });
  return options;
}

function checkGroups(groups: unknown, path: string, out: Issues, rule: OptionListRule): unknown[] {
  const all: unknown[] = [];
  checkArray(groups, path, out, { max: 100, min: 1, required: true }).forEach((group, g) => {
    const groupPath = `${path}/${g}`;
    if (!isRecord(group)) {
      out.push({ path: groupPath, message: 'must be an option group object' });
      return;
    }
    checkText(group.label, `${groupPath}/label`, out, {
      max: OPTION_LIMITS.groupLabel,
      plainOnly: true,
      required: true,
    });
    const options = checkArray(group.options, `${groupPath}/options`, out, {
      max: 100,
      min: 1,
      required: true,
    });
    options.forEach((option, i) => {
      checkOption(option, `${groupPath}/options/${i}`, out, rule.plainOnly);
    });
    all.push(...options);
  });
  return all;
}

function sameOption(a: unknown, b: unknown): boolean {
  if (!isRecord(a) || !isRecord(b) || !isRecord(a.text) || !isRecord(b.text)) return false;
  return a.value === b.value && a.text.text === b.text.text && a.text.type === b.text.type;
}

/**
 * Checks `initial_option` / `initial_options`: each must equal one of `options` (same value and text) when
 * the element declares its options; otherwise (external selects) each must at least be a valid option.
 */
export function checkInitialOptions(
  element: Record<string, unknown>,
  path: string,
  out: Issues,
  options: readonly unknown[] | undefined,
  plainOnly: boolean,
): void {
  const initial: Array<[unknown, string]> = [];
  if (element.initial_option !== undefined) initial.push([element.initial_option, `${path}/initial_option`]);
  if (element.initial_options !== undefined) {
    checkArray(element.initial_options, `${path}/initial_options`, out, { max: 100 }).forEach((o, i) => {
      initial.push([o, `${path}/initial_options/${i}`]);
    });
  }
  for (const [option, optionPath] of initial) {
    checkOption(option, optionPath, out, plainOnly);
    if (options && !options.some((candidate) => sameOption(candidate, option)))
      out.push({ path: optionPath, message: 'must exactly match one of the options' });
  }
}
