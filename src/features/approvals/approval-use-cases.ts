/**
 * The approval use cases behind one object, built from the `Core` by the feature. Listeners and the
 * poller job call these; nothing here knows Slack payloads.
 */

import type { ApprovalDeps } from './approvals-deps.js';
import { type OwnersCommand, type OwnersOutcome, ownersCommand } from './decide/approval-owners.js';
import {
  checkDecision,
  checkDecisionWithin,
  type DecisionCheck,
  type DecisionInput,
  type DecisionOutcome,
  decide,
  type QuickDecisionCheck,
} from './decide/decide.js';
import { type PollContext, type PollSummary, type ProjectPacers, pollOnce } from './poll/poll.js';
import { type StepInputs, type StepStart, startFromWorkflow } from './workflow/workflow.js';

export type { OwnersOutcome } from './decide/approval-owners.js';
export type { DecisionCheck, DecisionOutcome, QuickDecisionCheck } from './decide/decide.js';
export type { PollSummary } from './poll/poll.js';
export type { StepInputs } from './workflow/workflow.js';

export interface Approvals {
  readonly deps: ApprovalDeps;
  decide(input: DecisionInput): Promise<DecisionOutcome>;
  /** Whether a user may decide a request now (before the reason modal opens). */
  check(requestId: string, userId: string): Promise<DecisionCheck>;
  /** The same check, answered within `waitMs` (`checking` when the rights look-up is still running). */
  checkWithin(requestId: string, userId: string, waitMs: number): Promise<QuickDecisionCheck>;
  startFromWorkflow(input: {
    executionId: string;
    functionToken: string;
    inputs: StepInputs;
  }): Promise<StepStart>;
  owners(command: OwnersCommand): Promise<OwnersOutcome>;
  poll(context: PollContext): Promise<PollSummary>;
}

export function createApprovals(deps: ApprovalDeps): Approvals {
  // Kept across polls, so back-to-back passes stay evenly spaced too.
  const pacers: ProjectPacers = new Map();
  return {
    deps,
    decide: (input) => decide(deps, input),
    check: (requestId, userId) => checkDecision(deps, requestId, userId),
    checkWithin: (requestId, userId, waitMs) => checkDecisionWithin(deps, requestId, userId, waitMs),
    startFromWorkflow: (input) => startFromWorkflow(deps, input),
    owners: (command) => ownersCommand(deps, command),
    poll: (context) => pollOnce(deps, context, pacers),
  };
}

export type { ApprovalDeps, ApprovalSettings } from './approvals-deps.js';
