/**
 * Value formats of the environment (DESIGN §2.2): durations are plain seconds or a number with `s`, `m`,
 * `h` or `d`; lists are comma-separated with spaces ignored.
 */
import { z } from 'zod';

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** Parses `30`, `30s`, `4h`, `7d` into seconds; `undefined` when the text is not a duration. */
export function parseDurationSeconds(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([smhd]?)$/i.exec(text.trim());
  if (!match?.[1]) return undefined;
  const unit = (match[2] ?? '').toLowerCase() as keyof typeof UNIT_SECONDS | '';
  const seconds = Number(match[1]) * (unit === '' ? 1 : UNIT_SECONDS[unit]);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

/** Splits a comma list, trimming spaces and dropping empty items. */
export function parseList(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** zod: a duration (see `parseDurationSeconds`) to seconds. */
export const durationSeconds = z.string().transform((text, ctx) => {
  const seconds = parseDurationSeconds(text);
  if (seconds === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a duration such as 30, 30s, 15m, 4h or 1d; got "${text}"`,
    });
    return z.NEVER;
  }
  return seconds;
});

/** zod: a comma list. */
export const commaList = z.string().transform((text) => parseList(text));

/** zod: a TCP port number 1–65535 given as text. */
export const portNumber = z
  .string()
  .regex(/^\d+$/, 'expected a port number 1–65535')
  .transform(Number)
  .pipe(
    z.number().int().min(1, 'expected a port number 1–65535').max(65_535, 'expected a port number 1–65535'),
  );

/** Hosts that never leave the machine: 127.0.0.0/8, `localhost` and `[::1]`. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return octets?.slice(1).every((o) => Number(o) <= 255) === true;
}

/**
 * Whether `url` may carry secrets: `https:`, or plain `http:` to a loopback host (tests, the playground,
 * a local proxy). Placeholders such as `{service}` are filled first, so a URL template is judged too.
 */
export function isSafeTransportUrl(url: string): boolean {
  try {
    const parsed = new URL(url.replaceAll(/\{[a-z]+\}/g, 'x'));
    if (parsed.protocol === 'https:') return true;
    return parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname);
  } catch {
    return false;
  }
}

/** The refusal of a plain-http URL, naming the fix. */
export function plainHttpProblem(example: string): string {
  return `expected an https:// URL such as ${example}; plain http:// would send tokens and credentials unencrypted, and is allowed only for loopback hosts (127.0.0.1, localhost, [::1])`;
}
