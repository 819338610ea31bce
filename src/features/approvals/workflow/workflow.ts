/**
 * The Workflow Builder step `route_connection_approval`: checks the service and the endpoint, joins the
 * (possibly existing) approval request, and waits. The execution ID and its function token stay in
 * Redis until the step ends, so whichever copy is decided, on whichever replica, after a reason modal
 * or a restart, completes it. `function_executed` retries are de-duplicated by execution ID.
 */
import { z } from 'zod';
import { isMembershipUnknown } from '../../../access/usergroup-members.js';
import { isCloudUuid } from '../../../cloud/cloud-ids.js';
import type { Connection, EndpointService } from '../../../cloud/types.js';
import { escapeMrkdwn as esc } from '../../../domain/mrkdwn.js';
import { isSlackIdOf } from '../../../domain/slack-ids.js';
import { userMessageOf } from '../../../platform/errors/app-error.js';
import type { ApprovalDeps } from '../approvals-deps.js';
import { ensurePosted, refreshCopies } from '../decide/request-delivery.js';
import { newRequestOf } from '../decide/request-lifecycle.js';
import { isOpen } from '../store/approval-request-types.js';
import { completeExecutions } from './step-completion.js';

/** The step's inputs (DESIGN §2.4), checked at the edge. */
export const stepInputsSchema = z.object({
  service_id: z
    .string({ error: 'service_id is required: the endpoint service ID (or name)' })
    .trim()
    .min(1, 'service_id is required: the endpoint service ID (or name)')
    .max(200, 'service_id is too long'),
  endpoint_id: z
    .string({ error: 'endpoint_id is required: the consumer’s VPC endpoint ID' })
    .trim()
    .min(1, 'endpoint_id is required: the consumer’s VPC endpoint ID')
    .max(100, 'endpoint_id is too long')
    // Checked here too, not only in the cloud client, so the author reads which input is wrong.
    .pipe(z.string().refine(isCloudUuid, 'endpoint_id must be a VPC endpoint ID (a UUID)')),
  requester: z
    .string()
    .refine((id) => isSlackIdOf(id, 'UW'), 'requester must be a Slack user')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  reason: z.string().max(3000, 'reason is longer than 3000 characters').optional(),
});
export type StepInputs = z.infer<typeof stepInputsSchema>;

/** A user-safe message naming every invalid input. */
export function describeInputProblems(error: z.ZodError): string {
  const problems = error.issues.map((issue) => issue.message);
  return `The step's inputs are invalid: ${problems.join('; ')}. Fix the step in Workflow Builder.`;
}

export type StepStart =
  | { readonly kind: 'waiting'; readonly requestId: string }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'failed'; readonly message: string };

/**
 * A `function_executed` is claimed while it is handled; a retry then is ignored. If this replica dies
 * before the step is attached, the claim lapses and Slack's next retry (1 and 5 minutes later) is handled.
 */
const EVENT_CLAIM_SECONDS = 45;
/** Once handled, retries are ignored for a day. */
const EVENT_HANDLED_SECONDS = 24 * 3600;

export async function startFromWorkflow(
  deps: ApprovalDeps,
  input: { executionId: string; functionToken: string; inputs: StepInputs },
): Promise<StepStart> {
  if (!(await deps.waits.claimExecutionEvent(input.executionId, EVENT_CLAIM_SECONDS)))
    return { kind: 'duplicate' };
  const result = await joinRequest(deps, input);
  await deps.waits.holdExecutionEvent(input.executionId, EVENT_HANDLED_SECONDS).catch((err: unknown) => {
    deps.logger.warn({ err, executionId: input.executionId }, 'could not keep the step claimed');
  });
  return result;
}

/**
 * Why the step cannot wait for a decision on `connection`, if so. The service name and the status are
 * the cloud's: escaped, like every value the bot shows.
 */
export function connectionProblem(
  endpointId: string,
  service: Pick<EndpointService, 'serviceName'>,
  connection: Pick<Connection, 'endpointId' | 'status'> | undefined,
): string | undefined {
  if (!connection || connection.endpointId !== endpointId)
    return `The VPC endpoint ${esc(endpointId)} has no connection to the endpoint service ${esc(service.serviceName)}. Check both IDs.`;
  if (connection.status !== 'pendingAcceptance')
    return `The connection of VPC endpoint ${esc(endpointId)} to ${esc(service.serviceName)} is ${esc(connection.status)}, not waiting for approval, so there is nothing to decide.`;
  return undefined;
}

async function joinRequest(
  deps: ApprovalDeps,
  input: { executionId: string; functionToken: string; inputs: StepInputs },
): Promise<StepStart> {
  const { inputs } = input;
  let attachedTo: string | undefined;
  try {
    const { projectId, service } = await deps.lookup.find(inputs.service_id);
    const [connection] = await deps.cloud
      .project(projectId)
      .listConnections(service.id, { endpointId: inputs.endpoint_id });
    const problem = connectionProblem(inputs.endpoint_id, service, connection);
    if (problem || !connection) return { kind: 'failed', message: problem ?? '' };
    const standing = await requesterStanding(deps, projectId, service.id, inputs.requester);
    const barred = standing === 'barred' ? inputs.requester : undefined;
    await deps.requests.create(newRequestOf(projectId, service, connection, 'workflow'), deps.now());
    const id = deps.requests.requestId(projectId, service.id, connection.endpointId);
    attachedTo = id;
    const state = await deps.waits.attachExecution(
      id,
      {
        executionId: input.executionId,
        functionToken: input.functionToken,
        ...(barred ? { requester: barred } : {}),
      },
      {
        ...(inputs.requester ? { requester: inputs.requester } : {}),
        ...(standing === 'mayDecide' ? { requesterMayDecide: true } : {}),
        ...(standing === 'unchecked' ? { requesterUnchecked: true } : {}),
        ...(inputs.reason ? { reason: inputs.reason } : {}),
      },
    );
    const request = await deps.requests.get(id);
    if (state === 'missing' || !request) {
      await detach(deps, id, input.executionId);
      return {
        kind: 'failed',
        message: 'The approval request vanished before the step could join it. Run the workflow again.',
      };
    }
    if (!isOpen(request)) {
      await completeExecutions(deps, id);
      return { kind: 'waiting', requestId: id };
    }
    if (!(await ensurePosted(deps, request))) await refreshCopies(deps, id);
    deps.logger.info({ requestId: id, executionId: input.executionId }, 'workflow step waits for a decision');
    return { kind: 'waiting', requestId: id };
  } catch (err) {
    deps.logger.warn({ err, executionId: input.executionId }, 'workflow step could not start');
    // A step that ends in fail() must not stay attached: a later decision would complete it again.
    if (attachedTo) await detach(deps, attachedTo, input.executionId);
    return { kind: 'failed', message: userMessageOf(err) };
  }
}

/**
 * Whether the requester is kept from deciding this request. `function_executed` names nobody Slack
 * vouches for: `requester` is whatever the workflow's author wired in, and an author could name an owner
 * to lock them out. So the input only bars someone who, as the step starts, may not decide this service
 * anyway (neither an owner nor an admin), keeping them out should they gain the right later. An owner or
 * admin named as requester decides like anyone else. When Slack cannot name an owner group right now,
 * nothing is decided on a guess either way: the requester is `unchecked`, and settled as soon as their
 * membership is known (see `settleRequesters`).
 */
async function requesterStanding(
  deps: ApprovalDeps,
  projectId: string,
  serviceId: string,
  requester: string | undefined,
): Promise<'none' | 'barred' | 'mayDecide' | 'unchecked'> {
  if (!requester) return 'none';
  const record = await deps.records.get(projectId, serviceId);
  try {
    return (await deps.permissions.canManage(requester, record?.owners)) ? 'mayDecide' : 'barred';
  } catch (err) {
    if (isMembershipUnknown(err)) return 'unchecked';
    throw err;
  }
}

async function detach(deps: ApprovalDeps, id: string, executionId: string): Promise<void> {
  await deps.waits.removeExecution(id, executionId).catch((err: unknown) => {
    deps.logger.warn({ err, requestId: id, executionId }, 'could not detach a failed step');
  });
}
