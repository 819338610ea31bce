/**
 * Whitelist entries: consumer account (domain) IDs of 1–64 letters, digits or `*`; `*` alone opens the
 * service to every account. The API form is `iam:domain::<id>`, or the bare `*` (reference §2.11).
 */
import type { LineResult } from './line-result.js';

const ACCOUNT = /^[A-Za-z0-9*]{1,64}$/;
const PREFIX = 'iam:domain::';

/** The account ID of an entry typed by a user (a bare ID, or with the `iam:domain::` prefix). */
export function normaliseAccount(text: string): string {
  const trimmed = text.trim();
  return trimmed.toLowerCase().startsWith(PREFIX) ? trimmed.slice(PREFIX.length) : trimmed;
}

/** Why `account` is not a valid entry, or undefined. */
export function accountProblem(account: string): string | undefined {
  if (!ACCOUNT.test(account))
    return `"${account.slice(0, 70)}" is not an account ID (1–64 letters, digits or *)`;
  return undefined;
}

/** Parses accounts separated by commas, spaces or lines. */
export function parseAccounts(text: string): LineResult<string[]> {
  const accounts = text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(normaliseAccount);
  const problems = accounts.flatMap((a) => accountProblem(a) ?? []);
  return problems.length ? { ok: false, problems } : { ok: true, value: [...new Set(accounts)] };
}
