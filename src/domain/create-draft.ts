/**
 * Pure helpers of the create flow around the endpoint-service schema: how a change to a draft clears
 * what depends on it (a backend belongs to one VPC, a VPC to one project), and the short preview of
 * the Port Mapping text the form shows under the field.
 */
import type { DraftValues } from './endpoint-service-spec.js';
import { portMappingsInline } from './port-mapping-text.js';
import { parsePortMappings } from './port-mappings.js';

/**
 * The draft after `change`. A new project clears the VPC and the backend; a new VPC or backend type
 * clears the backend, because a backend resource belongs to one VPC and one type.
 */
export function applyDraftChange(previous: DraftValues, change: Partial<DraftValues>): DraftValues {
  const next: DraftValues = { ...previous, ...change };
  const changed = (field: keyof DraftValues) =>
    field in change && (change[field] ?? undefined) !== (previous[field] ?? undefined);
  // A dependent value in `change` was read from the input of the new project/VPC/type, so it stands;
  // one that is absent belonged to the old choice and goes.
  if (changed('projectId')) next.vpcId = change.vpcId;
  if (changed('projectId') || changed('vpcId') || changed('backendType')) next.portId = change.portId;
  return next;
}

const PREVIEW_MAX = 6;

/** One line under the Port Mapping field: the parsed mappings, or the first problem. */
export function portsPreview(text: string | undefined): string | undefined {
  if (!text || text.trim() === '') return undefined;
  const result = parsePortMappings(text);
  if (!result.ok) return `:warning: ${result.problems[0] ?? 'The port mappings are not valid'}`;
  const count = `${result.value.length} mapping${result.value.length === 1 ? '' : 's'}`;
  return `${count}: ${portMappingsInline(result.value, PREVIEW_MAX)}`;
}
