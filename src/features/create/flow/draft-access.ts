/**
 * Reading and saving the draft a view belongs to. The person is always the one Slack says acts (by
 * immutable user ID); the view only names which of their drafts (its key). A view of a replaced or
 * expired draft gets a clear "this draft no longer exists".
 */
import { applyDraftChange } from '../../../domain/create-draft.js';
import type { BackendType, DraftValues } from '../../../domain/endpoint-service-spec.js';
import { AppError, ForbiddenError } from '../../../platform/errors/app-error.js';
import { type CreateScreen, screenRevision } from '../model/screen-models.js';
import { type Draft, type DraftStep, parseDraftRef } from '../store/drafts.js';
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

/** What a view's state says about the draft. */
export interface FormState {
  readonly change: Partial<DraftValues>;
  /** Option texts of the chosen VPC and backend, for the review and messages. */
  readonly labels: { vpc?: string; backend?: string };
  /** The Service Type the view shows as chosen (not part of the draft: only Interface exists). */
  readonly serviceType?: string | undefined;
}

/** The change a view's state makes, read for the draft's current context (see `ui/create-form-state`). */
export type FormReader = (context: FormContext) => FormState;

/**
 * How long a request Slack waits on (a submission, an options search: answered within 3 s) may wait
 * for user group members; past it the last known members decide, and the refresh goes on.
 */
export const ACK_RIGHTS_WAIT_MS = 500;

/** Throws unless `who` may create; `inAck` bounds the wait for group members (see above). */
export async function assertCreator(
  deps: CreateDeps,
  who: Who,
  options: { inAck?: boolean } = {},
): Promise<void> {
  const allowed = await deps.permissions.canCreate(
    who.userId,
    options.inAck ? { maxWaitMs: ACK_RIGHTS_WAIT_MS } : undefined,
  );
  if (!allowed) throw new ForbiddenError(NOT_A_CREATOR);
}

/** The draft id a view names, when it is one of `who`'s drafts. */
export function draftIdOf(who: Who, draftRef: string): string {
  const ref = parseDraftRef(draftRef);
  if (!ref || ref.teamId !== who.teamId || ref.userId !== who.userId) throw new DraftGoneError();
  return ref.draftId;
}

/**
 * True when `screen` still shows the newest state of its draft: nobody saved the draft since it was
 * rendered. Asked when Slack reports that the modal changed under an update.
 */
export async function screenIsLatest(deps: CreateDeps, who: Who, screen: CreateScreen): Promise<boolean> {
  const shown = screenRevision(screen);
  const ref = shown ? parseDraftRef(shown.draftRef) : undefined;
  if (!shown || !ref || ref.teamId !== who.teamId || ref.userId !== who.userId) return false;
  const draft = await deps.drafts.get(who);
  return draft?.id === ref.draftId && draft.revision === shown.revision;
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

/** Saves the view's values into the draft; returns the draft before and after, and what was read. */
export async function saveFormState(
  deps: CreateDeps,
  who: Who,
  draftRef: string,
  read: FormReader,
  step?: DraftStep,
): Promise<{ before: Draft; after: Draft; serviceType: string | undefined }> {
  const draftId = draftIdOf(who, draftRef);
  let before: Draft | undefined;
  const after = await deps.drafts.update(who, draftId, (draft) => {
    before = draft;
    return withFormState(draft, read, step);
  });
  if (!after || !before) throw new DraftGoneError();
  return { before, after, serviceType: read(contextOf(before)).serviceType };
}
