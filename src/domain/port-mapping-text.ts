/**
 * The one way every view shows a port mapping: the console's order and words, service port first, then
 * terminal port, each labelled (`TCP: service port 8080, terminal port 80`). Owners approve on the numbers
 * they see, so the create review, the result, the approval request and the management messages must not
 * disagree about which number is which.
 */
import { escapeMrkdwn } from './mrkdwn.js';
import type { PortMappingLine } from './port-mappings.js';

/**
 * A mapping as the cloud names it: the endpoint's `clientPort` is the console's terminal port, the
 * backend's `serverPort` its service port. Structural, so that the domain needs no cloud types.
 */
export interface CloudPortMapping {
  readonly clientPort: number;
  readonly serverPort: number;
  readonly protocol?: string;
}

/** A mapping from the create form (always TCP) or from the cloud. */
export type ShownPortMapping = PortMappingLine | CloudPortMapping;

function ports(mapping: ShownPortMapping): { service: number; terminal: number; protocol: string } {
  return 'servicePort' in mapping
    ? { service: mapping.servicePort, terminal: mapping.terminalPort, protocol: 'TCP' }
    : { service: mapping.serverPort, terminal: mapping.clientPort, protocol: mapping.protocol ?? 'TCP' };
}

/** `TCP: service port 8080, terminal port 80`; the protocol comes from the cloud, so it is escaped. */
export function portMappingText(mapping: ShownPortMapping): string {
  const { service, terminal, protocol } = ports(mapping);
  return `${escapeMrkdwn(protocol.toUpperCase())}: service port ${service}, terminal port ${terminal}`;
}

function shown(mappings: readonly ShownPortMapping[], max: number): string[] {
  const texts = mappings.slice(0, max).map(portMappingText);
  const more = mappings.length - texts.length;
  return more > 0 ? [...texts, `…and ${more} more`] : texts;
}

/** One mapping a line, the first `max` of them and then "…and N more"; `_none_` for none. */
export function portMappingLines(
  mappings: readonly ShownPortMapping[],
  max = Number.POSITIVE_INFINITY,
): string {
  return mappings.length === 0 ? '_none_' : shown(mappings, max).join('\n');
}

/** The mappings on one line, separated by `; ` (fallback texts, one-line summaries). */
export function portMappingsInline(
  mappings: readonly ShownPortMapping[],
  max = Number.POSITIVE_INFINITY,
): string {
  return mappings.length === 0 ? 'none' : shown(mappings, max).join('; ');
}
