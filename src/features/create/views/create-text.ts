/** Text pieces the create review, progress and result share. */

import { code } from '../../../domain/mrkdwn.js';
import type { PortMappingLine } from '../../../domain/port-mappings.js';
import type { TagLine } from '../../../domain/tags.js';

/** Port mappings one a line, in a code block (50 lines fit a section easily). */
export function mappingLines(ports: readonly PortMappingLine[]): string {
  if (ports.length === 0) return '_none_';
  return `\`\`\`${ports.map((p) => `${p.servicePort} → ${p.terminalPort}`).join('\n')}\`\`\``;
}

/** Port mappings on one line, for plain-text fallbacks. */
export function mappingsInline(ports: readonly PortMappingLine[]): string {
  return ports.map((p) => `${p.servicePort}→${p.terminalPort}`).join(', ');
}

/** One `key=value` per tag, as code. */
export function tagItems(tags: readonly TagLine[]): string[] {
  return tags.map((t) => code(`${t.key}=${t.value}`));
}
