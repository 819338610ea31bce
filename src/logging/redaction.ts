/**
 * Keeps secrets out of logs. Two layers: pino `redact` paths for fields known to hold secrets, and a
 * scrub of every logged string for Slack token shapes and for the configured secret values themselves.
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
  '*.token',
  '*.botToken',
  '*.bot_access_token',
  '*.appToken',
  '*.signingSecret',
  '*.secretKey',
  '*.password',
  '*.authorization',
  '*.Authorization',
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
export const CENSOR = '[REDACTED]';

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
  ].map((k) => k.toLowerCase()),
);

/** Returns a scrubber that removes token shapes and the given literal secrets from text. */
export function createScrubber(secrets: readonly (string | undefined)[]): (text: string) => string {
  const literals = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 6);
  return (text) => {
    let out = text.replace(TOKEN_PATTERN, CENSOR).replace(AUTH_HEADER_PATTERN, `$1${CENSOR}$2${CENSOR}`);
    for (const secret of literals) if (out.includes(secret)) out = out.split(secret).join(CENSOR);
    return out;
  };
}

/** Deeply copies a log object, scrubbing every string (depth-limited; cycles become "[Circular]"). */
export function scrubDeep(
  value: unknown,
  scrub: (text: string) => string,
  depth = 0,
  seen = new WeakSet(),
): unknown {
  if (typeof value === 'string') return scrub(value);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, scrub, depth + 1, seen));
  if (value instanceof Error) {
    return {
      type: value.name,
      message: scrub(value.message),
      stack: value.stack ? scrub(value.stack) : undefined,
      ...((value as unknown as Record<string, unknown>).code
        ? { code: (value as unknown as Record<string, unknown>).code }
        : {}),
    };
  }
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] =
      SECRET_KEYS.has(key.toLowerCase()) && inner !== undefined
        ? CENSOR
        : scrubDeep(inner, scrub, depth + 1, seen);
  }
  return out;
}
