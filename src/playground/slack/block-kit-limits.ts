/**
 * What Slack refuses in messages and views, as pure functions: each returns the Slack error code and the
 * issues behind it (JSON pointers into the payload), or `undefined` when Slack would accept the payload.
 * Limits: `/work/shared/reference/slack-platform.md` §3.
 */
import { checkBlocks, type Surface } from './block-kit-blocks.js';
import { charCount, checkArray, checkString, checkText, type Issues, isRecord } from './block-kit-text.js';
import type { LimitFailure, LimitIssue, SlackArgs, SlackResponse } from './emulator-types.js';

/** Maximum `text` of a message (longer → `msg_too_long`). */
export const MESSAGE_TEXT_MAX = 40_000;

/** Limits of view objects. `bytes` is the serialised view (250 kB; strict: 250 000 bytes). */
export const VIEW_LIMITS = {
  title: 24,
  privateMetadata: 3000,
  callbackId: 255,
  externalId: 255,
  bytes: 250_000,
};

/** A Slack-style message line for an issue: `must be … [json-pointer:/blocks/0/text]`. */
export function formatIssue(issue: LimitIssue): string {
  return `${issue.message} [json-pointer:${issue.path}]`;
}

/** The `ok: false` answer Slack gives for a limit failure (`errors` only for block errors, as Slack does). */
export function limitResponse(failure: LimitFailure): SlackResponse {
  const lines = failure.issues.map(formatIssue);
  return {
    ok: false,
    error: failure.error,
    ...(failure.error === 'invalid_blocks' ? { errors: lines } : {}),
    response_metadata: { messages: lines.map((line) => `[ERROR] ${line}`) },
  };
}

/**
 * Checks a message payload (chat.postMessage/update/postEphemeral, response_url). `requireContent`: the
 * message needs `text`, `blocks` or `attachments` (false for partial updates such as `delete_original`).
 */
export function checkMessage(args: SlackArgs, requireContent = true): LimitFailure | undefined {
  if (typeof args.blocks === 'string' || typeof args.attachments === 'string') {
    return { error: 'invalid_blocks_format', issues: [{ path: '/blocks', message: 'must be a JSON array' }] };
  }
  const out: Issues = [];
  if (args.blocks !== undefined) checkBlocks(args.blocks, '/blocks', out, 'message');
  checkArray(args.attachments, '/attachments', out, { max: 100 }).forEach((attachment, i) => {
    if (isRecord(attachment) && attachment.blocks !== undefined)
      checkBlocks(attachment.blocks, `/attachments/${i}/blocks`, out, 'message');
  });
  if (out.length > 0) return { error: 'invalid_blocks', issues: out };
  if (typeof args.text === 'string' && charCount(args.text) > MESSAGE_TEXT_MAX) {
    const message = `must be at most ${MESSAGE_TEXT_MAX} characters (got ${charCount(args.text)})`;
    return { error: 'msg_too_long', issues: [{ path: '/text', message }] };
  }
  const hasText = typeof args.text === 'string' && args.text.trim().length > 0;
  const hasBlocks = Array.isArray(args.blocks) && args.blocks.length > 0;
  const hasAttachments = Array.isArray(args.attachments) && args.attachments.length > 0;
  if (requireContent && !hasText && !hasBlocks && !hasAttachments)
    return {
      error: 'no_text',
      issues: [{ path: '/text', message: 'text, blocks or attachments is required' }],
    };
  return undefined;
}

/** True when the view holds at least one `input` block (then a modal needs `submit`). */
export function hasInputBlock(view: Record<string, unknown>): boolean {
  return Array.isArray(view.blocks) && view.blocks.some((block) => isRecord(block) && block.type === 'input');
}

/**
 * Checks a view object (views.open/push/update/publish, `response_action: update|push`). `expected`
 * restricts the view type (`modal` for open/push, `home` for publish).
 */
export function checkView(view: unknown, expected?: 'modal' | 'home'): LimitFailure | undefined {
  if (!isRecord(view))
    return { error: 'invalid_arguments', issues: [{ path: '/view', message: 'must be a view object' }] };
  const bytes = Buffer.byteLength(JSON.stringify(view));
  if (bytes > VIEW_LIMITS.bytes) {
    return {
      error: 'view_too_large',
      issues: [{ path: '/view', message: `must be at most 250 kB (got ${bytes} bytes)` }],
    };
  }
  const out: Issues = [];
  const type = view.type;
  if (type !== 'modal' && type !== 'home') out.push({ path: '/view/type', message: 'must be modal or home' });
  else if (expected && type !== expected)
    out.push({ path: '/view/type', message: `must be ${expected} here` });
  if (type === 'modal') checkModalTexts(view, out);
  checkString(view.private_metadata, '/view/private_metadata', out, { max: VIEW_LIMITS.privateMetadata });
  checkString(view.callback_id, '/view/callback_id', out, { max: VIEW_LIMITS.callbackId });
  checkString(view.external_id, '/view/external_id', out, { max: VIEW_LIMITS.externalId });
  if (view.blocks === undefined) out.push({ path: '/view/blocks', message: 'is required' });
  const surface: Surface = type === 'home' ? 'home' : 'modal';
  checkBlocks(view.blocks, '/view/blocks', out, surface);
  return out.length > 0 ? { error: 'invalid_arguments', issues: out } : undefined;
}

function checkModalTexts(view: Record<string, unknown>, out: Issues): void {
  const rule = { max: VIEW_LIMITS.title, plainOnly: true };
  checkText(view.title, '/view/title', out, { ...rule, required: true });
  checkText(view.submit, '/view/submit', out, { ...rule, required: hasInputBlock(view) });
  checkText(view.close, '/view/close', out, rule);
  if (view.submit === undefined && hasInputBlock(view))
    out.push({ path: '/view/submit', message: 'is required when the view has an input block' });
}
