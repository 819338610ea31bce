/** Small Block Kit pieces the create views share: texts, options, selects and the modal frame. */
import type {
  ContextBlock,
  ExternalSelect,
  KnownBlock,
  ModalView,
  PlainTextElement,
  PlainTextOption,
  SectionBlock,
  StaticSelect,
} from '@slack/types';
import { clip } from '../../../domain/mrkdwn.js';
import type { Choice } from '../flow/resource-catalog.js';

/** Static selects hold at most 100 options; longer lists are searched with an `external_select`. */
export const STATIC_OPTIONS_MAX = 100;
const SECTION_TEXT_MAX = 3000;

export function plain(text: string, max = 150): PlainTextElement {
  return { type: 'plain_text', text: clip(text, max), emoji: true };
}

export function section(text: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(text, SECTION_TEXT_MAX) } };
}

/** Code points in `text` (what Slack's limits count). */
function charCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** At most this many sections carry one list (a Block Kit view holds 100 blocks in all). */
const LIST_SECTIONS_MAX = 4;

/**
 * A titled list as as many sections as its items need (each within Slack's 3000 characters), so every
 * item shows; past `LIST_SECTIONS_MAX` sections the rest is counted, not shown.
 */
export function listSections(title: string, items: readonly string[], separator = '\n'): SectionBlock[] {
  const texts: string[] = [];
  let current = title;
  let size = charCount(title);
  let shown = 0;
  for (const raw of items) {
    const item = clip(raw, SECTION_TEXT_MAX - 100);
    const itemSize = charCount(item);
    const glue = current === title ? '\n' : separator;
    if (size + charCount(glue) + itemSize > SECTION_TEXT_MAX - 40) {
      if (texts.length + 1 >= LIST_SECTIONS_MAX) break;
      texts.push(current);
      current = item;
      size = itemSize;
    } else {
      current += glue + item;
      size += charCount(glue) + itemSize;
    }
    shown++;
  }
  if (shown < items.length) current += `\n…and ${items.length - shown} more`;
  texts.push(current);
  return texts.map(section);
}

export function context(text: string): ContextBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: clip(text, 2000) }] };
}

/** The line every view and message carries in sandbox mode. */
export const SANDBOX_NOTE =
  ':test_tube: *Sandbox*: the bot runs against its embedded OTC emulator; nothing is created in a real cloud.';

export function sandboxBlocks(sandbox: boolean): KnownBlock[] {
  return sandbox ? [context(SANDBOX_NOTE)] : [];
}

export function option(choice: Choice): PlainTextOption {
  return { text: plain(choice.label, 75), value: choice.value };
}

/**
 * A select over `choices`: static up to 100 entries, otherwise an `external_select` searched by the
 * options listener (which also serves an empty or unknown list). The current value stays selected.
 */
export function choiceSelect(input: {
  actionId: string;
  choices: readonly Choice[] | undefined;
  selected: string | undefined;
  selectedLabel: string | undefined;
  placeholder: string;
}): StaticSelect | ExternalSelect {
  const { actionId, choices, selected } = input;
  const placeholder = plain(input.placeholder, 150);
  if (choices && choices.length > 0 && choices.length <= STATIC_OPTIONS_MAX) {
    const current = choices.find((c) => c.value === selected);
    return {
      type: 'static_select',
      action_id: actionId,
      placeholder,
      options: choices.map(option),
      ...(current ? { initial_option: option(current) } : {}),
    };
  }
  const current =
    selected &&
    (choices?.find((c) => c.value === selected) ?? {
      value: selected,
      label: input.selectedLabel ?? selected,
    });
  return {
    type: 'external_select',
    action_id: actionId,
    placeholder,
    min_query_length: 0,
    ...(current ? { initial_option: option(current) } : {}),
  };
}

export interface ModalFrame {
  readonly callbackId: string;
  readonly title: string;
  readonly blocks: KnownBlock[];
  readonly privateMetadata: string;
  readonly submit?: string | undefined;
  readonly close?: string;
  readonly notifyOnClose?: boolean;
}

/** A modal; titles and button texts stay within 24 characters. */
export function modal(frame: ModalFrame): ModalView {
  return {
    type: 'modal',
    callback_id: frame.callbackId,
    title: plain(frame.title, 24),
    close: plain(frame.close ?? 'Close', 24),
    ...(frame.submit ? { submit: plain(frame.submit, 24) } : {}),
    ...(frame.notifyOnClose ? { notify_on_close: true } : {}),
    private_metadata: frame.privateMetadata.slice(0, 3000),
    blocks: frame.blocks.slice(0, 100),
  };
}
