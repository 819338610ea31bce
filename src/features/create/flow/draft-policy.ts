/**
 * What a new draft holds, and when a draft is worth resuming: unfinished (still edited, in review, or
 * failed) and holding something a new draft would lose. An untouched form simply makes way for the
 * next `/vpcep create`, instead of being offered for resume. The store keeps this answer beside each
 * draft it writes, so claiming the slot for a new draft is one round trip.
 */
import type { DraftValues } from '../../../domain/endpoint-service-spec.js';
import type { OtcProject } from '../../../platform/config/config-types.js';
import type { Draft, ResumablePolicy } from '../store/drafts.js';

/** A new draft's values: the first project, approval on, an ELB backend, the creator as owner. */
export function newDraftValues(projects: readonly OtcProject[], userId: string): DraftValues {
  return {
    projectId: projects[0]?.projectId,
    approvalEnabled: true,
    backendType: 'elb',
    ownerUsers: [userId],
  };
}

/** Unfinished: the person is still editing or reviewing it, or its creation failed. */
export function unfinished(draft: Draft): boolean {
  return draft.step === 'form' || draft.step === 'review' || draft.step === 'failed';
}

/** The values with what is unset, empty or an empty list left out, in a stable order. */
function valuesKey(values: DraftValues): string {
  const set = Object.entries(values).filter(
    ([, value]) => value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0),
  );
  return JSON.stringify(set.sort(([a], [b]) => (a < b ? -1 : 1)));
}

export function resumablePolicy(projects: readonly OtcProject[]): ResumablePolicy {
  return (draft) =>
    unfinished(draft) &&
    (draft.step !== 'form' || valuesKey(draft.values) !== valuesKey(newDraftValues(projects, draft.userId)));
}
