/**
 * Small Block Kit builders for the fake's own tests: valid by default, so each test changes one thing.
 * They are loosely typed on purpose (tests also build invalid payloads); `asBlocks` hands them to WebClient.
 */
import type { KnownBlock, View } from '@slack/types';

type Json = Record<string, unknown>;

/** Blocks built here, typed for @slack/web-api calls (the fake, not the compiler, judges them). */
export const asBlocks = (blocks: Json[]): KnownBlock[] => blocks as unknown as KnownBlock[];
/** A view built here, typed for @slack/web-api calls. */
export const asView = (view: Json): View => view as unknown as View;

export const plain = (text: string): Json => ({ type: 'plain_text', text });
export const mrkdwn = (text: string): Json => ({ type: 'mrkdwn', text });
export const chars = (n: number, c = 'x'): string => c.repeat(n);
export const times = <T>(n: number, make: (i: number) => T): T[] =>
  Array.from({ length: n }, (_, i) => make(i));

export const option = (i: number): Json => ({ text: plain(`Option ${i}`), value: `value_${i}` });
export const options = (n: number): Json[] => times(n, option);

export const section = (i: number, text = `line ${i}`): Json => ({
  type: 'section',
  block_id: `s${i}`,
  text: mrkdwn(text),
});

export const button = (extra: Json = {}): Json => ({
  type: 'button',
  action_id: 'approve_action',
  text: plain('Approve'),
  value: 'approve',
  ...extra,
});

export const staticSelect = (extra: Json = {}): Json => ({
  type: 'static_select',
  action_id: 'region_select',
  placeholder: plain('Region'),
  options: options(3),
  ...extra,
});

export const input = (
  blockId: string,
  element: Json = { type: 'plain_text_input', action_id: `${blockId}_input` },
): Json => ({
  type: 'input',
  block_id: blockId,
  label: plain('Name'),
  element,
});

export const modal = (blocks: Json[], extra: Json = {}): Json => ({
  type: 'modal',
  callback_id: 'create_modal',
  title: plain('Create service'),
  submit: plain('Create'),
  close: plain('Cancel'),
  blocks,
  ...extra,
});
