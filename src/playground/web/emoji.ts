/**
 * The emoji shortcodes the bot and the welcome use, as Slack shows them. An unknown shortcode stays text,
 * as Slack shows a custom emoji it does not have.
 */
const EMOJI: Readonly<Record<string, string>> = {
  alarm_clock: '⏰',
  calendar: '📆',
  eyes: '👀',
  file_folder: '📁',
  gear: '⚙️',
  heavy_check_mark: '✔️',
  hourglass_flowing_sand: '⏳',
  inbox_tray: '📥',
  information_source: 'ℹ️',
  large_green_circle: '🟢',
  leftwards_arrow_with_hook: '↩️',
  link: '🔗',
  lock: '🔒',
  memo: '📝',
  no_entry: '⛔',
  no_entry_sign: '🚫',
  red_circle: '🔴',
  rotating_light: '🚨',
  shield: '🛡️',
  tada: '🎉',
  test_tube: '🧪',
  thumbsup: '👍',
  '+1': '👍',
  warning: '⚠️',
  wastebasket: '🗑️',
  wave: '👋',
  white_check_mark: '✅',
  x: '❌',
};

export function emojiFor(name: string): string | undefined {
  return Object.hasOwn(EMOJI, name) ? EMOJI[name] : undefined;
}
