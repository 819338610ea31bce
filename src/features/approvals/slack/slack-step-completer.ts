/**
 * Ending a waiting Workflow Builder step in Slack (the `StepCompleter` port), each execution with its own
 * function token (`xwfp-…`).
 */
import { WebClient, type WebClientOptions } from '@slack/web-api';
import { slackErrorCode } from '../../../slack/slack-errors.js';
import type { StepCompleter } from '../workflow/step-completion.js';

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
    isFinal(err) {
      const code = slackErrorCode(err);
      return code !== undefined && FINAL_ERRORS.has(code);
    },
  };
}
