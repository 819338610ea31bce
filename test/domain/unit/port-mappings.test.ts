import { describe, expect, it } from 'vitest';
import { parsePortMappings } from '#src/domain/port-mappings.js';

describe('Port Mapping rules of the console page', () => {
  it('should read one service_port:terminal_port a line, ignoring blank lines and spaces', () => {
    expect(parsePortMappings('8080:80\n\n 8443 : 443 ')).toEqual({
      ok: true,
      value: [
        { servicePort: 8080, terminalPort: 80 },
        { servicePort: 8443, terminalPort: 443 },
      ],
    });
  });

  it.each([
    ['0:80', 'Line 1: service port 0 is not between 1 and 65535'],
    ['80:65536', 'Line 1: terminal port 65536 is not between 1 and 65535'],
    ['80\n80-81', 'Line 1: "80" is not service_port:terminal_port (e.g. 8080:80)'],
    ['8080:80\n8080:80', 'Line 2: 8080:80 repeats line 1'],
    [
      '8080:80\n\n9090:80',
      'Line 3: terminal port 80 is already used on line 1; each terminal port can map once',
    ],
    ['', 'Add at least one port mapping, one service_port:terminal_port a line (e.g. 8080:80)'],
  ])('should refuse %j with %j', (text, message) => {
    const result = parsePortMappings(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toBe(message);
  });

  it('should allow one service port behind several terminal ports', () => {
    expect(parsePortMappings('8080:80\n8080:8080').ok).toBe(true);
  });

  it('should accept 50 mappings and refuse 51', () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `${1000 + i}:${2000 + i}`).join('\n');
    expect(parsePortMappings(lines(50)).ok).toBe(true);
    const result = parsePortMappings(lines(51));
    expect(result).toEqual({
      ok: false,
      problems: ['51 port mappings: at most 50 can be added to a service'],
    });
  });
});
