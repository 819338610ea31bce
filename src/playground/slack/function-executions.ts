/**
 * Custom step executions: the fake issues execution ids with their `xwfp-` token, and accepts exactly one
 * `functions.completeSuccess` / `functions.completeError` per execution, with that token.
 */
import { randomBytes } from 'node:crypto';
import { randomSlackId } from './ids.js';

/** One execution of a custom step. */
export interface FunctionExecution {
  executionId: string;
  workflowExecutionId: string;
  callbackId: string;
  inputs: Record<string, unknown>;
  botAccessToken: string;
  /** `success` with outputs, or `error` with the message, once completed. */
  completion?: { kind: 'success'; outputs: unknown } | { kind: 'error'; error: string };
}

/** Registry of executions. */
export class FunctionExecutions {
  private readonly executions = new Map<string, FunctionExecution>();

  /** Starts an execution of `callbackId` and returns its ids and token (random unless given). */
  issue(
    callbackId: string,
    inputs: Record<string, unknown> = {},
    ids: { executionId?: string; botAccessToken?: string } = {},
  ): FunctionExecution {
    const execution: FunctionExecution = {
      executionId: ids.executionId ?? randomSlackId('Fx'),
      workflowExecutionId: randomSlackId('Wx'),
      callbackId,
      inputs,
      botAccessToken: ids.botAccessToken ?? `xwfp-${randomBytes(12).toString('hex')}`,
    };
    this.executions.set(execution.executionId, execution);
    return execution;
  }

  /** Completes an execution; returns Slack's error code when it cannot be completed. */
  complete(
    executionId: string,
    token: string | undefined,
    completion: NonNullable<FunctionExecution['completion']>,
  ): string | undefined {
    const execution = this.executions.get(executionId);
    if (!execution) return 'function_execution_not_found';
    if (token !== execution.botAccessToken) return 'access_denied';
    if (execution.completion) return 'execution_not_in_running_state';
    execution.completion = completion;
    return undefined;
  }

  /** An execution by id. */
  get(executionId: string): FunctionExecution | undefined {
    return this.executions.get(executionId);
  }

  /** Every execution, in issue order. */
  all(): FunctionExecution[] {
    return [...this.executions.values()];
  }

  /** Puts saved executions back (a restarted playground), so a waiting step can still complete. */
  restore(executions: readonly FunctionExecution[]): void {
    for (const execution of executions) this.executions.set(execution.executionId, execution);
  }

  /** Forgets every execution. */
  clear(): void {
    this.executions.clear();
  }
}
