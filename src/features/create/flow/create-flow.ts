/**
 * The create flow's use cases, bound to their dependencies: what the listeners call. Each returns the
 * screen to show (or the submission's outcome) and never throws: a failure becomes a problem screen
 * whose message names the cause and what to do (with Retry when trying again may help), so the modal
 * never stays on "Loading…" and a listener holds only its happy path.
 */

import type { CreateScreen } from '../model/screen-models.js';

import type { CreateDeps, Who } from './create-context.js';
import { type FormReader, screenIsLatest } from './draft-access.js';
import { backToForm, changeForm, type FormSubmission, saveClosedForm, submitForm } from './form-changes.js';
import {
  editAndRetry,
  type InstantForm,
  instantForm,
  isRetryable,
  openCreate,
  problemScreen,
  resumeDraft,
  retryScreen,
  settleInstantForm,
  startOver,
} from './open-create.js';
import { type OptionSearch, searchOptions } from './option-search.js';
import type { Choice } from './resource-catalog.js';
import { submitReview } from './review-step.js';

export interface CreateFlow {
  readonly sandbox: boolean;
  /** The whole form of a new draft, to open with no wait, when this process may show it now. */
  instant(who: Who): InstantForm | undefined;
  /** After `views.open`: the screen to show instead of the one opened (undefined: it stands). */
  settle(who: Who, shown: InstantForm | undefined): Promise<CreateScreen | undefined>;
  open(who: Who): Promise<CreateScreen>;
  resume(who: Who, draftRef: string): Promise<CreateScreen>;
  startOver(who: Who, draftRef: string): Promise<CreateScreen>;
  retry(who: Who, draftRef: string): Promise<CreateScreen>;
  /** `undefined`: the change could not be saved for now (Redis away); the form stays as it is. */
  change(who: Who, draftRef: string, read: FormReader): Promise<CreateScreen | undefined>;
  close(who: Who, draftRef: string, read: FormReader): Promise<void>;
  submitForm(who: Who, draftRef: string, read: FormReader): Promise<FormSubmission>;
  back(who: Who, draftRef: string): Promise<CreateScreen>;
  submitReview(who: Who, draftRef: string, viewId: string | undefined): Promise<CreateScreen>;
  /** `replace`: the person chose the failed creation's values over a newer unfinished draft. */
  editAndRetry(who: Who, attemptRef: string, options?: { replace?: boolean }): Promise<CreateScreen>;
  options(who: Who, search: OptionSearch): Promise<Choice[]>;
  /** Whether `screen` still shows the newest state of its draft (asked when an update conflicts). */
  isLatest(who: Who, screen: CreateScreen): Promise<boolean>;
}

export function createCreateFlow(deps: CreateDeps, sandbox: boolean): CreateFlow {
  const failed = (what: string, who: Who, err: unknown) =>
    deps.logger.warn({ err, user: who.userId }, `${what} failed`);

  /** The screen `work` makes, or the problem that stopped it (Retry brings back `retryRef`). */
  async function screenOf(
    what: string,
    who: Who,
    work: () => Promise<CreateScreen>,
    retryRef?: string,
  ): Promise<CreateScreen> {
    try {
      return await work();
    } catch (err) {
      failed(what, who, err);
      return problemScreen(err, retryRef);
    }
  }

  const open = (who: Who) => screenOf('opening the create form', who, () => openCreate(deps, who));

  return {
    sandbox,
    instant: (who) => instantForm(deps, who),
    async settle(who, shown) {
      if (!shown) return open(who);
      try {
        return await settleInstantForm(deps, who, shown.draft);
      } catch (err) {
        failed('opening the create form', who, err);
        return problemScreen(err);
      }
    },
    open,
    resume: (who, ref) => screenOf('resume draft', who, () => resumeDraft(deps, who, ref), ref),
    startOver: (who, ref) => screenOf('start over', who, () => startOver(deps, who, ref), ref),
    retry: (who, ref) => screenOf('retry', who, () => retryScreen(deps, who, ref), ref),
    back: (who, ref) => screenOf('back to the form', who, () => backToForm(deps, who, ref), ref),
    editAndRetry: (who, ref, options) =>
      screenOf(
        'edit and retry',
        who,
        () => editAndRetry(deps, who, ref, options),
        // Retry repeats the replace choice; a failed Edit and retry itself starts afresh.
        options?.replace ? ref : undefined,
      ),
    async change(who, ref, read) {
      try {
        return await changeForm(deps, who, ref, read);
      } catch (err) {
        failed('a create form change', who, err);
        // Redis away: keep the form as it is (typed values included); Review then says why.
        return isRetryable(err) ? undefined : problemScreen(err, ref);
      }
    },
    async close(who, ref, read) {
      await saveClosedForm(deps, who, ref, read).catch((err: unknown) =>
        failed('saving the closed create form', who, err),
      );
    },
    async submitForm(who, ref, read) {
      try {
        return await submitForm(deps, who, ref, read);
      } catch (err) {
        failed('the create form submission', who, err);
        return { kind: 'failed', problem: problemScreen(err, ref), retryable: isRetryable(err) };
      }
    },
    submitReview: (who, ref, viewId) =>
      screenOf('the create submission', who, () => submitReview(deps, who, ref, viewId), ref),
    async options(who, search) {
      try {
        return await searchOptions(deps, who, search);
      } catch (err) {
        failed('create options', who, err);
        return [];
      }
    },
    isLatest: (who, screen) => screenIsLatest(deps, who, screen),
  };
}
