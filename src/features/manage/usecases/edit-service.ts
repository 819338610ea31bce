/**
 * `/vpcep edit <service>`: owners and admins change the name, the description and the connection
 * approval. The values shown in the modal are kept with it, so a save sends exactly the fields the
 * person changed (one update call) and never overwrites what someone else changed meanwhile.
 * Validation is the create form's: the domain schema's rules and messages.
 */
import type { EndpointService, UpdateServiceInput } from '../../../cloud/types.js';
import { validateDraft } from '../../../domain/endpoint-service-spec.js';
import type { OtcProject } from '../../../platform/config/config-types.js';
import type { ManageDeps } from '../manage-deps.js';
import { auditChange } from './manage-audit.js';
import { anyError, type Refusal, refusedOr } from './manage-refusals.js';
import { findManaged, requireManage } from './manage-rights.js';
import { rememberNames } from './service-names.js';

/** The editable values, as shown and as submitted. */
export interface EditableValues {
  readonly name: string | undefined;
  readonly description: string | undefined;
  readonly approvalEnabled: boolean;
}

export interface EditTarget {
  readonly projectId: string;
  readonly serviceId: string;
  readonly original: EditableValues;
}

export type EditField = 'name' | 'description' | 'approvalEnabled';

export function editableValues(service: EndpointService): EditableValues {
  return { name: service.name, description: service.description, approvalEnabled: service.approvalEnabled };
}

export interface EditForm {
  readonly kind: 'form';
  readonly service: EndpointService;
  readonly project: OtcProject;
  readonly target: EditTarget;
}

/**
 * Finds the service and checks the right to edit it: what the form shows, and what it is opened for;
 * or why it cannot be edited (any problem, since the open modal shows it in place of the form).
 */
export function prepareEdit(deps: ManageDeps, userId: string, ref: string): Promise<EditForm | Refusal> {
  return refusedOr(async () => {
    const { projectId, service } = await findManaged(deps, userId, ref, 'edit');
    return {
      kind: 'form',
      service,
      project: deps.cloud.project(projectId).project,
      target: { projectId, serviceId: service.id, original: editableValues(service) },
    };
  }, anyError);
}

const blank = (text: string | undefined) => {
  const trimmed = (text ?? '').trim();
  return trimmed === '' ? undefined : trimmed;
};

/** One message per invalid field, from the domain's rules; empty when the values are valid. */
export function editProblems(
  original: EditableValues,
  submitted: EditableValues,
): Partial<Record<EditField, string>> {
  const result = validateDraft({ name: submitted.name ?? '', description: submitted.description ?? '' });
  const problems: Partial<Record<EditField, string>> = {};
  if (!result.ok) {
    if (result.errors.name) problems.name = result.errors.name;
    if (result.errors.description) problems.description = result.errors.description;
  }
  if (!problems.name && original.name && !blank(submitted.name))
    problems.name = `The name cannot be removed once set; keep "${original.name}" or enter another name`;
  return problems;
}

/** Only the fields that differ from what the modal showed. */
export function editChanges(original: EditableValues, submitted: EditableValues): UpdateServiceInput {
  const name = blank(submitted.name);
  const description = blank(submitted.description) ?? '';
  return {
    ...(name !== undefined && name !== original.name ? { name } : {}),
    ...(description !== (original.description ?? '') ? { description } : {}),
    ...(submitted.approvalEnabled !== original.approvalEnabled
      ? { approvalEnabled: submitted.approvalEnabled }
      : {}),
  };
}

export function changedFields(changes: UpdateServiceInput): EditField[] {
  return (['name', 'description', 'approvalEnabled'] as const).filter((f) => changes[f] !== undefined);
}

/**
 * Saves `changes` as one update call, after checking the right again (it may have changed since the
 * modal opened). Audited as `service.updated`. Any problem comes back as a refusal: the modal shows it.
 */
export function saveEdit(
  deps: ManageDeps,
  userId: string,
  target: EditTarget,
  changes: UpdateServiceInput,
): Promise<EndpointService | Refusal> {
  return refusedOr(() => updateService(deps, userId, target, changes), anyError);
}

async function updateService(
  deps: ManageDeps,
  userId: string,
  target: EditTarget,
  changes: UpdateServiceInput,
): Promise<EndpointService> {
  const label = target.original.name ?? target.serviceId;
  const record = await requireManage(
    deps,
    userId,
    { projectId: target.projectId, serviceId: target.serviceId, label },
    'edit',
  );
  const updated = await deps.cloud.project(target.projectId).updateService(target.serviceId, changes);
  await rememberNames(deps, [{ projectId: target.projectId, service: updated, record }]);
  await auditChange(deps, {
    action: 'service.updated',
    actor: userId,
    projectId: target.projectId,
    serviceId: target.serviceId,
    detail: JSON.stringify(changes),
  });
  deps.logger.info(
    { serviceId: target.serviceId, fields: changedFields(changes) },
    'endpoint service updated',
  );
  return updated;
}
