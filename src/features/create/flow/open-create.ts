/**
 * Opening the create flow (after the loading modal is up): who may create, then the person's draft —
 * a new one, an offer to resume an unfinished one, or its last failure with "Edit and retry" — and the
 * buttons of those screens.
 */
import { AppError, userMessageOf } from '../../../platform/errors/app-error.js';
import { attemptIdOf, attemptModel } from '../creation/attempt-model.js';
import type { CreateScreen, ProblemScreen, ResumeModel } from '../model/screen-models.js';
import { formatAttemptRef, parseAttemptRef } from '../store/create-attempts.js';
import type { Draft } from '../store/drafts.js';
import { formatDraftRef, newDraftId, parseDraftRef } from '../store/drafts.js';
import type { CreateDeps, Who } from './create-context.js';
import { assertCreator, DraftGoneError, draftIdOf, loadDraft } from './draft-access.js';
import { unfinished } from './draft-policy.js';
import { formScreen, newDraft, newDraftFormNow } from './form-screens.js';

/** Whether trying again may cure `err` (Redis or Slack away, a slow cloud). */
export function isRetryable(err: unknown): boolean {
  return err instanceof AppError && err.retryable;
}

/** A failure as a screen: the cause, and Retry when trying again may help. */
export function problemScreen(err: unknown, retryRef?: string): ProblemScreen {
  return {
    kind: 'problem',
    message: userMessageOf(err),
    ...(isRetryable(err) ? { retryRef: retryRef ?? '' } : {}),
  };
}

async function failureOf(deps: CreateDeps, draft: Draft): Promise<string | undefined> {
  if (draft.step !== 'failed' || !draft.attemptId) return undefined;
  const attempt = await deps.attempts.get({ ...draft, id: draft.attemptId });
  const error = attempt?.error;
  return error ? `${error.code ? `${error.code}: ` : ''}${error.message}` : 'the cloud gave no reason';
}

/** The offer to resume `draft` (its last failure, or the failed creation that would replace it). */
function resumeScreen(draft: Draft, extra: Pick<ResumeModel, 'failure' | 'replaceFor'>): CreateScreen {
  return {
    kind: 'resume',
    model: {
      draftRef: formatDraftRef(draft),
      revision: draft.revision,
      savedAt: draft.updatedAt,
      values: draft.values,
      labels: draft.labels,
      ...extra,
    },
  };
}

/** A draft in `review` whose review was already claimed by Create (marking it `creating` failed). */
async function reviewClaimed(deps: CreateDeps, draft: Draft): Promise<boolean> {
  if (draft.step !== 'review' || !draft.reviewId) return false;
  return (await deps.attempts.get({ ...draft, id: attemptIdOf(draft.id, draft.reviewId) })) !== undefined;
}

/** A form of a new draft, shown before the draft is saved (see `instantForm`). */
export interface InstantForm {
  readonly draft: Draft;
  readonly screen: CreateScreen;
}

/**
 * `/vpcep create` before any wait: the whole form of a new (not yet saved) draft, when the
 * configuration alone says the person may create and this process holds the VPC list fresh. The
 * command opens the modal with it; `settleInstantForm` then saves the draft, or replaces the form.
 */
export function instantForm(deps: CreateDeps, who: Who): InstantForm | undefined {
  if (!deps.permissions.canCreateNow(who.userId)) return undefined;
  const draft = newDraft(deps, who);
  const screen = newDraftFormNow(deps, draft);
  return screen ? { draft, screen } : undefined;
}

/**
 * Saves `fresh` as the person's draft, unless an unfinished draft worth resuming is there: then the
 * offer to resume it. An untouched draft simply makes way.
 */
async function claimOrResume(
  deps: CreateDeps,
  who: Who,
  fresh: Draft,
): Promise<{ saved: Draft } | { resume: CreateScreen }> {
  await assertCreator(deps, who);
  const claimed = await deps.drafts.claim(fresh);
  if ('saved' in claimed) return claimed;
  const existing = claimed.kept;
  // One whose review Create claimed has its attempt running on its own: start afresh.
  if (await reviewClaimed(deps, existing)) return { saved: await deps.drafts.replace(fresh) };
  // Where this command ran is bookkeeping, not a change: the offer shows when the draft last changed.
  const draft =
    (await deps.drafts.update(
      who,
      existing.id,
      (d) => ({
        ...d,
        ...(who.channelId ? { channelId: who.channelId } : {}),
        ...(who.responseUrl ? { responseUrl: who.responseUrl, responseUrlAt: Date.now() } : {}),
      }),
      { keepSavedAt: true },
    )) ?? existing;
  return { resume: resumeScreen(draft, { failure: await failureOf(deps, draft) }) };
}

/**
 * `/vpcep create` after the modal opened on the instant form of `shown`: undefined when it stands (its
 * draft is saved), else the screen to show instead.
 */
export async function settleInstantForm(
  deps: CreateDeps,
  who: Who,
  shown: Draft,
): Promise<CreateScreen | undefined> {
  const claimed = await claimOrResume(deps, who, shown);
  return 'resume' in claimed ? claimed.resume : undefined;
}

/** `/vpcep create` after "Loading…" (and Retry with no draft): the screen that replaces it. */
export async function openCreate(deps: CreateDeps, who: Who): Promise<CreateScreen> {
  const claimed = await claimOrResume(deps, who, newDraft(deps, who));
  return 'resume' in claimed ? claimed.resume : formScreen(deps, claimed.saved);
}

/** "Resume draft" (or "Edit and retry" on the resume screen). */
export async function resumeDraft(deps: CreateDeps, who: Who, draftRef: string): Promise<CreateScreen> {
  await assertCreator(deps, who);
  const draft = await deps.drafts.update(who, draftIdOf(who, draftRef), (d) => ({ ...d, step: 'form' }));
  if (!draft) throw new DraftGoneError();
  return formScreen(
    deps,
    draft,
    ':leftwards_arrow_with_hook: Your draft is back. Check it and press *Review*.',
  );
}

/** "Start over": the unfinished draft makes way for a new one. */
export async function startOver(deps: CreateDeps, who: Who, draftRef: string): Promise<CreateScreen> {
  await assertCreator(deps, who);
  const previous = await deps.drafts.get(who);
  const fresh = newDraft(deps, {
    ...who,
    channelId: previous?.channelId,
    ...(previous?.responseUrl ? { responseUrl: previous.responseUrl } : {}),
  });
  if (previous?.responseUrlAt) fresh.responseUrlAt = previous.responseUrlAt;
  if (previous && previous.id === draftIdOf(who, draftRef)) await deps.drafts.remove(who, previous.id);
  return formScreen(deps, await deps.drafts.replace(fresh));
}

/**
 * "Retry" after a failure: the form again (or the opening, when no draft could be read; the creation's
 * progress, when it was the progress view that Slack refused).
 */
export async function retryScreen(deps: CreateDeps, who: Who, ref: string): Promise<CreateScreen> {
  if (!ref) return openCreate(deps, who);
  if (!parseDraftRef(ref) && parseAttemptRef(ref)) return attemptScreen(deps, who, ref);
  await assertCreator(deps, who);
  return formScreen(deps, await loadDraft(deps, who, ref));
}

const EDIT_NOTICE = ':leftwards_arrow_with_hook: Edit the values and press *Review* to try again.';

/**
 * "Edit and retry" on a failed creation: its draft in the form, restored if it was replaced. A newer
 * unfinished draft in the person's slot is never overwritten silently: they choose between it and the
 * failed creation's values (`replace` is that choice).
 */
export async function editAndRetry(
  deps: CreateDeps,
  who: Who,
  attemptRef: string,
  options: { readonly replace?: boolean } = {},
): Promise<CreateScreen> {
  const ref = parseAttemptRef(attemptRef);
  if (!ref || ref.teamId !== who.teamId || ref.userId !== who.userId) throw new DraftGoneError();
  await assertCreator(deps, who);
  const attempt = await deps.attempts.get(ref);
  if (!attempt) throw new DraftGoneError();
  const slot = await deps.drafts.get(who);
  if (slot?.id === attempt.draftId && unfinished(slot)) {
    const current = await deps.drafts.update(who, slot.id, (d) => ({ ...d, step: 'form' }));
    if (current) return formScreen(deps, current, EDIT_NOTICE);
  }
  if (slot && slot.id !== attempt.draftId && unfinished(slot) && !options.replace) {
    return resumeScreen(slot, {
      replaceFor: { attemptRef: formatAttemptRef(attempt), name: attempt.spec.name },
    });
  }
  const now = new Date().toISOString();
  const restored = await deps.drafts.replace({
    // The draft's own id, unless that draft lives on (its next creation runs or is done).
    id: slot?.id === attempt.draftId ? newDraftId() : attempt.draftId,
    teamId: who.teamId,
    userId: who.userId,
    values: attempt.values,
    labels: attempt.labels,
    step: 'form',
    revision: 0,
    ...(attempt.channelId ? { channelId: attempt.channelId } : {}),
    createdAt: now,
    updatedAt: now,
  });
  return formScreen(deps, restored, EDIT_NOTICE);
}

/** The screen of an attempt (its modal after a restart, a double submit). */
export async function attemptScreen(deps: CreateDeps, who: Who, attemptRef: string): Promise<CreateScreen> {
  const ref = parseAttemptRef(attemptRef);
  const attempt = ref && ref.userId === who.userId ? await deps.attempts.get(ref) : undefined;
  if (!attempt) throw new DraftGoneError();
  return { kind: 'attempt', model: attemptModel(attempt) };
}
