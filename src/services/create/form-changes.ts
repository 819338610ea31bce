/**
 * What happens as the form is used: a change of Region, VPC or Backend Resource Type re-renders what
 * depends on it; every interaction and the closing of the modal save the draft; a submission is
 * validated against the one schema and either gets inline errors or moves on to the review.
 */
import type { DraftField } from '../../domain/endpoint-service-spec.js';
import { validateDraft } from '../../domain/endpoint-service-spec.js';
import { newDraftId } from '../../stores/drafts.js';
import type { CreateDeps, Who } from './create-context.js';
import { assertCreator, type FormReader, loadDraft, saveFormState } from './drafting.js';
import { formScreen } from './form-screens.js';
import { reviewScreens } from './review.js';
import type { CreateScreen } from './screens.js';

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
      readonly errors: Partial<Record<DraftField, string>>;
    }
  | {
      readonly kind: 'review';
      readonly screen: CreateScreen;
      /** The review with its cloud checks, when they took longer than the ack may wait. */
      readonly later?: Promise<CreateScreen | undefined>;
    };

/** "Review": saves, validates, and shows the review (or every problem inline). */
export async function submitForm(
  deps: CreateDeps,
  who: Who,
  draftRef: string,
  read: FormReader,
): Promise<FormSubmission> {
  await assertCreator(deps, who);
  const { after } = await saveFormState(deps, who, draftRef, read, 'form');
  const result = validateDraft(after.values);
  const unknownProject =
    after.values.projectId && !deps.projects.some((p) => p.projectId === after.values.projectId)
      ? { projectId: 'Choose one of the offered regions' }
      : {};
  if (!result.ok || Object.keys(unknownProject).length > 0) {
    const errors = { ...(result.ok ? {} : result.errors), ...unknownProject };
    return { kind: 'invalid', errors };
  }
  const reviewId = newDraftId();
  const reviewed = await deps.drafts.update(who, after.id, (d) => ({ ...d, step: 'review', reviewId }));
  if (!reviewed) return { kind: 'review', screen: await formScreen(deps, after) };
  return { kind: 'review', ...(await reviewScreens(deps, who, reviewed, result.spec)) };
}
