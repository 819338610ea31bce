/**
 * What happens as the form is used: a change of Region, VPC or Backend Resource Type re-renders what
 * depends on it; every interaction and the closing of the modal save the draft; a submission is
 * validated against the one schema and either gets inline errors or moves on to the review.
 */
import type { DraftValues } from '../../domain/endpoint-service-spec.js';
import { validateDraft } from '../../domain/endpoint-service-spec.js';
import { newDraftId } from '../../stores/drafts.js';
import { MAX_OWNER_GROUPS, SERVICE_TYPE_INTERFACE } from '../../ui/create-ids.js';
import type { CreateDeps, Who } from './create-context.js';
import { assertCreator, type FormReader, loadDraft, saveFormState } from './drafting.js';
import { ACK_FORM_BUDGET_MS, formScreen } from './form-screens.js';
import { reviewScreens } from './review.js';
import type { CreateScreen, FormErrors } from './screens.js';

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
    };

export const BACKEND_NOT_IN_VPC =
  'The backend must be in the chosen VPC: one backend per service, in the same VPC. Choose one of the resources listed for this VPC.';

/**
 * The chosen VPC and backend against the lists the form offered (cached; no cloud call, since a
 * submission is answered within 3 s). A list no longer cached is checked by the review instead.
 */
async function resourceErrors(deps: CreateDeps, values: DraftValues): Promise<FormErrors> {
  const { projectId, vpcId, portId } = values;
  if (!projectId || !vpcId) return {};
  const vpcs = await deps.catalog.cachedVpcs(projectId);
  if (vpcs && !vpcs.some((c) => c.value === vpcId))
    return { vpcId: 'Choose one of the VPCs listed for the chosen region: this one is not among them.' };
  if (!portId) return {};
  const backends = await deps.catalog.cachedBackends(projectId, vpcId, values.backendType ?? 'elb');
  return backends && !backends.some((c) => c.value === portId) ? { portId: BACKEND_NOT_IN_VPC } : {};
}

/** Rules the form adds to the schema: the one Service Type, the select limits, the configured projects. */
function formRuleErrors(deps: CreateDeps, values: DraftValues, serviceType: string | undefined): FormErrors {
  const errors: FormErrors = {};
  if (serviceType !== undefined && serviceType !== SERVICE_TYPE_INTERFACE)
    errors.serviceType =
      'Only the Interface service type can be created; gateway services are created by the cloud operator.';
  if ((values.ownerGroups?.length ?? 0) > MAX_OWNER_GROUPS)
    errors.ownerGroups = `At most ${MAX_OWNER_GROUPS} owner groups; you chose ${values.ownerGroups?.length}.`;
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
  const errors: FormErrors = {
    ...(await resourceErrors(deps, after.values)),
    ...(result.ok ? {} : result.errors),
    ...formRuleErrors(deps, after.values, serviceType),
  };
  if (!result.ok || Object.keys(errors).length > 0) return { kind: 'invalid', errors };
  const reviewId = newDraftId();
  const reviewed = await deps.drafts.update(who, after.id, (d) => ({ ...d, step: 'review', reviewId }));
  if (!reviewed)
    return {
      kind: 'review',
      screen: await formScreen(deps, after, undefined, { budgetMs: ACK_FORM_BUDGET_MS }),
    };
  return { kind: 'review', ...(await reviewScreens(deps, who, reviewed, result.spec)) };
}
