/**
 * The custom step `route_connection_approval`: inputs checked with zod, then the request is joined or
 * posted and the step waits in Redis; it ends with `complete()` (on the decision, from any replica) or
 * `fail()` with a user-safe message.
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { Logger } from '../../../platform/logging/logger.js';
import { requestLog } from '../../../slack/request-context.js';
import type { Approvals } from '../approvals-service.js';
import { describeInputProblems, stepInputsSchema } from '../workflow/workflow.js';

const executionSchema = z.object({
  function_execution_id: z.string().min(1),
  bot_access_token: z.string().min(1),
});

export const STEP_FAILED_UNEXPECTEDLY =
  'The bot could not route this approval request because of an internal error. Try again, or ask the bot operators.';

export function routeConnectionApproval(approvals: Approvals, logger: Logger) {
  return async (args: SlackEventMiddlewareArgs<'function_executed'> & AllMiddlewareArgs): Promise<void> => {
    const log = requestLog(args.context, logger);
    const execution = executionSchema.safeParse(args.event);
    const inputs = stepInputsSchema.safeParse(args.inputs ?? {});
    try {
      if (!execution.success) {
        log.error('function_executed without an execution ID or token');
        await args.fail({ error: STEP_FAILED_UNEXPECTEDLY });
        return;
      }
      if (!inputs.success) {
        await args.fail({ error: describeInputProblems(inputs.error) });
        return;
      }
      const started = await approvals.startFromWorkflow({
        executionId: execution.data.function_execution_id,
        functionToken: execution.data.bot_access_token,
        inputs: inputs.data,
      });
      if (started.kind === 'failed') await args.fail({ error: started.message });
    } catch (err) {
      log.error({ err }, 'the approval step failed');
      if (!args.fail.hasBeenCalled())
        await args.fail({ error: STEP_FAILED_UNEXPECTEDLY }).catch(() => undefined);
    }
  };
}
