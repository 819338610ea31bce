/**
 * The custom step `route_connection_approval`: inputs checked with zod, then the request is joined or
 * posted and the step waits in Redis; it ends with `complete()` (on the decision, from any replica) or
 * `fail()` with a user-safe message.
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { Logger } from '../../../platform/logging/logger.js';
import { guarded } from '../../../slack/replying.js';
import type { Approvals } from '../approval-use-cases.js';
import { describeInputProblems, stepInputsSchema } from '../workflow/workflow.js';

type StepArgs = SlackEventMiddlewareArgs<'function_executed'> & AllMiddlewareArgs;
/**
 * The step's arguments as the error path sees them: without `ack` (Bolt acknowledged the event before the
 * step ran), and with the request's logger (Bolt's `function()` does not carry the app's context type).
 */
type AckedStepArgs = Omit<StepArgs, 'ack' | 'context'> & {
  readonly ack?: undefined;
  readonly context: { readonly log: Logger };
};

const executionSchema = z.object({
  function_execution_id: z.string().min(1),
  bot_access_token: z.string().min(1),
});

export const STEP_FAILED_UNEXPECTEDLY =
  'The bot could not route this approval request because of an internal error. Try again, or ask the bot operators.';

/** A step that failed unexpectedly ends with `fail()`, unless it ended already. */
async function failStep(args: AckedStepArgs): Promise<void> {
  if (!args.fail.hasBeenCalled()) await args.fail({ error: STEP_FAILED_UNEXPECTEDLY });
}

export function routeConnectionApproval(approvals: Approvals) {
  const step = guarded(
    'the approval step',
    async (args: AckedStepArgs): Promise<void> => {
      const execution = executionSchema.safeParse(args.event);
      const inputs = stepInputsSchema.safeParse(args.inputs ?? {});
      if (!execution.success) {
        args.context.log.error('function_executed without an execution ID or token');
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
    },
    { reply: failStep },
  );
  return (args: StepArgs): Promise<void> => {
    const log: Logger = args.context.log;
    return step({ ...args, ack: undefined, context: { log } });
  };
}
