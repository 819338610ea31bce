/**
 * The review step and the Create that ends it. The review's cloud checks (quota, the backend's
 * security groups, the backend still in the VPC) run while the submission is acked: if they answer
 * within the budget the review comes complete, otherwise it shows "checking…" and is filled in by an
 * update. Create claims the review once (a compare-and-set in Redis) and hands the attempt to the
 * runner; a double submit, a Slack retry or another replica finds the claim and shows its progress.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { EndpointServiceSpec } from '../../../domain/endpoint-service-spec.js';
import { validateDraft } from '../../../domain/endpoint-service-spec.js';
import { userMessageOf } from '../../../platform/errors/app-error.js';
import { attemptIdOf, attemptModel } from '../creation/attempt-model.js';
import { serviceQuotaUsage } from '../model/quota-usage.js';
import type { BackendCheck, CreateScreen, QuotaCheck, ReviewModel } from '../model/screen-models.js';
import type { Attempt } from '../store/create-attempts.js';
import type { Draft } from '../store/drafts.js';
import { formatReviewRef, parseDraftRef } from '../store/drafts.js';
import type { CreateDeps, Who } from './create-context.js';
import { assertCreator, loadDraft } from './draft-access.js';
import { ACK_FORM_BUDGET_MS, formScreen } from './form-screens.js';

type Checks = Pick<ReviewModel, 'quota' | 'ingress' | 'backend'>;

async function quotaCheck(deps: CreateDeps, spec: EndpointServiceSpec): Promise<QuotaCheck> {
  try {
    const usage = await serviceQuotaUsage(deps.cloud.project(spec.projectId), deps.logger);
    return { state: usage.used >= usage.quota ? 'full' : 'ok', ...usage };
  } catch (err) {
    return { state: 'unknown', message: userMessageOf(err) };
  }
}

async function backendCheck(
  deps: CreateDeps,
  spec: EndpointServiceSpec,
  labels: Draft['labels'],
): Promise<BackendCheck> {
  try {
    const choices = await deps.catalog.backends(spec.projectId, spec.vpcId, spec.backendType);
    if (choices.some((c) => c.value === spec.portId)) return { state: 'ok' };
    return {
      state: 'gone',
      message: `The chosen backend (${labels.backend ?? spec.portId}) is not in the chosen VPC (any more). Go back and choose it again: an endpoint service needs its backend in its own VPC.`,
    };
  } catch {
    return { state: 'ok' }; // Unanswered: the cloud checks it again when creating.
  }
}

async function runChecks(
  deps: CreateDeps,
  spec: EndpointServiceSpec,
  labels: Draft['labels'],
): Promise<Checks> {
  const serverPorts = spec.ports.map((p) => p.servicePort);
  const [quota, ingress, backend] = await Promise.all([
    quotaCheck(deps, spec),
    deps.cloud
      .project(spec.projectId)
      .checkSecurityGroupIngress(spec.portId, serverPorts)
      .catch(() => 'unknown' as const),
    backendCheck(deps, spec, labels),
  ]);
  return { quota, ingress, backend };
}

/** The review of a validated draft: complete if the checks answer in time, else with what follows. */
export async function reviewScreens(
  deps: CreateDeps,
  who: Who,
  draft: Draft,
  spec: EndpointServiceSpec,
): Promise<{ screen: CreateScreen; later?: Promise<CreateScreen | undefined> }> {
  const project = deps.projects.find((p) => p.projectId === spec.projectId);
  // One budget for the checks and the group labels together, so the ack stays well inside 3 s.
  const deadline = Date.now() + deps.reviewBudgetMs;
  const checks = runChecks(deps, spec, draft.labels);
  const base: ReviewModel = {
    draftRef: formatReviewRef(draft),
    revision: draft.revision,
    region: project?.region ?? '',
    projectLabel: project?.label ?? spec.projectId,
    spec,
    labels: draft.labels,
    groups: await deps.groups.labelled(spec.owners.groups),
    quota: { state: 'checking' },
    ingress: 'checking',
    backend: { state: 'checking' },
  };
  const inTime = await Promise.race([
    checks,
    sleep(Math.max(0, deadline - Date.now())).then(() => undefined),
  ]);
  if (inTime) return { screen: { kind: 'review', model: { ...base, ...inTime } } };
  const later = checks.then(async (done): Promise<CreateScreen | undefined> => {
    // Only while this review is still the one on screen: nobody saved the draft since (the ack's view
    // has no hash we could send, so the draft's revision guards the update).
    // Create may already have been pressed on the "checking" review: then its progress is on screen.
    const current = await deps.drafts.get(who).catch(() => undefined);
    if (current?.id !== draft.id || current.revision !== draft.revision || current.step !== 'review')
      return undefined;
    const claimed = await deps.attempts
      .get({ ...who, id: attemptIdOf(draft.id, draft.reviewId) })
      .catch(() => undefined);
    if (claimed) return undefined;
    return { kind: 'review', model: { ...base, ...done } };
  });
  return { screen: { kind: 'review', model: base }, later };
}

function newAttempt(
  deps: CreateDeps,
  draft: Draft,
  spec: EndpointServiceSpec,
  viewId: string | undefined,
): Attempt {
  const now = new Date().toISOString();
  const region = deps.projects.find((p) => p.projectId === spec.projectId)?.region ?? '';
  return {
    id: attemptIdOf(draft.id, draft.reviewId),
    teamId: draft.teamId,
    userId: draft.userId,
    draftId: draft.id,
    draftRevision: draft.revision,
    region,
    spec: {
      projectId: spec.projectId,
      ...(spec.name ? { name: spec.name } : {}),
      vpcId: spec.vpcId,
      serviceType: 'interface',
      approvalEnabled: spec.approvalEnabled,
      backendType: spec.backendType,
      portId: spec.portId,
      ports: spec.ports.map((p) => ({ ...p })),
      tags: spec.tags.map((t) => ({ ...t })),
      ...(spec.description ? { description: spec.description } : {}),
      owners: { users: [...spec.owners.users], groups: [...spec.owners.groups] },
      ...(spec.approvalChannel ? { approvalChannel: spec.approvalChannel } : {}),
      whitelist: [...spec.whitelist],
    },
    values: draft.values,
    labels: draft.labels,
    ...(draft.channelId ? { channelId: draft.channelId } : {}),
    ...(draft.responseUrl ? { responseUrl: draft.responseUrl, responseUrlAt: draft.responseUrlAt } : {}),
    ...(viewId ? { viewId } : {}),
    state: 'pending',
    sent: false,
    notified: {},
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * "Create": claims the review once and starts the creation at once; any later submit shows its
 * progress. The review the view shows is the one claimed (its id is in the view's key), so an old
 * review view never creates a newer draft's values.
 */
export async function submitReview(
  deps: CreateDeps,
  who: Who,
  draftRef: string,
  viewId: string | undefined,
): Promise<CreateScreen> {
  await assertCreator(deps, who, { inAck: true });
  const draft = await loadDraft(deps, who, draftRef);
  const reviewId = parseDraftRef(draftRef)?.reviewId ?? draft.reviewId;
  const claimedId = attemptIdOf(draft.id, reviewId);
  if (draft.step !== 'review' || draft.reviewId !== reviewId) {
    const attempt = await deps.attempts.get({ ...who, id: claimedId });
    if (attempt) return { kind: 'attempt', model: attemptModel(attempt) };
    return formScreen(
      deps,
      draft,
      ':warning: The draft changed since this review. Check it and press *Review* again.',
      { budgetMs: ACK_FORM_BUDGET_MS },
    );
  }
  const result = validateDraft(draft.values);
  if (!result.ok)
    return formScreen(deps, draft, ':warning: The draft has problems. Correct them and press *Review*.', {
      budgetMs: ACK_FORM_BUDGET_MS,
    });
  const token = deps.runner.newLeaseToken();
  const claim = await deps.attempts.claim(
    newAttempt(deps, draft, result.spec, viewId),
    token,
    deps.runner.leaseMs,
  );
  if (!claim.claimed) {
    if (!claim.attempt) throw new Error(`attempt ${claimedId} is claimed but unreadable`);
    return { kind: 'attempt', model: attemptModel(claim.attempt) };
  }
  // Claimed: nothing may stop the creation now (the resume job would take it over anyway).
  deps.runner.start(claim.attempt, token);
  deps.logger.info(
    { attemptId: claimedId, projectId: result.spec.projectId },
    'endpoint service creation claimed',
  );
  // Bookkeeping only: the attempt itself is the truth (a draft still in `review` finds it by its id).
  await deps.drafts
    .update(who, draft.id, (d) => ({ ...d, step: 'creating', attemptId: claimedId }), { keepRevision: true })
    .catch((err: unknown) =>
      deps.logger.warn({ err, attemptId: claimedId }, 'could not mark the draft as creating'),
    );
  return { kind: 'attempt', model: attemptModel(claim.attempt) };
}
