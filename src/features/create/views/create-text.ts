/** Text pieces the create review, progress and result share. */

import { code } from '../../../domain/mrkdwn.js';
import type { TagLine } from '../../../domain/tags.js';

/** One `key=value` per tag, as code. */
export function tagItems(tags: readonly TagLine[]): string[] {
  return tags.map((t) => code(`${t.key}=${t.value}`));
}
