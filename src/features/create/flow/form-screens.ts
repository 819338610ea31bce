/**
 * Builds the form screen of a draft: the configured projects, the project's VPCs and the chosen VPC's
 * backend resources (from the cached catalog), and the chosen owner groups' handles. A cloud failure
 * does not hide the form: the list says why, and the form offers Retry.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { BackendType } from '../../../domain/endpoint-service-spec.js';
import { MAX_OWNER_GROUPS } from '../../../domain/owner-limits.js';
import { isSlackIdOf } from '../../../domain/slack-ids.js';
import { userMessageOf } from '../../../platform/errors/app-error.js';
import type { ChoiceList, CreateScreen } from '../model/screen-models.js';
import type { Draft } from '../store/drafts.js';
import { formatDraftRef, newDraftId } from '../store/drafts.js';
import type { CreateDeps, Who } from './create-context.js';
import { projectChoices } from './create-context.js';
import { newDraftValues } from './draft-policy.js';
import type { Choice } from './resource-catalog.js';

/** How long a form shown in an ack (a submission's answer) may wait for the cloud's lists. */
export const ACK_FORM_BUDGET_MS = 1500;

/**
 * A list, or why there is none. Past `deadline` the list counts as late (the form offers Retry; the
 * load goes on and fills the cache, so Retry is quick).
 */
async function listOf(load: () => Promise<Choice[]>, what: string, deadline?: number): Promise<ChoiceList> {
  const loading = load().then(
    (choices): ChoiceList => ({ kind: 'list', choices }),
    (err: unknown): ChoiceList => ({
      kind: 'error',
      message: `Could not load ${what}: ${userMessageOf(err)}`,
    }),
  );
  if (deadline === undefined) return loading;
  const late = sleep(Math.max(0, deadline - Date.now())).then(
    (): ChoiceList => ({
      kind: 'error',
      message: `The cloud is slow to list ${what}. Press Retry in a moment.`,
    }),
  );
  return Promise.race([loading, late]);
}

const WAITING_FOR_REGION: ChoiceList = { kind: 'waiting', reason: 'Choose a region first.' };

const backendKind = (type: BackendType) => (type === 'elb' ? 'load balancers' : `${type.toUpperCase()}s`);

function waitingForVpc(type: BackendType): ChoiceList {
  return { kind: 'waiting', reason: `Choose a VPC to see its ${backendKind(type)}.` };
}

/** The form of `draft`; `budgetMs` bounds the wait for the cloud's lists (an ack path). */
export async function formScreen(
  deps: CreateDeps,
  draft: Draft,
  notice?: string,
  options: { readonly budgetMs?: number } = {},
): Promise<CreateScreen> {
  const deadline = options.budgetMs === undefined ? undefined : Date.now() + options.budgetMs;
  const { values } = draft;
  // Asked alongside the cloud's lists (bounded on its own). A multi-select shows at most this many
  // chosen options; submitting more is refused inline. A forged ID is refused too, and never shown.
  const chosenGroups = (values.ownerGroups ?? []).filter((g) => isSlackIdOf(g, 'S'));
  const groupsLabelled = deps.groups.labelled(chosenGroups.slice(0, MAX_OWNER_GROUPS));
  const projectId = values.projectId;
  const project = deps.projects.find((p) => p.projectId === projectId);
  const type = values.backendType ?? 'elb';
  const kind = backendKind(type);
  const [vpcs, backends] = await Promise.all([
    project
      ? listOf(() => deps.catalog.vpcs(project.projectId), `the VPCs of ${project.label}`, deadline)
      : WAITING_FOR_REGION,
    project && values.vpcId
      ? listOf(
          () => deps.catalog.backends(project.projectId, values.vpcId ?? '', type),
          `the ${kind} of the VPC`,
          deadline,
        )
      : waitingForVpc(type),
  ]);
  return formOf(deps, draft, { vpcs, backends, groups: await groupsLabelled }, notice);
}

function formOf(
  deps: CreateDeps,
  draft: Draft,
  lists: { vpcs: ChoiceList; backends: ChoiceList; groups: readonly Choice[] },
  notice?: string,
): CreateScreen {
  return {
    kind: 'form',
    model: {
      draftRef: formatDraftRef(draft),
      revision: draft.revision,
      projects: projectChoices(deps.projects),
      values: draft.values,
      labels: draft.labels,
      ...lists,
      notice,
    },
  };
}

/**
 * The form of a new draft with no wait at all: the first project's VPCs as this process holds them.
 * Undefined when it holds none fresh (the form then loads after `views.open`).
 */
export function newDraftFormNow(deps: CreateDeps, draft: Draft): CreateScreen | undefined {
  const project = deps.projects.find((p) => p.projectId === draft.values.projectId);
  const vpcs = project ? deps.catalog.freshVpcs(project.projectId) : undefined;
  if (project && !vpcs) return undefined;
  return formOf(deps, draft, {
    vpcs: vpcs ? { kind: 'list', choices: vpcs } : WAITING_FOR_REGION,
    backends: waitingForVpc(draft.values.backendType ?? 'elb'),
    groups: [],
  });
}

/** A fresh draft (see `newDraftValues`), where the command ran. */
export function newDraft(deps: CreateDeps, who: Who): Draft {
  const now = new Date().toISOString();
  return {
    id: newDraftId(),
    teamId: who.teamId,
    userId: who.userId,
    values: newDraftValues(deps.projects, who.userId),
    labels: {},
    step: 'form',
    revision: 0,
    ...(who.channelId ? { channelId: who.channelId } : {}),
    ...(who.responseUrl ? { responseUrl: who.responseUrl, responseUrlAt: Date.now() } : {}),
    createdAt: now,
    updatedAt: now,
  };
}
