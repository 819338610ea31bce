/**
 * What happens as the form is used: a change of Region, VPC or Backend Resource Type re-renders what
 * depends on it; every interaction and the closing of the modal save the draft; a submission is
 * validated against the one schema and either gets inline errors or moves on to the review.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { DraftValues, EndpointServiceSpec } from '../../../domain/endpoint-service-spec.js';
import { validateDraft } from '../../../domain/endpoint-service-spec.js';
import type { CreateScreen, FormErrors, ProblemScreen } from '../model/screen-models.js';
import { type Draft, newDraftId } from '../store/drafts.js';
import type { CreateDeps, Who } from './create-context.js';
import { assertCreator, type FormReader, loadDraft, saveFormState } from './draft-access.js';
import { ACK_FORM_BUDGET_MS, formScreen } from './form-screens.js';
import { ownerErrors } from './owner-checks.js';
import type { Choice } from './resource-catalog.js';
import { reviewScreens } from './review-step.js';

/**
 * A dispatched change (Region, VPC, Backend Resource Type): saved, and the form re-rendered for it
 * (the lists that depend on it change; typed values stay).
 */
export async function changeForm(
  deps: CreateDeps,
  who: Who,
  draftRef: string,
  read: FormReader,
): Promise<CreateScreen> {
  const { after } = await saveFormState(deps, who, draftRef, read, 'form');
  return formScreen(deps, after);
}

/** The modal was closed: keep what was typed. */
export async function saveClosedForm(
  deps: CreateDeps,
  who: Who,
  draftRef: string,
  read: FormReader,
): Promise<void> {
  await saveFormState(deps, who, draftRef, read);
}

/** "Back to the form" on the review. */
export async function backToForm(deps: CreateDeps, who: Who, draftRef: string): Promise<CreateScreen> {
  const draft = await loadDraft(deps, who, draftRef);
  const current =
    draft.step === 'review'
      ? ((await deps.drafts.update(who, draft.id, (d) => ({ ...d, step: 'form' }))) ?? draft)
      : draft;
  return formScreen(deps, current);
}

export type FormSubmission =
  | {
      readonly kind: 'invalid';
      readonly errors: FormErrors;
    }
  | {
      readonly kind: 'review';
      readonly screen: CreateScreen;
      /** The review with its cloud checks, when they took longer than the ack may wait. */
      readonly later?: Promise<CreateScreen | undefined>;
    }
  | {
      /** Nothing was submitted: `problem` says why; `retryable` when trying again may cure it. */
      readonly kind: 'failed';
      readonly problem: ProblemScreen;
      readonly retryable: boolean;
    };

export const BACKEND_NOT_IN_VPC =
  'The backend must be in the chosen VPC: one backend per service, in the same VPC. Choose one of the resources listed for this VPC.';

/** How long a submission waits for a list no longer cached (the ack must come within 3 s). */
const LIST_WAIT_MS = 800;

const LIST_UNCHECKED =
  'I could not check this against the cloud’s list just now. Press Review again in a moment.';

/** The cached list, else the list loaded within `LIST_WAIT_MS` (the load goes on and fills the cache). */
async function offered(
  cached: Promise<Choice[] | undefined>,
  load: () => Promise<Choice[]>,
): Promise<Choice[] | undefined> {
  const hit = await cached;
  if (hit) return hit;
  const loading = load().catch(() => undefined);
  return Promise.race([loading, sleep(LIST_WAIT_MS).then(() => undefined)]);
}

interface ResourceCheck {
  readonly errors: FormErrors;
  /** The labels the bot offered for the chosen VPC and backend (never the request's option text). */
  readonly labels: Draft['labels'];
}

/**
 * The chosen VPC and backend against the lists the form offered: a value that was not among them is
 * refused, never created (a forged or stale submission). The region is checked by `formRuleErrors`.
 */
async function resourceCheck(deps: CreateDeps, values: DraftValues): Promise<ResourceCheck> {
  const { projectId, vpcId, portId } = values;
  if (!projectId || !vpcId || !deps.projects.some((p) => p.projectId === projectId))
    return { errors: {}, labels: {} };
  const vpcs = await offered(deps.catalog.cachedVpcs(projectId), () => deps.catalog.vpcs(projectId));
  if (!vpcs) return { errors: { vpcId: LIST_UNCHECKED }, labels: {} };
  const vpc = vpcs.find((c) => c.value === vpcId);
  if (!vpc)
    return {
      errors: { vpcId: 'Choose one of the VPCs listed for the chosen region: this one is not among them.' },
      labels: {},
    };
  if (!portId) return { errors: {}, labels: { vpc: vpc.label } };
  const type = values.backendType ?? 'elb';
  const backends = await offered(deps.catalog.cachedBackends(projectId, vpcId, type), () =>
    deps.catalog.backends(projectId, vpcId, type),
  );
  if (!backends) return { errors: { portId: LIST_UNCHECKED }, labels: { vpc: vpc.label } };
  const backend = backends.find((c) => c.value === portId);
  if (!backend) return { errors: { portId: BACKEND_NOT_IN_VPC }, labels: { vpc: vpc.label } };
  return { errors: {}, labels: { vpc: vpc.label, backend: backend.label } };
}

/** The only Service Type a tenant creates (gateway services are the cloud operator's). */
const INTERFACE: EndpointServiceSpec['serviceType'] = 'interface';

/** Rules the form adds to the schema: the one Service Type, the select limits, the configured projects. */
function formRuleErrors(deps: CreateDeps, values: DraftValues, serviceType: string | undefined): FormErrors {
  const errors: FormErrors = {};
  if (serviceType !== undefined && serviceType !== INTERFACE)
    errors.serviceType =
      'Only the Interface service type can be created; gateway services are created by the cloud operator.';
  if (values.projectId && !deps.projects.some((p) => p.projectId === values.projectId))
    errors.projectId = 'Choose one of the offered regions';
  return errors;
}

/** "Review": saves, validates, and shows the review (or every problem inline). */
export async function submitForm(
  deps: CreateDeps,
  who: Who,
  draftRef: string,
  read: FormReader,
): Promise<FormSubmission> {
  await assertCreator(deps, who, { inAck: true });
  const { after, serviceType } = await saveFormState(deps, who, draftRef, read, 'form');
  const result = validateDraft(after.values);
  // The lists and Slack's directory are asked together: the ack must come within 3 s.
  const [resources, owners] = await Promise.all([
    resourceCheck(deps, after.values),
    ownerErrors(deps.directory, deps.groups, after.values),
  ]);
  const errors: FormErrors = {
    ...resources.errors,
    ...owners,
    ...(result.ok ? {} : result.errors),
    ...formRuleErrors(deps, after.values, serviceType),
  };
  if (!result.ok || Object.keys(errors).length > 0) return { kind: 'invalid', errors };
  const reviewId = newDraftId();
  // The review and every message after it show the labels the bot offered, never the request's.
  const labels = resources.labels;
  const reviewed = await deps.drafts.update(who, after.id, (d) => ({
    ...d,
    step: 'review',
    reviewId,
    labels,
  }));
  if (!reviewed)
    return {
      kind: 'review',
      screen: await formScreen(deps, after, undefined, { budgetMs: ACK_FORM_BUDGET_MS }),
    };
  return { kind: 'review', ...(await reviewScreens(deps, who, reviewed, result.spec)) };
}
