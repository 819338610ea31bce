/**
 * Inline errors of the create form (`response_action: errors`): every invalid field's message on its
 * own input block. A field without an input of its own on this form (the region, when there is only
 * one) shows on the nearest input that decides it.
 */
import type { ViewErrorsResponseAction } from '@slack/bolt';
import { clip } from '../../../domain/mrkdwn.js';
import type { FormField } from '../model/screen-models.js';
import { BACKEND_BLOCK_PREFIX, CREATE_BLOCK, VPC_BLOCK_PREFIX, vpcBlockId } from './create-ids.js';

/** Slack shows at most this many characters of an inline error. */
const ERROR_MAX = 2000;

/**
 * The input block of each draft field on the form as shown (`inputBlockIds`: the view's input blocks;
 * the VPC and backend blocks are found by their prefix, since their ids name what they were rendered for).
 */
export function fieldBlockIds(inputBlockIds: readonly string[]): Record<FormField, string> {
  const vpc = inputBlockIds.find((id) => id.startsWith(VPC_BLOCK_PREFIX)) ?? vpcBlockId(undefined);
  const backend = inputBlockIds.find((id) => id.startsWith(BACKEND_BLOCK_PREFIX)) ?? vpc;
  return {
    projectId: inputBlockIds.includes(CREATE_BLOCK.region) ? CREATE_BLOCK.region : vpc,
    name: CREATE_BLOCK.name,
    serviceType: inputBlockIds.includes(CREATE_BLOCK.serviceType) ? CREATE_BLOCK.serviceType : vpc,
    vpcId: vpc,
    approvalEnabled: CREATE_BLOCK.approval,
    backendType: CREATE_BLOCK.backendType,
    portId: backend,
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
  errors: Partial<Record<FormField, string>>,
  inputBlockIds: readonly string[],
): ViewErrorsResponseAction {
  const blocks = fieldBlockIds(inputBlockIds);
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors) as [FormField, string | undefined][]) {
    if (!message) continue;
    const blockId = blocks[field];
    out[blockId] = clip(out[blockId] ? `${out[blockId]}\n${message}` : message, ERROR_MAX);
  }
  return { response_action: 'errors', errors: out };
}
