/**
 * Reading and saving the draft a view belongs to. The person is always the one Slack says acts (by
 * immutable user ID); the view only names which of their drafts (its key). A view of a replaced or
 * expired draft gets a clear "this draft no longer exists".
 */
import { applyDraftChange } from '../../domain/create-draft.js';
import type { BackendType, DraftValues } from '../../domain/endpoint-service-spec.js';
import { AppError, ForbiddenError } from '../../errors/app-error.js';
import { type Draft, type DraftStep, parseDraftRef } from '../../stores/drafts.js';
import { type CreateDeps, DRAFT_GONE, NOT_A_CREATOR, type Who } from './create-context.js';

export class DraftGoneError extends AppError {
  constructor() {
    super('CREATE_DRAFT_GONE', 'the draft of this view no longer exists', { userMessage: DRAFT_GONE });
  }
}

/** What the form rendered its dependent inputs for. */
export interface FormContext {
  readonly projectId: string | undefined;
  readonly vpcId: string | undefined;
  readonly backendType: BackendType | undefined;
}

/** The change a view's state makes, read for the draft's current context (see `ui/create-form-state`). */
export type FormReader = (context: FormContext) => {
  readonly change: Partial<DraftValues>;
  readonly labels: { vpc?: string; backend?: string };
};

export async function assertCreator(deps: CreateDeps, who: Who): Promise<void> {
  if (!(await deps.permissions.canCreate(who.userId))) throw new ForbiddenError(NOT_A_CREATOR);
}

/** The draft id a view names, when it is one of `who`'s drafts. */
export function draftIdOf(who: Who, draftRef: string): string {
  const ref = parseDraftRef(draftRef);
  if (!ref || ref.teamId !== who.teamId || ref.userId !== who.userId) throw new DraftGoneError();
  return ref.draftId;
}

export async function loadDraft(deps: CreateDeps, who: Who, draftRef: string): Promise<Draft> {
  const draftId = draftIdOf(who, draftRef);
  const draft = await deps.drafts.get(who);
  if (!draft || draft.id !== draftId) throw new DraftGoneError();
  return draft;
}

function contextOf(draft: Draft): FormContext {
  return {
    projectId: draft.values.projectId,
    vpcId: draft.values.vpcId,
    backendType: draft.values.backendType,
  };
}

/** The draft with the view's values applied (dependents cleared when what they depend on changed). */
export function withFormState(draft: Draft, read: FormReader, step?: DraftStep): Draft {
  const { change, labels } = read(contextOf(draft));
  const values = applyDraftChange(draft.values, change);
  const vpcLabel = values.vpcId === draft.values.vpcId ? (labels.vpc ?? draft.labels.vpc) : labels.vpc;
  const backendLabel =
    values.portId === draft.values.portId ? (labels.backend ?? draft.labels.backend) : labels.backend;
  return {
    ...draft,
    values,
    labels: {
      ...(values.vpcId && vpcLabel ? { vpc: vpcLabel } : {}),
      ...(values.portId && backendLabel ? { backend: backendLabel } : {}),
    },
    step: step ?? (draft.step === 'review' ? 'form' : draft.step),
  };
}

/** Saves the view's values into the draft; returns the draft before and after. */
export async function saveFormState(
  deps: CreateDeps,
  who: Who,
  draftRef: string,
  read: FormReader,
  step?: DraftStep,
): Promise<{ before: Draft; after: Draft }> {
  const draftId = draftIdOf(who, draftRef);
  let before: Draft | undefined;
  const after = await deps.drafts.update(who, draftId, (draft) => {
    before = draft;
    return withFormState(draft, read, step);
  });
  if (!after || !before) throw new DraftGoneError();
  return { before, after };
}
