/**
 * Low-level checks shared by the Block Kit validators: records, strings, arrays and text objects.
 * Each check appends `LimitIssue`s to `out` and never throws, so one pass reports every problem.
 */
import type { LimitIssue } from './emulator-types.js';

/** Collected issues of one validation pass. */
export type Issues = LimitIssue[];

/** True for a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Length in characters (code points), which is what Slack's limits count. */
export function charCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** Checks an optional (or required) string field against a maximum length. */
export function checkString(
  value: unknown,
  path: string,
  out: Issues,
  rule: { max: number; required?: boolean; min?: number },
): value is string {
  if (value === undefined || value === null) {
    if (rule.required) out.push({ path, message: 'is required' });
    return false;
  }
  if (typeof value !== 'string') {
    out.push({ path, message: 'must be a string' });
    return false;
  }
  const length = charCount(value);
  if (length > rule.max)
    out.push({ path, message: `must be at most ${rule.max} characters (got ${length})` });
  if (rule.min !== undefined && length < rule.min)
    out.push({ path, message: `must be at least ${rule.min} characters` });
  return true;
}

/** Checks an array field against item counts; returns its items (empty when absent or invalid). */
export function checkArray(
  value: unknown,
  path: string,
  out: Issues,
  rule: { max: number; min?: number; required?: boolean },
): unknown[] {
  if (value === undefined || value === null) {
    if (rule.required) out.push({ path, message: 'is required' });
    return [];
  }
  if (!Array.isArray(value)) {
    out.push({ path, message: 'must be an array' });
    return [];
  }
  if (value.length > rule.max)
    out.push({ path, message: `must have at most ${rule.max} items (got ${value.length})` });
  if (rule.min !== undefined && value.length < rule.min)
    out.push({ path, message: `must have at least ${rule.min} items` });
  return value;
}

/** How a text object may look at one place in a payload. */
export interface TextRule {
  max: number;
  /** Only `plain_text` is allowed here (headers, labels, button texts, select options, modal title…). */
  plainOnly?: boolean;
  required?: boolean;
}

/** Checks a text object `{ type: 'plain_text' | 'mrkdwn', text }`: type, non-empty text, length. */
export function checkText(value: unknown, path: string, out: Issues, rule: TextRule): void {
  if (value === undefined || value === null) {
    if (rule.required) out.push({ path, message: 'is required' });
    return;
  }
  if (!isRecord(value)) {
    out.push({ path, message: 'must be a text object' });
    return;
  }
  if (value.type !== 'plain_text' && value.type !== 'mrkdwn') {
    out.push({ path: `${path}/type`, message: `must be plain_text or mrkdwn (got ${String(value.type)})` });
  } else if (rule.plainOnly && value.type !== 'plain_text') {
    out.push({ path: `${path}/type`, message: 'must be plain_text here (mrkdwn is not allowed)' });
  }
  if (typeof value.text !== 'string' || value.text.length === 0) {
    out.push({ path: `${path}/text`, message: 'must be a non-empty string' });
    return;
  }
  checkString(value.text, `${path}/text`, out, { max: rule.max });
}
