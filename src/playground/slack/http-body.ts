/**
 * Reads Web API requests the way Slack does: `application/x-www-form-urlencoded` (what @slack/web-api 8
 * sends, nested values as JSON strings) or `application/json`; the token from `Authorization: Bearer` or
 * the `token` field.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { SlackArgs } from './emulator-types.js';

/** Form fields that carry JSON and are parsed back into objects before recording. */
export const JSON_FIELDS: ReadonlySet<string> = new Set([
  'view',
  'blocks',
  'attachments',
  'outputs',
  'metadata',
  'inputs',
  'options',
  'option_groups',
  'unfurls',
  'user_auth_blocks',
]);

/** The whole request body as UTF-8 text. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Parsed arguments (without `token`) and the token of one Web API request. */
export function parseApiRequest(
  headers: IncomingHttpHeaders,
  raw: string,
): { args: SlackArgs; token: string | undefined } {
  const contentType = String(headers['content-type'] ?? '').toLowerCase();
  const args: SlackArgs = {};
  if (contentType.startsWith('application/json')) {
    const parsed = raw === '' ? {} : parseJson(raw);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) Object.assign(args, parsed);
  } else {
    for (const [key, value] of new URLSearchParams(raw))
      args[key] = JSON_FIELDS.has(key) ? parseJson(value) : value;
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(String(headers.authorization ?? ''))?.[1];
  const fieldToken = typeof args.token === 'string' ? args.token : undefined;
  delete args.token;
  return { args, token: bearer ?? fieldToken };
}

/** A response_url body: JSON object (what Bolt's `respond()` sends), or the raw text when it is not JSON. */
export function parseResponseBody(raw: string): unknown {
  return parseJson(raw);
}
