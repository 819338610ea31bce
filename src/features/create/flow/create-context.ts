/** What the create use cases depend on, handed in by the feature (tests build the same from a real core). */

import type { Permissions } from '../../../access/permissions.js';
import type { Cloud } from '../../../cloud/index.js';
import type { OtcProject } from '../../../platform/config/config-types.js';
import type { Logger } from '../../../platform/logging/logger.js';
import type { CreationRunner } from '../creation/creation-runner.js';
import type { ProjectChoice } from '../model/screen-models.js';
import type { CreateAttempts } from '../store/create-attempts.js';
import type { DraftOwner, Drafts } from '../store/drafts.js';
import type { SlackDirectory } from './owner-checks.js';
import type { ResourceCatalog } from './resource-catalog.js';
import type { UsergroupCatalog } from './usergroup-catalog.js';

export interface CreateDeps {
  readonly cloud: Cloud;
  readonly projects: readonly OtcProject[];
  readonly permissions: Permissions;
  readonly drafts: Drafts;
  readonly attempts: CreateAttempts;
  readonly catalog: ResourceCatalog;
  readonly groups: UsergroupCatalog;
  /** Whether the users and channels a form names exist in Slack. */
  readonly directory: SlackDirectory;
  readonly runner: CreationRunner;
  readonly logger: Logger;
  /** How long a form submission may wait for the review's cloud checks before acking without them. */
  readonly reviewBudgetMs: number;
}

/** Who acts, from the Slack request (never from a view's metadata). */
export interface Who extends DraftOwner {
  /** Where `/vpcep create` ran (command only). */
  readonly channelId?: string | undefined;
  readonly responseUrl?: string | undefined;
}

export function projectChoices(projects: readonly OtcProject[]): ProjectChoice[] {
  return projects.map((p) => ({ projectId: p.projectId, label: p.label, region: p.region }));
}

export const NOT_A_CREATOR =
  'Only the people and user groups named in VPCEP_CREATORS may create endpoint services, and you are not one of them. Ask a bot admin to add you (or a user group you belong to).';

export const DRAFT_GONE =
  'This draft no longer exists: it was created, replaced by a newer one, or expired after 7 days. Run `/vpcep create` to start again.';
