/**
 * Inline errors of the create form (`response_action: errors`): every invalid field's message on its
 * own input block. A field without an input of its own on this form (the region, when there is only
 * one) shows on the nearest input that decides it.
 */
import type { ViewErrorsResponseAction } from '@slack/bolt';
import type { DraftField, DraftValues } from '../domain/endpoint-service-spec.js';
import { backendBlockId, CREATE_BLOCK, vpcBlockId } from './create-ids.js';

/** Slack shows at most this many characters of an inline error. */
const ERROR_MAX = 2000;

/** The input block of each draft field, on a form rendered for `values`. */
export function fieldBlockIds(
  values: DraftValues,
  options: { severalProjects: boolean },
): Record<DraftField, string> {
  const vpc = vpcBlockId(values.projectId);
  return {
    projectId: options.severalProjects ? CREATE_BLOCK.region : vpc,
    name: CREATE_BLOCK.name,
    vpcId: vpc,
    approvalEnabled: CREATE_BLOCK.approval,
    backendType: CREATE_BLOCK.backendType,
    portId: backendBlockId(values.backendType ?? 'elb', values.vpcId),
    portsText: CREATE_BLOCK.ports,
    tagsText: CREATE_BLOCK.tags,
    description: CREATE_BLOCK.description,
    ownerUsers: CREATE_BLOCK.owners,
    ownerGroups: CREATE_BLOCK.ownerGroups,
    approvalChannel: CREATE_BLOCK.approvalChannel,
    whitelistText: CREATE_BLOCK.whitelist,
  };
}

/** The errors ack for field messages; messages of fields sharing a block are joined. */
export function formErrorsAck(
  errors: Partial<Record<DraftField, string>>,
  values: DraftValues,
  options: { severalProjects: boolean },
): ViewErrorsResponseAction {
  const blocks = fieldBlockIds(values, options);
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors) as [DraftField, string | undefined][]) {
    if (!message) continue;
    const blockId = blocks[field];
    out[blockId] = (out[blockId] ? `${out[blockId]}\n${message}` : message).slice(0, ERROR_MAX);
  }
  return { response_action: 'errors', errors: out };
}
