/**
 * Builds the form screen of a draft: the configured projects, the project's VPCs and the chosen VPC's
 * backend resources (from the cached catalog), and the chosen owner groups' handles. A cloud failure
 * does not hide the form: the list says why, and the form offers Retry.
 */
import { userMessageOf } from '../../errors/app-error.js';
import type { Draft } from '../../stores/drafts.js';
import { formatDraftRef, newDraftId } from '../../stores/drafts.js';
import { MAX_OWNER_GROUPS } from '../../ui/create-ids.js';
import type { CreateDeps, Who } from './create-context.js';
import { projectChoices } from './create-context.js';
import type { Choice } from './resource-catalog.js';
import type { ChoiceList, CreateScreen } from './screens.js';

async function listOf(load: () => Promise<Choice[]>, what: string): Promise<ChoiceList> {
  try {
    return { kind: 'list', choices: await load() };
  } catch (err) {
    return { kind: 'error', message: `Could not load ${what}: ${userMessageOf(err)}` };
  }
}

export async function formScreen(deps: CreateDeps, draft: Draft, notice?: string): Promise<CreateScreen> {
  const { values } = draft;
  const projectId = values.projectId;
  const project = deps.projects.find((p) => p.projectId === projectId);
  const vpcs: ChoiceList = project
    ? await listOf(() => deps.catalog.vpcs(project.projectId), `the VPCs of ${project.label}`)
    : { kind: 'waiting', reason: 'Choose a region first.' };
  const type = values.backendType ?? 'elb';
  const kind = type === 'elb' ? 'load balancers' : `${type.toUpperCase()}s`;
  const backends: ChoiceList =
    project && values.vpcId
      ? await listOf(
          () => deps.catalog.backends(project.projectId, values.vpcId ?? '', type),
          `the ${kind} of the VPC`,
        )
      : { kind: 'waiting', reason: `Choose a VPC to see its ${kind}.` };
  // A multi-select shows at most this many chosen options (submitting more is refused inline).
  const groups = await deps.groups.labelled((values.ownerGroups ?? []).slice(0, MAX_OWNER_GROUPS));
  return {
    kind: 'form',
    model: {
      draftRef: formatDraftRef(draft),
      revision: draft.revision,
      projects: projectChoices(deps.projects),
      values,
      labels: draft.labels,
      vpcs,
      backends,
      groups,
      notice,
    },
  };
}

/** A fresh draft: the first project, approval on, an ELB backend, the creator as owner. */
export function newDraft(deps: CreateDeps, who: Who): Draft {
  const now = new Date().toISOString();
  return {
    id: newDraftId(),
    teamId: who.teamId,
    userId: who.userId,
    values: {
      projectId: deps.projects[0]?.projectId,
      approvalEnabled: true,
      backendType: 'elb',
      ownerUsers: [who.userId],
    },
    labels: {},
    step: 'form',
    revision: 0,
    ...(who.channelId ? { channelId: who.channelId } : {}),
    ...(who.responseUrl ? { responseUrl: who.responseUrl, responseUrlAt: Date.now() } : {}),
    createdAt: now,
    updatedAt: now,
  };
}
