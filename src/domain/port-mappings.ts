/**
 * Port Mapping, as the console page defines it: TCP; service port (the backend's) and terminal port (the
 * endpoint's), each 1–65535; at most 50 mappings. In Slack it is text, one `service_port:terminal_port`
 * a line, because 50 rows of inputs cannot fit a modal's 100 blocks; text pastes well too.
 */
import type { LineResult } from './line-result.js';

export const MAX_PORT_MAPPINGS = 50;

export interface PortMappingLine {
  /** The backend's port (`server_port`). */
  readonly servicePort: number;
  /** The endpoint's port (`client_port`). */
  readonly terminalPort: number;
}

const LINE = /^\s*(\d{1,6})\s*:\s*(\d{1,6})\s*$/;

function portProblem(text: string, what: string): string | undefined {
  const value = Number(text);
  return Number.isInteger(value) && value >= 1 && value <= 65_535
    ? undefined
    : `${what} ${text} is not between 1 and 65535`;
}

/** Parses the Port Mapping text; every problem names its line and the rule. */
export function parsePortMappings(text: string): LineResult<PortMappingLine[]> {
  const problems: string[] = [];
  const mappings: PortMappingLine[] = [];
  const terminalSeen = new Map<number, number>();
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    if (raw.trim() === '') return;
    const match = LINE.exec(raw);
    if (!match?.[1] || !match[2]) {
      problems.push(
        `Line ${lineNo}: "${raw.trim().slice(0, 40)}" is not service_port:terminal_port (e.g. 8080:80)`,
      );
      return;
    }
    const bad = portProblem(match[1], 'service port') ?? portProblem(match[2], 'terminal port');
    if (bad) {
      problems.push(`Line ${lineNo}: ${bad}`);
      return;
    }
    const mapping = { servicePort: Number(match[1]), terminalPort: Number(match[2]) };
    const earlier = terminalSeen.get(mapping.terminalPort);
    if (earlier !== undefined) {
      const same = mappings[earlier]?.servicePort === mapping.servicePort;
      problems.push(
        same
          ? `Line ${lineNo}: ${mapping.servicePort}:${mapping.terminalPort} repeats line ${lineOf(lines, earlier)}`
          : `Line ${lineNo}: terminal port ${mapping.terminalPort} is already used on line ${lineOf(lines, earlier)}; each terminal port can map once`,
      );
      return;
    }
    terminalSeen.set(mapping.terminalPort, mappings.length);
    mappings.push(mapping);
  });
  if (problems.length === 0 && mappings.length === 0) {
    problems.push('Add at least one port mapping, one service_port:terminal_port a line (e.g. 8080:80)');
  }
  if (mappings.length > MAX_PORT_MAPPINGS) {
    problems.push(`${mappings.length} port mappings: at most ${MAX_PORT_MAPPINGS} can be added to a service`);
  }
  return problems.length ? { ok: false, problems } : { ok: true, value: mappings };
}

/** Line number (1-based) in `lines` of the n-th non-blank line. */
function lineOf(lines: readonly string[], nth: number): number {
  let seen = -1;
  for (let i = 0; i < lines.length; i++) {
    if ((lines[i] ?? '').trim() !== '') seen++;
    if (seen === nth) return i + 1;
  }
  return nth + 1;
}
