/**
 * The create flow's use cases, bound to their dependencies: what the listeners call. Each returns the
 * screen to show (or the submission's outcome); errors carry a message for the person.
 */
import type { CreateDeps, Who } from './create-context.js';
import { type FormReader, screenIsLatest } from './drafting.js';
import { backToForm, changeForm, type FormSubmission, saveClosedForm, submitForm } from './form-changes.js';
import {
  attemptScreen,
  editAndRetry,
  openCreate,
  resumeDraft,
  retryScreen,
  startOver,
} from './open-create.js';
import { searchOptions } from './option-search.js';
import type { Choice } from './resource-catalog.js';
import { submitReview } from './review.js';
import type { CreateScreen } from './screens.js';

export interface CreateFlow {
  readonly sandbox: boolean;
  open(who: Who): Promise<CreateScreen>;
  resume(who: Who, draftRef: string): Promise<CreateScreen>;
  startOver(who: Who, draftRef: string): Promise<CreateScreen>;
  retry(who: Who, draftRef: string): Promise<CreateScreen>;
  change(who: Who, draftRef: string, read: FormReader): Promise<CreateScreen>;
  close(who: Who, draftRef: string, read: FormReader): Promise<void>;
  submitForm(who: Who, draftRef: string, read: FormReader): Promise<FormSubmission>;
  back(who: Who, draftRef: string): Promise<CreateScreen>;
  submitReview(who: Who, draftRef: string, viewId: string | undefined): Promise<CreateScreen>;
  /** `replace`: the person chose the failed creation's values over a newer unfinished draft. */
  editAndRetry(who: Who, attemptRef: string, options?: { replace?: boolean }): Promise<CreateScreen>;
  attempt(who: Who, attemptRef: string): Promise<CreateScreen>;
  options(
    who: Who,
    request: { actionId: string; blockId: string; query: string; draftRef: string },
  ): Promise<Choice[]>;
  /** Whether `screen` still shows the newest state of its draft (asked when an update conflicts). */
  isLatest(who: Who, screen: CreateScreen): Promise<boolean>;
}

export function createCreateFlow(deps: CreateDeps, sandbox: boolean): CreateFlow {
  return {
    sandbox,
    open: (who) => openCreate(deps, who),
    resume: (who, ref) => resumeDraft(deps, who, ref),
    startOver: (who, ref) => startOver(deps, who, ref),
    retry: (who, ref) => retryScreen(deps, who, ref),
    change: (who, ref, read) => changeForm(deps, who, ref, read),
    close: (who, ref, read) => saveClosedForm(deps, who, ref, read),
    submitForm: (who, ref, read) => submitForm(deps, who, ref, read),
    back: (who, ref) => backToForm(deps, who, ref),
    submitReview: (who, ref, viewId) => submitReview(deps, who, ref, viewId),
    editAndRetry: (who, ref, options) => editAndRetry(deps, who, ref, options),
    attempt: (who, ref) => attemptScreen(deps, who, ref),
    options: (who, request) => searchOptions(deps, who, request),
    isLatest: (who, screen) => screenIsLatest(deps, who, screen),
  };
}
