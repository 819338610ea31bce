/**
 * How a decided request ends the workflow steps waiting on it. Each execution is ended with its own
 * function token (`xwfp-…`), kept in Redis while the step waits: Bolt only hands `complete()` to
 * listeners of the step's own events, and a decision may come from any copy of the request, a reason
 * modal, another replica or after a restart.
 */
import type { Logger } from '../../../platform/logging/logger.js';
import type { ApprovalRequestStore } from '../store/approval-request-store.js';
import type { ApprovalRequest, WaitingExecution } from '../store/approval-request-types.js';
import type { WorkflowWaitStore } from '../store/workflow-wait-store.js';

export interface StepOutputs {
  readonly decision: 'approved' | 'rejected';
  readonly approver?: string;
  readonly endpoint_id: string;
}

/** The port that ends a waiting step (Slack's `functions.completeSuccess` / `completeError`). */
export interface StepCompleter {
  success(functionToken: string, executionId: string, outputs: StepOutputs): Promise<void>;
  error(functionToken: string, executionId: string, message: string): Promise<void>;
  /** Whether a failed completion is final (forget the execution) rather than worth another try. */
  isFinal(err: unknown): boolean;
}

type StepEnd =
  | { readonly kind: 'success'; readonly outputs: StepOutputs }
  | { readonly kind: 'error'; readonly message: string };

/** Why a step ends in an error when the person who asked for it decided it before it joined. */
export const SELF_DECIDED_MESSAGE =
  'The requester cannot approve their own request; it was decided by them before the workflow attached. Ask an owner of the endpoint service to review the connection.';

/**
 * How a decided request ends the steps waiting on it.
 *
 * Outputs stay honest (DESIGN §2.4; `approver` is optional in the manifest): a decision taken in Slack
 * gives `decision` and `approver`. A connection accepted or rejected outside Slack (console, API) gives
 * `decision` from the cloud's state and no `approver`, because nobody known to the bot decided it. A
 * connection that vanished or reached any other state ends the step with an error saying so.
 */
export function stepEndOf(request: ApprovalRequest): StepEnd | undefined {
  switch (request.state) {
    case 'pending':
    case 'deciding':
      return undefined;
    case 'approved':
    case 'rejected':
      return {
        kind: 'success',
        outputs: {
          decision: request.state,
          ...(request.decidedBy ? { approver: request.decidedBy } : {}),
          endpoint_id: request.endpointId,
        },
      };
    case 'resolved_elsewhere':
      if (request.observedStatus === 'accepted' || request.observedStatus === 'creating')
        return { kind: 'success', outputs: { decision: 'approved', endpoint_id: request.endpointId } };
      if (request.observedStatus === 'rejected')
        return { kind: 'success', outputs: { decision: 'rejected', endpoint_id: request.endpointId } };
      return {
        kind: 'error',
        message:
          request.observedStatus && request.observedStatus !== 'gone'
            ? `The connection request of VPC endpoint ${request.endpointId} was resolved outside Slack: the connection is now ${request.observedStatus}, neither approved nor rejected.`
            : `The connection request of VPC endpoint ${request.endpointId} was resolved outside Slack: it no longer exists (the consumer deleted the endpoint, or the service is gone).`,
      };
  }
}

/** How one execution ends: never a success naming its own requester as the approver. */
export function executionEndOf(end: StepEnd, execution: Pick<WaitingExecution, 'requester'>): StepEnd {
  if (end.kind === 'success' && execution.requester && end.outputs.approver === execution.requester)
    return { kind: 'error', message: SELF_DECIDED_MESSAGE };
  return end;
}

/**
 * Completes every execution waiting on a decided request, each with its own token, exactly once: each is
 * claimed in Redis before the Slack call (the decider, the poller and a workflow joining late may all get
 * here at once), removed once completed or once Slack can never complete it, and given back for the
 * poller to retry when the call failed for a passing reason.
 */
/** What completing needs of the approval dependencies (a subset, so this file does not import them back). */
interface CompletionDeps {
  readonly requests: Pick<ApprovalRequestStore, 'get' | 'forget'>;
  readonly waits: WorkflowWaitStore;
  readonly steps: StepCompleter;
  readonly logger: Logger;
  readonly settings: { readonly completionClaimMs: number };
}

export async function completeExecutions(deps: CompletionDeps, id: string): Promise<void> {
  const request = await deps.requests.get(id);
  if (!request) {
    await deps.requests.forget(id);
    return;
  }
  const end = stepEndOf(request);
  if (!end) return;
  for (const waiting of await deps.waits.executions(id)) {
    const execution = await deps.waits.claimCompletion(
      id,
      waiting.executionId,
      deps.settings.completionClaimMs,
    );
    if (!execution) continue;
    const ending = executionEndOf(end, execution);
    try {
      if (ending.kind === 'success')
        await deps.steps.success(execution.functionToken, execution.executionId, ending.outputs);
      else await deps.steps.error(execution.functionToken, execution.executionId, ending.message);
      await deps.waits.removeExecution(id, execution.executionId);
      deps.logger.info(
        { requestId: id, executionId: execution.executionId, outcome: ending.kind },
        'workflow step completed',
      );
    } catch (err) {
      if (deps.steps.isFinal(err)) await deps.waits.removeExecution(id, execution.executionId);
      else await deps.waits.releaseCompletion(id, execution.executionId);
      deps.logger.warn(
        { err, requestId: id, executionId: execution.executionId },
        'could not complete a workflow step',
      );
    }
  }
}
