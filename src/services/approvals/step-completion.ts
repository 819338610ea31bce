/**
 * Ends custom step executions with their own function token (`xwfp-…`), kept in Redis while the step
 * waits: Bolt only hands `complete()` to listeners of the step's own events, and a decision may come
 * from any copy of the request, a reason modal, another replica or after a restart.
 */
import { WebClient, type WebClientOptions } from '@slack/web-api';
import { slackErrorCode } from '../../slack/slack-errors.js';

export interface StepOutputs {
  readonly decision: 'approved' | 'rejected';
  readonly approver?: string;
  readonly endpoint_id: string;
}

export interface StepCompleter {
  success(functionToken: string, executionId: string, outputs: StepOutputs): Promise<void>;
  error(functionToken: string, executionId: string, message: string): Promise<void>;
}

/** Slack errors after which the execution can never be completed, so waiting for it is pointless. */
const FINAL_ERRORS = new Set([
  'execution_not_in_running_state',
  'function_execution_not_found',
  'invalid_auth',
  'token_revoked',
  'token_expired',
  'access_denied',
  'not_authed',
  'account_inactive',
]);

/** Whether a failed completion is final (forget the execution) rather than worth another try. */
export function completionIsFinal(err: unknown): boolean {
  const code = slackErrorCode(err);
  return code !== undefined && FINAL_ERRORS.has(code);
}

export function createStepCompleter(options: WebClientOptions): StepCompleter {
  // One short-lived client per call: function tokens are unique per execution and must not be pooled.
  const client = (token: string) => new WebClient(token, options);
  return {
    async success(token, executionId, outputs) {
      await client(token).functions.completeSuccess({
        function_execution_id: executionId,
        outputs: { ...outputs },
      });
    },
    async error(token, executionId, message) {
      await client(token).functions.completeError({ function_execution_id: executionId, error: message });
    },
  };
}
