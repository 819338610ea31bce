/**
 * What the create flow shows, as plain data: the use cases return a screen, `ui/create-screen.ts`
 * renders it. No Slack types here.
 */
import type { IngressCheck } from '../../../cloud/types.js';
import type { DraftField, DraftValues, EndpointServiceSpec } from '../../../domain/endpoint-service-spec.js';
import type { Choice } from '../flow/resource-catalog.js';
import type { AttemptState } from '../store/create-attempts.js';

/** A field of the form that can carry an inline error: the draft's, and the Service Type. */
export type FormField = DraftField | 'serviceType';

/** Inline errors of a form submission, per field. */
export type FormErrors = Partial<Record<FormField, string>>;

/** A list to choose from, or why there is none. */
export type ChoiceList =
  | { readonly kind: 'list'; readonly choices: readonly Choice[] }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'waiting'; readonly reason: string };

export interface ProjectChoice {
  readonly projectId: string;
  readonly label: string;
  readonly region: string;
}

export interface Labels {
  readonly vpc?: string | undefined;
  readonly backend?: string | undefined;
}

export interface FormModel {
  /** The draft's key (private_metadata). */
  readonly draftRef: string;
  /** The draft revision this screen shows (not rendered: it decides which of two updates wins). */
  readonly revision?: number | undefined;
  readonly projects: readonly ProjectChoice[];
  readonly values: DraftValues;
  readonly labels: Labels;
  readonly vpcs: ChoiceList;
  readonly backends: ChoiceList;
  /** The chosen owner groups, with their handles. */
  readonly groups: readonly Choice[];
  /** A note above the form (e.g. "resumed your draft"). */
  readonly notice?: string | undefined;
}

export type QuotaCheck =
  | { readonly state: 'checking' }
  | {
      readonly state: 'ok' | 'full';
      readonly used: number;
      readonly quota: number;
      /** The quotas API did not answer (why): the services were counted against the default quota. */
      readonly counted?: string | undefined;
    }
  | { readonly state: 'unknown'; readonly message: string };

export type BackendCheck =
  | { readonly state: 'checking' | 'ok' }
  | { readonly state: 'gone'; readonly message: string };

export interface ReviewModel {
  /** The key of this review (draft and review id; private_metadata). */
  readonly draftRef: string;
  readonly revision?: number | undefined;
  readonly region: string;
  readonly projectLabel: string;
  readonly spec: EndpointServiceSpec;
  readonly labels: Labels;
  readonly groups: readonly Choice[];
  readonly quota: QuotaCheck;
  readonly ingress: IngressCheck | 'checking';
  readonly backend: BackendCheck;
}

/** True when the review may be submitted: nothing found that refuses the creation. */
export function reviewAllowsCreate(model: Pick<ReviewModel, 'quota' | 'backend'>): boolean {
  return model.quota.state !== 'full' && model.backend.state !== 'gone';
}

export interface AttemptModel {
  /** The attempt's key (private_metadata, button values). */
  readonly attemptRef: string;
  readonly state: AttemptState;
  readonly userId: string;
  readonly region: string;
  readonly spec: EndpointServiceSpec;
  readonly labels: Labels;
  readonly serviceId?: string | undefined;
  readonly serviceName?: string | undefined;
  readonly error?: { readonly code?: string | undefined; readonly message: string } | undefined;
  readonly whitelistProblem?: string | undefined;
  /** The channel the command ran in (for the List services button and the announcement). */
  readonly channelId?: string | undefined;
  /** Why the announcement could not be posted, with the fix. */
  readonly announceProblem?: string | undefined;
}

export interface ResumeModel {
  readonly draftRef: string;
  readonly revision?: number | undefined;
  readonly savedAt: string;
  readonly values: DraftValues;
  readonly labels: Labels;
  /** The last attempt from this draft failed with this message. */
  readonly failure?: string | undefined;
  /**
   * "Edit and retry" of this failed attempt found this newer unfinished draft: the person chooses
   * between continuing it and replacing it with the failed creation's values.
   */
  readonly replaceFor?: { readonly attemptRef: string; readonly name?: string | undefined } | undefined;
}

/** What went wrong, and (`retryRef`) what a Retry button brings back, when trying again may help. */
export interface ProblemScreen {
  readonly kind: 'problem';
  readonly message: string;
  readonly retryRef?: string | undefined;
}

export type CreateScreen =
  | { readonly kind: 'form'; readonly model: FormModel }
  | { readonly kind: 'review'; readonly model: ReviewModel }
  | { readonly kind: 'attempt'; readonly model: AttemptModel }
  | { readonly kind: 'resume'; readonly model: ResumeModel }
  | ProblemScreen;

/** The draft key and revision a screen was rendered for, when it shows a draft. */
export function screenRevision(screen: CreateScreen): { draftRef: string; revision: number } | undefined {
  if (screen.kind === 'form' || screen.kind === 'review' || screen.kind === 'resume')
    return screen.model.revision === undefined
      ? undefined
      : { draftRef: screen.model.draftRef, revision: screen.model.revision };
  return undefined;
}

/** What a Retry button of a problem standing in for `screen` should bring back. */
export function retryRefOf(screen: CreateScreen): string {
  switch (screen.kind) {
    case 'form':
    case 'review':
    case 'resume':
      return screen.model.draftRef;
    case 'attempt':
      return screen.model.attemptRef;
    case 'problem':
      return screen.retryRef ?? '';
  }
}

/** Stands in for `screen` when Slack refused to show it: nothing is lost, Retry shows it again. */
export function refusedScreen(screen: CreateScreen, code: string): CreateScreen {
  return {
    kind: 'problem',
    message: `Slack did not accept this step of the form (${code}). Nothing was lost: press Retry to show it again.`,
    retryRef: retryRefOf(screen),
  };
}
