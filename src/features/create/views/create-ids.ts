/**
 * Ids the `/vpcep create` views share with their listeners: callback_ids, block_ids and action_ids.
 * Inputs keep the same block_id and action_id across re-renders so Slack keeps what the user typed;
 * the VPC block's id names the project and the backend resource block's id names the backend type and
 * VPC, so changing what they depend on starts them afresh instead of keeping a stale choice.
 */
import {
  BACKEND_TYPES,
  type BackendType,
  type EndpointServiceSpec,
} from '../../../domain/endpoint-service-spec.js';

export const CREATE_VIEW = {
  loading: 'create_loading_view',
  form: 'create_form_view',
  review: 'create_review_view',
  progress: 'create_progress_view',
  notice: 'create_notice_view',
} as const;

/** Input blocks of the form, one per field of the console page (plus owners, channel, whitelist). */
export const CREATE_BLOCK = {
  region: 'create_region_block',
  name: 'create_name_block',
  serviceType: 'create_service_type_block',
  approval: 'create_approval_block',
  backendType: 'create_backend_type_block',
  ports: 'create_ports_block',
  tags: 'create_tags_block',
  description: 'create_description_block',
  owners: 'create_owners_block',
  ownerGroups: 'create_owner_groups_block',
  approvalChannel: 'create_approval_channel_block',
  whitelist: 'create_whitelist_block',
} as const;

/** The Service Type option's value: the only type a tenant creates. */
export const SERVICE_TYPE_INTERFACE: EndpointServiceSpec['serviceType'] = 'interface';

/** Prefix of the VPC block; see `vpcBlockId`. */
export const VPC_BLOCK_PREFIX = 'create_vpc_';

/** Prefix of the backend resource block (Load Balancer / ECS / BMS); see `backendBlockId`. */
export const BACKEND_BLOCK_PREFIX = 'create_resource_';

export const CREATE_ACTION = {
  region: 'create_region_action',
  name: 'create_name_action',
  serviceType: 'create_service_type_action',
  vpc: 'create_vpc_action',
  approval: 'create_approval_action',
  backendType: 'create_backend_type_action',
  backend: 'create_backend_action',
  ports: 'create_ports_action',
  tags: 'create_tags_action',
  description: 'create_description_action',
  owners: 'create_owners_action',
  ownerGroups: 'create_owner_groups_action',
  approvalChannel: 'create_approval_channel_action',
  whitelist: 'create_whitelist_action',
  /** Buttons. */
  retry: 'create_retry_action',
  resume: 'create_resume_action',
  startOver: 'create_start_over_action',
  back: 'create_back_action',
  editRetry: 'create_edit_retry_action',
  /** On the choice "Edit and retry" offers when a newer draft exists: replace it. */
  editRetryReplace: 'create_edit_retry_replace_action',
} as const;

/** The block_id of the backend resource select for a backend type in a VPC (≤ 255 characters). */
export function backendBlockId(backendType: string, vpcId: string | undefined): string {
  return `${BACKEND_BLOCK_PREFIX}${backendType}_${vpcId ?? 'none'}`.slice(0, 255);
}

/** The block_id of the VPC select of a project. */
export function vpcBlockId(projectId: string | undefined): string {
  return `${VPC_BLOCK_PREFIX}${projectId ?? 'none'}`.slice(0, 255);
}

/** The project a VPC select's block_id names (see `vpcBlockId`), if it is one. */
export function projectOfVpcBlock(blockId: string): string | undefined {
  return blockId.startsWith(VPC_BLOCK_PREFIX) ? blockId.slice(VPC_BLOCK_PREFIX.length) : undefined;
}

/** The backend type and VPC a backend select's block_id names (see `backendBlockId`), if it is one. */
export function backendOfBlock(blockId: string): { type: BackendType; vpcId: string } | undefined {
  if (!blockId.startsWith(BACKEND_BLOCK_PREFIX)) return undefined;
  const rest = blockId.slice(BACKEND_BLOCK_PREFIX.length);
  const cut = rest.indexOf('_');
  const type = rest.slice(0, cut) as BackendType;
  const vpcId = rest.slice(cut + 1);
  return cut > 0 && BACKEND_TYPES.includes(type) && vpcId && vpcId !== 'none' ? { type, vpcId } : undefined;
}
