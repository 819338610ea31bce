/**
 * Keeps secrets out of logs. Two layers: pino `redact` paths for fields known to hold secrets, and a
 * scrub of every logged value, at any depth, for secret field names, Slack token shapes, bearer links
 * (`response_url`s), passwords inside URLs, and the configured secret values themselves.
 */

/** Field paths pino censors wherever they appear (one level of wildcard nesting, plus headers). */
export const REDACT_PATHS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'secretKey',
  'password',
  'authorization',
  'Authorization',
  'response_url',
  '*.token',
  '*.botToken',
  '*.bot_access_token',
  '*.appToken',
  '*.signingSecret',
  '*.secretKey',
  '*.password',
  '*.authorization',
  '*.Authorization',
  '*.response_url',
  'headers.authorization',
  'headers["x-auth-token"]',
  'headers["x-subject-token"]',
  'headers["x-slack-signature"]',
  '*.headers.authorization',
  '*.headers["x-auth-token"]',
  '*.headers["x-subject-token"]',
  '*.headers["x-slack-signature"]',
  'bot_access_token',
  '*.*.bot_access_token',
];

const TOKEN_PATTERN = /\bx(?:ox[abposre]|app|wfp)-[A-Za-z0-9-]+/g;
const AUTH_HEADER_PATTERN = /(SDK-HMAC-SHA256\s+(?:Access|Credential)=)[^\s,]+(.*?Signature=)[0-9a-f]+/gi;
/** Slack's bearer links: whoever holds one may post as the bot where it points, so the path is secret. */
const SLACK_HOOK_PATTERN = /(https:\/\/hooks\.slack\.com\/)[^\s"'<>]+/gi;
/** `scheme://user:password@host`: the password part of any URL (REDIS_URL, proxies, …). */
const URL_PASSWORD_PATTERN = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@"'<>]*:)[^\s@/"'<>]+@/gi;
export const CENSOR = '[REDACTED]';
/** Stands for parts of a record too large to scrub: they are left out rather than written unscrubbed. */
export const TRUNCATED = '[Truncated]';
/** The most values one record may hold; beyond it the rest is left out (see `TRUNCATED`). */
export const MAX_LOGGED_NODES = 20_000;

/** Field names whose values are secrets at any depth (compared case-insensitively). */
const SECRET_KEYS = new Set(
  [
    'token',
    'botToken',
    'appToken',
    'bot_access_token',
    'signingSecret',
    'signing_secret',
    'secretKey',
    'secret_key',
    'password',
    'authorization',
    'x-auth-token',
    'x-subject-token',
    'x-slack-signature',
    'x-security-token',
    'client_secret',
    'requirepass',
    // Bearer links: a response_url lets anyone post into the conversation for 30 minutes.
    'response_url',
    'responseUrl',
  ].map((k) => k.toLowerCase()),
);

/** `"response_url":"…"` inside text that is itself JSON (Bolt logs payloads as strings): the value is censored. */
const JSON_SECRET_FIELD = new RegExp(
  `("(?:${[...SECRET_KEYS].join('|')})"\\s*:\\s*")(?:[^"\\\\]|\\\\.)*"`,
  'gi',
);
/** `response_url=…` in a form-encoded body (slash commands arrive that way). */
const FORM_SECRET_FIELD = new RegExp(`((?:^|[?&\\s])(?:${[...SECRET_KEYS].join('|')})=)[^&\\s"]+`, 'gi');

/** Returns a scrubber that removes token shapes, bearer links, URL passwords and the given literal secrets. */
export function createScrubber(secrets: readonly (string | undefined)[]): (text: string) => string {
  const literals = secrets
    .filter((s): s is string => typeof s === 'string' && s.length >= 6)
    // Longest first, so a secret that contains another is censored whole.
    .sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text
      .replace(TOKEN_PATTERN, CENSOR)
      .replace(AUTH_HEADER_PATTERN, `$1${CENSOR}$2${CENSOR}`)
      .replace(SLACK_HOOK_PATTERN, `$1${CENSOR}`)
      .replace(URL_PASSWORD_PATTERN, `$1${CENSOR}@`)
      .replace(JSON_SECRET_FIELD, `$1${CENSOR}"`)
      .replace(FORM_SECRET_FIELD, `$1${CENSOR}`);
    for (const secret of literals) if (out.includes(secret)) out = out.split(secret).join(CENSOR);
    return out;
  };
}

type Container = Record<string, unknown> | unknown[];

/** An Error as a plain object: its name, message, stack, code and cause (no other fields: they may hold secrets). */
function errorFields(error: Error): Record<string, unknown> {
  const code = (error as unknown as Record<string, unknown>).code;
  return {
    type: error.name,
    message: error.message,
    stack: error.stack,
    ...(code !== undefined ? { code } : {}),
    ...(error.cause !== undefined ? { cause: error.cause } : {}),
  };
}

/**
 * Copies a log value, scrubbing every string and censoring secret fields at any depth. Iterative (an
 * explicit stack, so no depth can overflow or be skipped); an object met again becomes "[Circular]";
 * past `MAX_LOGGED_NODES` values the rest is left out as "[Truncated]" instead of going out unscrubbed.
 */
export function scrubDeep(value: unknown, scrub: (text: string) => string): unknown {
  const seen = new WeakSet<object>();
  let budget = MAX_LOGGED_NODES;
  const root: { value?: unknown } = {};
  const work: { source: unknown; target: Container; key: string | number }[] = [
    { source: value, target: root as Record<string, unknown>, key: 'value' },
  ];
  for (let item = work.pop(); item; item = work.pop()) {
    const { source, target, key } = item;
    const put = (v: unknown) => {
      (target as Record<string | number, unknown>)[key] = v;
    };
    if (budget-- <= 0) {
      put(TRUNCATED);
      continue;
    }
    if (typeof source === 'string') {
      put(scrub(source));
      continue;
    }
    if (source === null || typeof source !== 'object') {
      put(typeof source === 'function' || typeof source === 'symbol' ? String(source) : source);
      continue;
    }
    if (seen.has(source)) {
      put('[Circular]');
      continue;
    }
    seen.add(source);
    if (source instanceof Date) {
      put(Number.isNaN(source.getTime()) ? String(source) : source.toISOString());
      continue;
    }
    if (Array.isArray(source)) {
      const copy: unknown[] = new Array(source.length);
      put(copy);
      source.forEach((inner, index) => {
        work.push({ source: inner, target: copy, key: index });
      });
      continue;
    }
    const fields = source instanceof Error ? errorFields(source) : source;
    const copy: Record<string, unknown> = {};
    put(copy);
    // Keys are placed now, in their order, and filled as the stack reaches them.
    const pending: { source: unknown; target: Container; key: string }[] = [];
    for (const [name, inner] of Object.entries(fields)) {
      const secret = SECRET_KEYS.has(name.toLowerCase()) && inner !== undefined && inner !== null;
      copy[name] = secret ? CENSOR : undefined;
      if (!secret) pending.push({ source: inner, target: copy, key: name });
    }
    work.push(...pending.reverse());
  }
  return root.value;
}
