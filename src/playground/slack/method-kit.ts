/**
 * Small helpers for the Web API method handlers: the handler signature, Slack-shaped answers, argument
 * readers (form values arrive as strings) and cursor pagination.
 */

import type { SlackArgs, SlackResponse } from './emulator-types.js';
import type { FakeSlackState } from './state.js';

/** What a method handler gets: parsed arguments, the caller's token and the fake's state. */
export interface MethodContext {
  readonly args: SlackArgs;
  readonly token: string | undefined;
  readonly state: FakeSlackState;
}

/** Answers one Web API method. */
export type MethodHandler = (ctx: MethodContext) => SlackResponse;

/** `{ ok: true, …fields }`. */
export function ok(fields: Record<string, unknown> = {}): SlackResponse {
  return { ok: true, ...fields };
}

/** `{ ok: false, error }`, with a `response_metadata.messages` line when `detail` is given. */
export function fail(error: string, detail?: string): SlackResponse {
  return detail
    ? { ok: false, error, response_metadata: { messages: [`[ERROR] ${detail}`] } }
    : { ok: false, error };
}

/** A non-empty string argument, or `undefined`. */
export function argString(args: SlackArgs, key: string): string | undefined {
  const value = args[key];
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A boolean argument (`true`, `'true'`, `1`, `'1'`). */
export function argFlag(args: SlackArgs, key: string): boolean {
  const value = args[key];
  return value === true || value === 'true' || value === 1 || value === '1';
}

/** A plain object argument (already parsed from its JSON string by the server). */
export function argObject(args: SlackArgs, key: string): Record<string, unknown> | undefined {
  const value = args[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** One page of `items` for `cursor` / `limit` arguments, with Slack's `response_metadata.next_cursor`. */
export function paginate<T>(
  items: readonly T[],
  args: SlackArgs,
): { page: T[]; response_metadata: { next_cursor: string } } {
  const limit = Math.max(1, Math.min(Number(argString(args, 'limit') ?? 100) || 100, 1000));
  const cursor = argString(args, 'cursor');
  const start = cursor
    ? Number(
        Buffer.from(cursor, 'base64')
          .toString('utf8')
          .replace(/^offset:/, ''),
      ) || 0
    : 0;
  const page = items.slice(start, start + limit);
  const next = start + limit < items.length ? Buffer.from(`offset:${start + limit}`).toString('base64') : '';
  return { page, response_metadata: { next_cursor: next } };
}
