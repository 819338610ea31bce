import { describe, expect, it } from 'vitest';
import { checkMessage, checkView } from '#src/playground/slack/index.js';
import {
  button,
  chars,
  input,
  modal,
  mrkdwn,
  option,
  options,
  plain,
  section,
  staticSelect,
  times,
} from './block-fixtures.js';

type Json = Record<string, unknown>;

const inMessage = (...blocks: Json[]) => checkMessage({ text: 'fallback', blocks });
const paths = (failure: { issues: readonly { path: string }[] } | undefined) =>
  failure?.issues.map((i) => i.path) ?? [];
const actions = (...elements: Json[]): Json => ({ type: 'actions', block_id: 'a', elements });
const withAccessory = (accessory: Json): Json => ({
  type: 'section',
  block_id: 's',
  text: mrkdwn('pick'),
  accessory,
});

describe('Block Kit limits of messages', () => {
  it('accepts a message that uses many block types within every limit', () => {
    const blocks = [
      { type: 'header', block_id: 'h', text: plain(chars(150)) },
      {
        type: 'section',
        block_id: 's1',
        text: mrkdwn(chars(3000)),
        fields: times(10, () => mrkdwn(chars(2000))),
      },
      withAccessory(staticSelect({ options: options(100), initial_option: option(99) })),
      { type: 'context', block_id: 'c', elements: times(10, (i) => mrkdwn(`c${i}`)) },
      actions(...times(24, (i) => button({ action_id: `b${i}` })), {
        type: 'checkboxes',
        action_id: 'cb',
        options: options(10),
      }),
      { type: 'divider', block_id: 'd' },
      ...times(44, (i) => section(i + 10)),
    ];
    expect(blocks).toHaveLength(50);
    expect(inMessage(...blocks)).toBeUndefined();
  });

  it('refuses a message with 51 blocks as invalid_blocks, naming /blocks', () => {
    const failure = inMessage(...times(51, section));
    expect(failure?.error).toBe('invalid_blocks');
    expect(paths(failure)).toEqual(['/blocks']);
  });

  it.each([
    [
      'section text over 3000',
      { type: 'section', block_id: 's', text: mrkdwn(chars(3001)) },
      '/blocks/0/text/text',
    ],
    [
      '11 section fields',
      { type: 'section', block_id: 's', fields: times(11, () => mrkdwn('f')) },
      '/blocks/0/fields',
    ],
    [
      'a field over 2000',
      { type: 'section', block_id: 's', fields: [mrkdwn(chars(2001))] },
      '/blocks/0/fields/0/text',
    ],
    ['a section without text or fields', { type: 'section', block_id: 's' }, '/blocks/0'],
    ['empty text', { type: 'section', block_id: 's', text: mrkdwn('') }, '/blocks/0/text/text'],
    ['header over 150', { type: 'header', block_id: 'h', text: plain(chars(151)) }, '/blocks/0/text/text'],
    ['mrkdwn in a header', { type: 'header', block_id: 'h', text: mrkdwn('*x*') }, '/blocks/0/text/type'],
    [
      '11 context elements',
      { type: 'context', block_id: 'c', elements: times(11, () => mrkdwn('c')) },
      '/blocks/0/elements',
    ],
    [
      '26 actions elements',
      actions(...times(26, (i) => button({ action_id: `b${i}` }))),
      '/blocks/0/elements',
    ],
    ['button text over 75', actions(button({ text: plain(chars(76)) })), '/blocks/0/elements/0/text/text'],
    ['mrkdwn button text', actions(button({ text: mrkdwn('Approve') })), '/blocks/0/elements/0/text/type'],
    ['button value over 2000', actions(button({ value: chars(2001) })), '/blocks/0/elements/0/value'],
    [
      'button url over 3000',
      actions(button({ url: `https://x/${chars(3000)}` })),
      '/blocks/0/elements/0/url',
    ],
    ['action_id over 255', actions(button({ action_id: chars(256) })), '/blocks/0/elements/0/action_id'],
    ['block_id over 255', { type: 'divider', block_id: chars(256) }, '/blocks/0/block_id'],
    [
      '101 select options',
      withAccessory(staticSelect({ options: options(101) })),
      '/blocks/0/accessory/options',
    ],
    [
      '101 option groups',
      withAccessory(
        staticSelect({
          options: undefined,
          option_groups: times(101, () => ({ label: plain('g'), options: options(1) })),
        }),
      ),
      '/blocks/0/accessory/option_groups',
    ],
    [
      'an option group of 101 options',
      withAccessory(
        staticSelect({ options: undefined, option_groups: [{ label: plain('g'), options: options(101) }] }),
      ),
      '/blocks/0/accessory/option_groups/0/options',
    ],
    [
      'an option group label over 75',
      withAccessory(
        staticSelect({
          options: undefined,
          option_groups: [{ label: plain(chars(76)), options: options(1) }],
        }),
      ),
      '/blocks/0/accessory/option_groups/0/label/text',
    ],
    [
      'option text over 75',
      withAccessory(staticSelect({ options: [{ text: plain(chars(76)), value: 'v' }] })),
      '/blocks/0/accessory/options/0/text/text',
    ],
    [
      'option description over 75',
      withAccessory(
        staticSelect({ options: [{ text: plain('t'), value: 'v', description: plain(chars(76)) }] }),
      ),
      '/blocks/0/accessory/options/0/description/text',
    ],
    [
      'option value over 150',
      withAccessory(staticSelect({ options: [{ text: plain('t'), value: chars(151) }] })),
      '/blocks/0/accessory/options/0/value',
    ],
    [
      'mrkdwn option text in a select',
      withAccessory(staticSelect({ options: [{ text: mrkdwn('t'), value: 'v' }] })),
      '/blocks/0/accessory/options/0/text/type',
    ],
    [
      'an initial_option that is not an option',
      withAccessory(staticSelect({ initial_option: option(7) })),
      '/blocks/0/accessory/initial_option',
    ],
    [
      '11 checkboxes',
      actions({ type: 'checkboxes', action_id: 'c', options: options(11) }),
      '/blocks/0/elements/0/options',
    ],
    [
      '11 radio buttons',
      actions({ type: 'radio_buttons', action_id: 'r', options: options(11) }),
      '/blocks/0/elements/0/options',
    ],
    ['an input label over 2000', { ...input('i'), label: plain(chars(2001)) }, '/blocks/0/label/text'],
    ['an input hint over 2000', { ...input('i'), hint: plain(chars(2001)) }, '/blocks/0/hint/text'],
    ['an mrkdwn input label', { ...input('i'), label: mrkdwn('Name') }, '/blocks/0/label/type'],
    [
      'an image url over 3000',
      { type: 'image', block_id: 'i', image_url: chars(3001), alt_text: 'x' },
      '/blocks/0/image_url',
    ],
    ['an unknown block type', { type: 'modal', block_id: 'm' }, '/blocks/0/type'],
  ])('refuses %s', (_name, block, path) => {
    const failure = inMessage(block as Json);
    expect(failure?.error).toBe('invalid_blocks');
    expect(paths(failure)).toContain(path);
  });

  it('refuses duplicate block ids in one message', () => {
    expect(paths(inMessage(section(1), section(1)))).toEqual(['/blocks/1/block_id']);
  });

  it('accepts an option value of exactly 150 characters and refuses 151', () => {
    const select = (value: string) => withAccessory(staticSelect({ options: [{ text: plain('t'), value }] }));
    expect(inMessage(select(chars(150)))).toBeUndefined();
    expect(inMessage(select(chars(151)))?.error).toBe('invalid_blocks');
  });

  it('answers msg_too_long for text over 40000 characters and no_text for an empty message', () => {
    expect(checkMessage({ text: chars(40_000) })).toBeUndefined();
    expect(checkMessage({ text: chars(40_001) })?.error).toBe('msg_too_long');
    expect(checkMessage({ channel: 'C1' })?.error).toBe('no_text');
    expect(checkMessage({ blocks: [] })?.error).toBe('no_text');
  });
});

describe('Block Kit limits of plain_text_input', () => {
  const inputWith = (element: Json) =>
    inMessage(input('name', { type: 'plain_text_input', action_id: 'name_input', ...element }));

  it.each([
    [{ min_length: 3001 }, '/blocks/0/element/min_length'],
    [{ max_length: 0 }, '/blocks/0/element/max_length'],
    [{ max_length: 3001 }, '/blocks/0/element/max_length'],
    [{ min_length: 10, max_length: 5 }, '/blocks/0/element/min_length'],
    [{ max_length: 10, initial_value: chars(11) }, '/blocks/0/element/initial_value'],
    [{ placeholder: plain(chars(151)) }, '/blocks/0/element/placeholder/text'],
  ])('refuses %o', (element, path) => {
    expect(paths(inputWith(element))).toContain(path);
  });

  it('accepts the edges of every range', () => {
    expect(inputWith({ min_length: 0, max_length: 3000, placeholder: plain(chars(150)) })).toBeUndefined();
    expect(inputWith({ min_length: 3000, max_length: 3000, initial_value: chars(3000) })).toBeUndefined();
  });
});

describe('limits of views', () => {
  it('accepts a valid 100-block modal with inputs and a submit button', () => {
    const blocks = [...times(50, (i) => input(`in${i}`)), ...times(50, section)];
    expect(checkView(modal(blocks), 'modal')).toBeUndefined();
  });

  it('refuses a modal with 101 blocks and a Home tab with 101 blocks', () => {
    expect(paths(checkView(modal(times(101, section))))).toEqual(['/view/blocks']);
    expect(checkView({ type: 'home', blocks: times(100, section) }, 'home')).toBeUndefined();
    expect(paths(checkView({ type: 'home', blocks: times(101, section) }, 'home'))).toEqual(['/view/blocks']);
  });

  it('refuses a modal with an input block and no submit button', () => {
    const failure = checkView(modal([input('name')], { submit: undefined }));
    expect(failure?.error).toBe('invalid_arguments');
    expect(paths(failure)).toContain('/view/submit');
    expect(checkView(modal([section(1)], { submit: undefined }))).toBeUndefined();
  });

  it.each([
    [{ title: plain(chars(25)) }, '/view/title/text'],
    [{ submit: plain(chars(25)) }, '/view/submit/text'],
    [{ close: plain(chars(25)) }, '/view/close/text'],
    [{ title: mrkdwn('Create') }, '/view/title/type'],
    [{ title: undefined }, '/view/title'],
    [{ private_metadata: chars(3001) }, '/view/private_metadata'],
    [{ callback_id: chars(256) }, '/view/callback_id'],
    [{ external_id: chars(256) }, '/view/external_id'],
    [{ type: 'home_tab' }, '/view/type'],
  ])('refuses a modal with %o', (change, path) => {
    const failure = checkView(modal([section(1)], change));
    expect(failure?.error).toBe('invalid_arguments');
    expect(paths(failure)).toContain(path);
  });

  it('accepts the edges: 24-character title, 3000-character metadata, 255-character ids', () => {
    const edges = {
      title: plain(chars(24)),
      private_metadata: chars(3000),
      callback_id: chars(255),
      external_id: chars(255),
    };
    expect(checkView(modal([section(1)], edges))).toBeUndefined();
  });

  it('refuses blocks that do not belong in a modal', () => {
    expect(paths(checkView(modal([{ type: 'markdown', block_id: 'm', text: '# hi' }])))).toEqual([
      '/view/blocks/0/type',
    ]);
    expect(paths(checkView(modal([input('b', button())])))).toEqual(['/view/blocks/0/element/type']);
  });

  it('answers view_too_large for a view over 250 kB', () => {
    const big = modal(times(90, (i) => section(i, chars(2900))));
    const failure = checkView(big);
    expect(failure?.error).toBe('view_too_large');
    expect(checkView(modal(times(80, (i) => section(i, chars(2900)))))).toBeUndefined();
  });
});
