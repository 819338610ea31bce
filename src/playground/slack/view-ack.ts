/**
 * What Slack does with the HTTP body a bot returns for a `view_submission`: pure checks of
 * `response_action` (`errors` keyed by input block ids, `update`/`push` views that pass the limits).
 */
import { checkView } from './block-kit-limits.js';
import { isRecord } from './block-kit-text.js';
import type { LimitIssue } from './emulator-types.js';

/** Block ids of the `input` blocks of a view: the only keys Slack accepts in `response_action: errors`. */
export function inputBlockIds(view: unknown): Set<string> {
  const ids = new Set<string>();
  if (!isRecord(view) || !Array.isArray(view.blocks)) return ids;
  for (const block of view.blocks) {
    if (isRecord(block) && block.type === 'input' && typeof block.block_id === 'string')
      ids.add(block.block_id);
  }
  return ids;
}

/**
 * Checks a view_submission ack body against the submitted `view`. Returns the issues Slack would refuse
 * the ack for (empty: accepted). An empty body, `''` or `{}` closes the view and is always fine.
 */
export function checkViewErrorsResponse(view: unknown, ackBody: unknown): LimitIssue[] {
  if (ackBody === undefined || ackBody === null || ackBody === '') return [];
  if (!isRecord(ackBody)) return [{ path: '/', message: 'ack body must be empty or a JSON object' }];
  const action = ackBody.response_action;
  if (action === undefined || action === 'clear') return [];
  if (action === 'update' || action === 'push') return [...(checkView(ackBody.view, 'modal')?.issues ?? [])];
  if (action !== 'errors')
    return [{ path: '/response_action', message: `unknown response_action: ${String(action)}` }];
  if (!isRecord(ackBody.errors) || Object.keys(ackBody.errors).length === 0)
    return [{ path: '/errors', message: 'must be a non-empty object of block_id → message' }];
  const inputs = inputBlockIds(view);
  const issues: LimitIssue[] = [];
  for (const [blockId, message] of Object.entries(ackBody.errors)) {
    if (!inputs.has(blockId))
      issues.push({
        path: `/errors/${blockId}`,
        message: `${blockId} is not the block_id of an input block in this view`,
      });
    if (typeof message !== 'string' || message.length === 0)
      issues.push({ path: `/errors/${blockId}`, message: 'must be a non-empty string' });
  }
  return issues;
}
