/**
 * Reads the create form's `view.state.values` (as Slack sends them with a submission, an action or a
 * close) into a change of the draft, parsed with zod at the edge. Only inputs present in the state
 * change the draft; an input the user cleared clears its value. The VPC and backend blocks are read
 * for the project, VPC and type the same state names, so a stale choice never sneaks through.
 */
import { z } from 'zod';
import { BACKEND_TYPES, type BackendType, type DraftValues } from '../../../domain/endpoint-service-spec.js';
import { clip } from '../../../domain/mrkdwn.js';
import type { FormContext, FormReader, FormState } from '../flow/draft-access.js';
import { OPTION_TEXT_MAX } from '../flow/resource-catalog.js';
import { backendBlockId, CREATE_ACTION, CREATE_BLOCK, vpcBlockId } from './create-ids.js';

const optionSchema = z.object({
  value: z.string(),
  text: z.object({ text: z.string() }).optional(),
});

const stateValueSchema = z.object({
  type: z.string(),
  value: z.string().nullable().optional(),
  selected_option: optionSchema.nullable().optional(),
  selected_options: z.array(optionSchema).optional(),
  selected_users: z.array(z.string()).optional(),
  selected_conversation: z.string().nullable().optional(),
});
type StateValue = z.infer<typeof stateValueSchema>;

const stateSchema = z.record(z.string(), z.record(z.string(), z.unknown()));

function reader(values: unknown) {
  const state = stateSchema.safeParse(values);
  const blocks = state.success ? state.data : {};
  return (blockId: string, actionId: string): StateValue | undefined => {
    const parsed = stateValueSchema.safeParse(blocks[blockId]?.[actionId]);
    return parsed.success ? parsed.data : undefined;
  };
}

const textOf = (value: StateValue) => value.value ?? '';
const selectedOf = (value: StateValue) => value.selected_option?.value ?? undefined;
/**
 * The text of the chosen option as the request carries it: the bot offered at most 75 characters, so
 * anything longer was not its own. Clipped here (it re-renders in the form's `initial_option`); the
 * review replaces it with the label the bot offered, and every message escapes it.
 */
const labelOf = (value: StateValue) => {
  const text = value.selected_option?.text?.text;
  return text ? clip(text, OPTION_TEXT_MAX) : undefined;
};

/** The draft change in a form's state values. */
export function readFormState(values: unknown, current: FormContext): FormState {
  const read = reader(values);
  const change: Partial<DraftValues> = {};
  const labels: { vpc?: string; backend?: string } = {};

  const region = read(CREATE_BLOCK.region, CREATE_ACTION.region);
  if (region) change.projectId = selectedOf(region) ?? current.projectId;
  const projectId = change.projectId ?? current.projectId;

  const vpc = read(vpcBlockId(projectId), CREATE_ACTION.vpc);
  if (vpc) {
    change.vpcId = selectedOf(vpc);
    const label = labelOf(vpc);
    if (label) labels.vpc = label;
  }
  const vpcId = vpc ? change.vpcId : current.vpcId;

  const type = read(CREATE_BLOCK.backendType, CREATE_ACTION.backendType);
  const typeValue = type ? selectedOf(type) : undefined;
  if (typeValue && (BACKEND_TYPES as readonly string[]).includes(typeValue))
    change.backendType = typeValue as BackendType;
  const backendType = change.backendType ?? current.backendType ?? 'elb';

  const backend = read(backendBlockId(backendType, vpcId), CREATE_ACTION.backend);
  if (backend) {
    change.portId = selectedOf(backend);
    const label = labelOf(backend);
    if (label) labels.backend = label;
  }

  const approval = read(CREATE_BLOCK.approval, CREATE_ACTION.approval);
  const approvalValue = approval ? selectedOf(approval) : undefined;
  if (approvalValue === 'on' || approvalValue === 'off') change.approvalEnabled = approvalValue === 'on';

  const texts = [
    ['name', CREATE_BLOCK.name, CREATE_ACTION.name],
    ['portsText', CREATE_BLOCK.ports, CREATE_ACTION.ports],
    ['tagsText', CREATE_BLOCK.tags, CREATE_ACTION.tags],
    ['description', CREATE_BLOCK.description, CREATE_ACTION.description],
    ['whitelistText', CREATE_BLOCK.whitelist, CREATE_ACTION.whitelist],
  ] as const;
  for (const [field, blockId, actionId] of texts) {
    const value = read(blockId, actionId);
    if (value) change[field] = textOf(value);
  }

  const owners = read(CREATE_BLOCK.owners, CREATE_ACTION.owners);
  if (owners) change.ownerUsers = owners.selected_users ?? [];
  const groups = read(CREATE_BLOCK.ownerGroups, CREATE_ACTION.ownerGroups);
  if (groups) change.ownerGroups = (groups.selected_options ?? []).map((o) => o.value);
  const channel = read(CREATE_BLOCK.approvalChannel, CREATE_ACTION.approvalChannel);
  if (channel) change.approvalChannel = channel.selected_conversation ?? undefined;

  const serviceTypeValue = read(CREATE_BLOCK.serviceType, CREATE_ACTION.serviceType);
  const serviceType = serviceTypeValue ? (selectedOf(serviceTypeValue) ?? '') : undefined;

  return { change, labels, ...(serviceType !== undefined ? { serviceType } : {}) };
}

/** The reader of a view's state values the create use cases apply to the draft. */
export function formReader(values: unknown): FormReader {
  return (current) => readFormState(values, current);
}
