/**
 * The method table and the token rules: which token types each method accepts (bot `xoxb-` and
 * function `xwfp-` tokens for most, `xapp-` for apps.connections.open, `xwfp-` for functions.*).
 */

import type { SlackResponse } from './emulator-types.js';
import { fail, type MethodContext, type MethodHandler } from './method-kit.js';
import { CHAT_METHODS } from './methods-chat.js';
import { DIRECTORY_METHODS } from './methods-directory.js';
import { PLATFORM_METHODS } from './methods-platform.js';
import { VIEW_METHODS } from './methods-views.js';

/** Every method the fake answers. */
export const METHODS: Readonly<Record<string, MethodHandler>> = {
  ...PLATFORM_METHODS,
  ...VIEW_METHODS,
  ...CHAT_METHODS,
  ...DIRECTORY_METHODS,
};

const KNOWN_TOKEN_PREFIXES = ['xoxb-', 'xwfp-', 'xapp-', 'xoxp-'];
const TOKEN_RULES: Readonly<Record<string, readonly string[]>> = {
  'apps.connections.open': ['xapp-'],
  'functions.completeSuccess': ['xwfp-'],
  'functions.completeError': ['xwfp-'],
};

/** Slack's answer to a call made with a missing, unknown, revoked or wrong-type token; else `undefined`. */
export function tokenError(
  method: string,
  token: string | undefined,
  revoked: ReadonlySet<string>,
): SlackResponse | undefined {
  if (!token) return fail('not_authed');
  if (revoked.has(token)) return fail('token_revoked');
  const allowed = TOKEN_RULES[method] ?? ['xoxb-', 'xwfp-'];
  if (allowed.some((prefix) => token.startsWith(prefix))) return undefined;
  if (method === 'auth.test' || !KNOWN_TOKEN_PREFIXES.some((prefix) => token.startsWith(prefix)))
    return fail('invalid_auth');
  return fail('not_allowed_token_type');
}

/** Answers one call: `unknown_method`, a token error, or the method's own answer. */
export function answerMethod(
  method: string,
  ctx: MethodContext,
  revoked: ReadonlySet<string>,
): SlackResponse {
  const handler = METHODS[method];
  if (!handler) return fail('unknown_method');
  return tokenError(method, ctx.token, revoked) ?? handler(ctx);
}
