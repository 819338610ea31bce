/**
 * The Create VPC Endpoint Service page as one zod schema: from the raw values a person entered (a draft)
 * to a valid specification, or one message per field naming the rule (and the line, for ports and tags).
 * The modal's inline errors and the cloud request both come from here.
 */
import { z } from 'zod';
import { MAX_OWNER_GROUPS, MAX_OWNER_USERS } from './owner-limits.js';
import { type PortMappingLine, parsePortMappings } from './port-mappings.js';
import { isChannelId, isSlackIdOf } from './slack-ids.js';
import { parseTags, type TagLine } from './tags.js';
import { parseAccounts } from './whitelist.js';

export const BACKEND_TYPES = ['elb', 'ecs', 'bms'] as const;
export type BackendType = (typeof BACKEND_TYPES)[number];

/** The cloud's `server_type` for each backend type of the console page. BMS is deprecated by the API. */
export const SERVER_TYPE: Record<BackendType, 'LB' | 'VM' | 'BMS'> = { elb: 'LB', ecs: 'VM', bms: 'BMS' };

export const NAME_MAX = 16;
export const DESCRIPTION_MAX = 128;

/** What a draft holds: everything as entered, nothing validated yet. */
export const draftValuesSchema = z.object({
  projectId: z.string().optional(),
  name: z.string().optional(),
  vpcId: z.string().optional(),
  approvalEnabled: z.boolean().optional(),
  backendType: z.enum(BACKEND_TYPES).optional(),
  /** The chosen backend: an LB's `vip_port_id`, or a server NIC's port ID. */
  portId: z.string().optional(),
  portsText: z.string().optional(),
  tagsText: z.string().optional(),
  description: z.string().optional(),
  ownerUsers: z.array(z.string()).optional(),
  ownerGroups: z.array(z.string()).optional(),
  approvalChannel: z.string().optional(),
  whitelistText: z.string().optional(),
});
export type DraftValues = z.infer<typeof draftValuesSchema>;
export type DraftField = keyof DraftValues;

/** A valid request: what the cloud gets, plus what the bot keeps (owners, channel, whitelist). */
export interface EndpointServiceSpec {
  readonly projectId: string;
  readonly name: string | undefined;
  readonly vpcId: string;
  readonly serviceType: 'interface';
  readonly approvalEnabled: boolean;
  readonly backendType: BackendType;
  readonly portId: string;
  readonly ports: readonly PortMappingLine[];
  readonly tags: readonly TagLine[];
  readonly description: string | undefined;
  readonly owners: { readonly users: readonly string[]; readonly groups: readonly string[] };
  readonly approvalChannel: string | undefined;
  readonly whitelist: readonly string[];
}

const trimmed = (text: string | undefined) => (text ?? '').trim();

export const endpointServiceSpecSchema = draftValuesSchema.transform((draft, ctx): EndpointServiceSpec => {
  const fail = (field: DraftField, message: string) =>
    ctx.addIssue({ code: 'custom', path: [field], message });
  const name = trimmed(draft.name);
  if (name !== '' && !/^[A-Za-z0-9_-]+$/.test(name))
    fail('name', 'The name may contain only letters, digits, _ and -');
  else if (name.length > NAME_MAX)
    fail('name', `The name has ${name.length} characters; at most ${NAME_MAX}`);
  if (!draft.projectId) fail('projectId', 'Choose a region and project');
  if (!draft.vpcId) fail('vpcId', 'Choose the VPC of the backend resource');
  if (!draft.backendType) fail('backendType', 'Choose a backend resource type');
  if (!draft.portId) {
    const what = { elb: 'a load balancer', ecs: 'an ECS and its NIC', bms: 'a BMS and its NIC' }[
      draft.backendType ?? 'elb'
    ];
    fail('portId', `Choose ${what} in the chosen VPC`);
  }
  const ports = parsePortMappings(draft.portsText ?? '');
  if (!ports.ok) fail('portsText', ports.problems.join('\n'));
  const tags = parseTags(draft.tagsText ?? '');
  if (!tags.ok) fail('tagsText', tags.problems.join('\n'));
  const description = trimmed(draft.description);
  if ([...description].length > DESCRIPTION_MAX) {
    fail(
      'description',
      `The description has ${[...description].length} characters; at most ${DESCRIPTION_MAX}`,
    );
  } else if (/[<>]/.test(description)) fail('description', 'The description may not contain < or >');
  const users = [...new Set(draft.ownerUsers ?? [])];
  const groups = [...new Set(draft.ownerGroups ?? [])];
  // The values come from the request, not from the pickers: a forged one must never be kept or shown.
  if (users.some((u) => !isSlackIdOf(u, 'UW')))
    fail('ownerUsers', 'An owner is not a Slack user. Choose the owners again from the list.');
  else if (users.length > MAX_OWNER_USERS)
    fail(
      'ownerUsers',
      `At most ${MAX_OWNER_USERS} owners; you chose ${users.length}. For a larger team, name a user group.`,
    );
  if (groups.some((g) => !isSlackIdOf(g, 'S')))
    fail('ownerGroups', 'An owner group is not a Slack user group. Choose the groups again from the list.');
  else if (groups.length > MAX_OWNER_GROUPS)
    fail('ownerGroups', `At most ${MAX_OWNER_GROUPS} owner groups; you chose ${groups.length}.`);
  if (draft.approvalChannel && !isChannelId(draft.approvalChannel))
    fail('approvalChannel', 'The approval channel must be a public or private channel. Choose it again.');
  if (users.length + groups.length === 0)
    fail('ownerUsers', 'Name at least one owner (a person or a user group) to approve connections');
  const whitelist = parseAccounts(draft.whitelistText ?? '');
  if (!whitelist.ok) fail('whitelistText', whitelist.problems.join('\n'));

  return {
    projectId: draft.projectId ?? '',
    name: name === '' ? undefined : name,
    vpcId: draft.vpcId ?? '',
    serviceType: 'interface',
    approvalEnabled: draft.approvalEnabled ?? true,
    backendType: draft.backendType ?? 'elb',
    portId: draft.portId ?? '',
    ports: ports.ok ? ports.value : [],
    tags: tags.ok ? tags.value : [],
    description: description === '' ? undefined : description,
    owners: { users, groups },
    approvalChannel: draft.approvalChannel || undefined,
    whitelist: whitelist.ok ? whitelist.value : [],
  };
});

export type SpecResult =
  | { readonly ok: true; readonly spec: EndpointServiceSpec }
  | { readonly ok: false; readonly errors: Partial<Record<DraftField, string>> };

/** Validates a draft; on failure, one message per field (the first problem of each field wins). */
export function validateDraft(draft: DraftValues): SpecResult {
  const result = endpointServiceSpecSchema.safeParse(draft);
  if (result.success) return { ok: true, spec: result.data };
  const errors: Partial<Record<DraftField, string>> = {};
  for (const issue of result.error.issues) {
    const field = (issue.path[0] ?? 'projectId') as DraftField;
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/** The full name the cloud will give: `region.service_id`, or `region.name.service_id`. */
export function fullNamePattern(region: string, name: string | undefined): string {
  return name ? `${region}.${name}.<service_id>` : `${region}.<service_id>`;
}
