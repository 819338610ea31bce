/**
 * `/vpcep delete` in every state: the confirmation (shown only to the requester), deleting, cancelled,
 * and the outcome sent when the cloud is done. (The refusal while connections are active is the use
 * case's: `deleteBlockedText`.)
 */
import { z } from 'zod';
import { cloudUuidSchema } from '../../../cloud/cloud-ids.js';
import type { EndpointService } from '../../../cloud/types.js';
import { clip, code, escapeMrkdwn } from '../../../domain/mrkdwn.js';
import { portMappingsInline } from '../../../domain/port-mapping-text.js';
import type { DeletionOutcome } from '../usecases/manage-ports.js';
import { displayName, type ManageMessage, noticeMessage } from './manage-format.js';
import { DELETE_CANCEL_ACTION, DELETE_CONFIRM_ACTION } from './manage-ids.js';

/** What Delete and Cancel carry: the project and the service. */
export const deleteTargetSchema = z.object({
  p: z.string().min(1),
  s: cloudUuidSchema('endpoint service'),
  n: z.string().max(64).optional(),
});

export function deleteConfirmMessage(
  projectId: string,
  service: EndpointService,
  pending: number,
  sandbox: boolean,
): ManageMessage {
  const name = escapeMrkdwn(displayName(service));
  const value = JSON.stringify({ p: projectId, s: service.id, n: displayName(service).slice(0, 64) });
  const pendingNote = pending
    ? `\n${pending} connection request${pending === 1 ? '' : 's'} waiting for approval will be dropped.`
    : '';
  return noticeMessage(
    `:warning: *Delete \`${name}\`?* (${code(service.id)}, port mapping ${portMappingsInline(service.ports, 8)})\nThis cannot be undone: consumers can no longer connect, and the cloud removes it in 1–2 minutes.${pendingNote}`,
    sandbox,
    [
      {
        type: 'actions',
        block_id: 'manage_delete_block',
        elements: [
          {
            type: 'button',
            action_id: DELETE_CONFIRM_ACTION,
            style: 'danger',
            text: { type: 'plain_text', text: `Delete ${clip(displayName(service), 40)}` },
            value,
          },
          {
            type: 'button',
            action_id: DELETE_CANCEL_ACTION,
            text: { type: 'plain_text', text: 'Cancel' },
            value,
          },
        ],
      },
    ],
  );
}

export function deletingMessage(label: string, serviceId: string, sandbox: boolean): ManageMessage {
  return noticeMessage(
    `:hourglass_flowing_sand: Deleting \`${escapeMrkdwn(label)}\` (${code(serviceId)})… The cloud takes 1–2 minutes; I will send you a message when it is gone.`,
    sandbox,
  );
}

export function deleteCancelledMessage(sandbox: boolean): ManageMessage {
  return noticeMessage('Cancelled: nothing was deleted.', sandbox);
}

export function deletionResultMessage(
  label: string,
  serviceId: string,
  outcome: DeletionOutcome,
  sandbox: boolean,
): ManageMessage {
  return outcome.ok
    ? noticeMessage(`:wastebasket: \`${escapeMrkdwn(label)}\` (${code(serviceId)}) is deleted.`, sandbox)
    : noticeMessage(
        `:warning: Deleting \`${escapeMrkdwn(label)}\` (${code(serviceId)}) did not finish: ${outcome.problem}`,
        sandbox,
      );
}
