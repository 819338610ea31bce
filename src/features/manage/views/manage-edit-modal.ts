/**
 * The `/vpcep edit` modal in every state: loading, the form (prefilled; port mappings read-only, as in
 * the console), saving, the result, and a problem (not found, not allowed, cloud error). The values
 * shown travel in `private_metadata`, so the save can send only what changed.
 */
import type { ModalView } from '@slack/types';
import { z } from 'zod';
import { cloudUuidSchema } from '../../../cloud/cloud-ids.js';
import type { EndpointService } from '../../../cloud/types.js';
import { DESCRIPTION_MAX, NAME_MAX } from '../../../domain/endpoint-service-spec.js';
import { clip, code, escapeMrkdwn } from '../../../domain/mrkdwn.js';
import { portMappingLines } from '../../../domain/port-mapping-text.js';
import { MAX_PORT_MAPPINGS } from '../../../domain/port-mappings.js';
import type { OtcProject } from '../../../platform/config/config-types.js';
import type { EditableValues, EditField, EditTarget } from '../usecases/edit-service.js';
import { sandboxBlocks, section } from './manage-format.js';
import {
  EDIT_APPROVAL_ACTION,
  EDIT_APPROVAL_BLOCK,
  EDIT_DESCRIPTION_ACTION,
  EDIT_DESCRIPTION_BLOCK,
  EDIT_NAME_ACTION,
  EDIT_NAME_BLOCK,
  EDIT_VIEW_CALLBACK,
} from './manage-ids.js';

const TITLE = { type: 'plain_text', text: 'Edit endpoint service' } as const;

export const editMetadataSchema = z.object({
  p: z.string().min(1),
  s: cloudUuidSchema('endpoint service'),
  o: z.object({ n: z.string().optional(), d: z.string().optional(), a: z.boolean() }),
});

export function encodeEditTarget(target: EditTarget): string {
  const { name, description, approvalEnabled } = target.original;
  return JSON.stringify({
    p: target.projectId,
    s: target.serviceId,
    o: { ...(name ? { n: name } : {}), ...(description ? { d: description } : {}), a: approvalEnabled },
  });
}

export function decodeEditTarget(metadata: string): EditTarget {
  const m = editMetadataSchema.parse(JSON.parse(metadata));
  return {
    projectId: m.p,
    serviceId: m.s,
    original: { name: m.o.n, description: m.o.d, approvalEnabled: m.o.a },
  };
}

const stateSchema = z.object({
  [EDIT_NAME_BLOCK]: z.object({ [EDIT_NAME_ACTION]: z.object({ value: z.string().nullish() }) }),
  [EDIT_DESCRIPTION_BLOCK]: z.object({
    [EDIT_DESCRIPTION_ACTION]: z.object({ value: z.string().nullish() }),
  }),
  [EDIT_APPROVAL_BLOCK]: z.object({
    [EDIT_APPROVAL_ACTION]: z.object({
      selected_option: z.object({ value: z.enum(['on', 'off']) }).nullish(),
    }),
  }),
});

/** The submitted values from `view.state.values`; an unanswered approval keeps the original. */
export function readEditValues(values: unknown, original: EditableValues): EditableValues {
  const state = stateSchema.parse(values);
  const approval = state[EDIT_APPROVAL_BLOCK][EDIT_APPROVAL_ACTION].selected_option?.value;
  return {
    name: state[EDIT_NAME_BLOCK][EDIT_NAME_ACTION].value ?? undefined,
    description: state[EDIT_DESCRIPTION_BLOCK][EDIT_DESCRIPTION_ACTION].value ?? undefined,
    approvalEnabled: approval === undefined ? original.approvalEnabled : approval === 'on',
  };
}

/**
 * The submitted modal: what it was opened for and the values typed; undefined when either cannot be
 * read (an old or foreign view), so the caller can still answer Slack in time.
 */
export function readEditSubmission(view: {
  readonly private_metadata?: string;
  readonly state?: { readonly values?: unknown };
}): { target: EditTarget; submitted: EditableValues } | undefined {
  try {
    const target = decodeEditTarget(view.private_metadata ?? '');
    return { target, submitted: readEditValues(view.state?.values, target.original) };
  } catch {
    return undefined;
  }
}

/** Inline errors keyed by the input blocks. */
export function editErrors(problems: Partial<Record<EditField, string>>): Record<string, string> {
  const blocks: Record<EditField, string> = {
    name: EDIT_NAME_BLOCK,
    description: EDIT_DESCRIPTION_BLOCK,
    approvalEnabled: EDIT_APPROVAL_BLOCK,
  };
  return Object.fromEntries(
    Object.entries(problems).map(([field, message]) => [
      blocks[field as EditField],
      clip(String(message), 1900),
    ]),
  );
}

function messageView(text: string, sandbox: boolean, extra: Partial<ModalView> = {}): ModalView {
  return {
    type: 'modal',
    callback_id: EDIT_VIEW_CALLBACK,
    title: TITLE,
    close: { type: 'plain_text', text: 'Close' },
    blocks: [section(text), ...sandboxBlocks(sandbox)],
    ...extra,
  };
}

export function editLoadingView(ref: string, sandbox: boolean): ModalView {
  return messageView(`:hourglass_flowing_sand: Loading \`${escapeMrkdwn(ref)}\`…`, sandbox);
}

export function editProblemView(message: string, sandbox: boolean): ModalView {
  return messageView(`:warning: ${message}`, sandbox);
}

/** The submitted form could not be read (an older or foreign view): nothing was changed. */
export function editUnreadableView(sandbox: boolean): ModalView {
  return editProblemView(
    'I could not read this form (it may come from an older version of the bot). Nothing was changed; run `/vpcep edit <service>` again.',
    sandbox,
  );
}

export function editSavingView(sandbox: boolean): ModalView {
  return messageView(':hourglass_flowing_sand: Saving your changes…', sandbox);
}

const FIELD_LABEL: Record<EditField, string> = {
  name: 'Name',
  description: 'Description',
  approvalEnabled: 'Connection Approval',
};

export function editResultView(
  service: EndpointService | undefined,
  fields: readonly EditField[],
  sandbox: boolean,
): ModalView {
  if (!service || fields.length === 0)
    return messageView('Nothing changed, so nothing was sent to the cloud.', sandbox);
  const changed = fields.map((f) => FIELD_LABEL[f]).join(', ');
  return messageView(
    `:white_check_mark: Saved. Changed: *${changed}*.\nThe service is now ${code(service.serviceName)}, connection approval ${service.approvalEnabled ? 'required' : 'not required'}.`,
    sandbox,
  );
}

const approvalOption = (on: boolean) =>
  on
    ? {
        text: { type: 'plain_text' as const, text: 'Required' },
        value: 'on',
        description: { type: 'plain_text' as const, text: 'Owners accept or reject each connection' },
      }
    : {
        text: { type: 'plain_text' as const, text: 'Not required' },
        value: 'off',
        description: { type: 'plain_text' as const, text: 'Connections are accepted at once' },
      };

/** The form, prefilled with the service's current values. */
export function editFormView(
  service: EndpointService,
  project: OtcProject,
  target: EditTarget,
  sandbox: boolean,
): ModalView {
  return {
    type: 'modal',
    callback_id: EDIT_VIEW_CALLBACK,
    private_metadata: encodeEditTarget(target),
    title: TITLE,
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      section(
        `${code(service.serviceName)}\nService ID ${code(service.id)} · Region ${escapeMrkdwn(project.label)}`,
      ),
      ...sandboxBlocks(sandbox),
      {
        type: 'input',
        block_id: EDIT_NAME_BLOCK,
        optional: !service.name,
        label: { type: 'plain_text', text: 'Name' },
        hint: {
          type: 'plain_text',
          text: `Up to ${NAME_MAX} letters, digits, _ or -. The cloud shows it as region.name.service_id.`,
        },
        element: {
          type: 'plain_text_input',
          action_id: EDIT_NAME_ACTION,
          max_length: NAME_MAX,
          ...(service.name ? { initial_value: service.name } : {}),
        },
      },
      {
        type: 'input',
        block_id: EDIT_DESCRIPTION_BLOCK,
        optional: true,
        label: { type: 'plain_text', text: 'Description' },
        hint: { type: 'plain_text', text: `Up to ${DESCRIPTION_MAX} characters, without < or >.` },
        element: {
          type: 'plain_text_input',
          action_id: EDIT_DESCRIPTION_ACTION,
          multiline: true,
          max_length: DESCRIPTION_MAX,
          ...(service.description ? { initial_value: service.description } : {}),
        },
      },
      {
        type: 'input',
        block_id: EDIT_APPROVAL_BLOCK,
        label: { type: 'plain_text', text: 'Connection Approval' },
        element: {
          type: 'radio_buttons',
          action_id: EDIT_APPROVAL_ACTION,
          options: [approvalOption(true), approvalOption(false)],
          initial_option: approvalOption(service.approvalEnabled),
        },
      },
      section(`*Port Mapping*\n${portMappingLines(service.ports, MAX_PORT_MAPPINGS)}`),
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: 'Port mappings cannot be changed after creation, as in the console.' },
        ],
      },
    ],
  };
}
