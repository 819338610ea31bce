/**
 * How an approval request is laid out in Redis: its hash fields (strings, checked with zod on the way
 * out), its copies as `channel ts` set members, and its waiting executions as JSON by execution ID.
 */
import { z } from 'zod';
import {
  APPROVAL_STATES,
  type ApprovalRequest,
  type MessageCopy,
  type NewApprovalRequest,
  type WaitingExecution,
} from './approval-request-types.js';

/** The hash fields of a new request. */
export function newRequestFields(id: string, input: NewApprovalRequest, now: number): Record<string, string> {
  return {
    id,
    projectId: input.projectId,
    serviceId: input.serviceId,
    serviceName: input.serviceName,
    endpointId: input.endpointId,
    domainId: input.domainId ?? '',
    markerId: input.markerId ?? '',
    requestedAt: input.requestedAt ?? '',
    ports: JSON.stringify(input.ports),
    origin: input.origin,
    createdAt: String(now),
    state: 'pending',
    version: '1',
  };
}

/** A copy as a set member. */
export const copyMember = (copy: MessageCopy) => `${copy.channel} ${copy.ts}`;

/** A waiting execution's value (its ID is the field). */
export function executionValue(execution: WaitingExecution): string {
  return JSON.stringify({
    functionToken: execution.functionToken,
    ...(execution.requester ? { requester: execution.requester } : {}),
  });
}

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v));
const optionalNumber = optionalText.transform((v) => (v === undefined ? undefined : Number(v)));

const hashSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  endpointId: z.string(),
  domainId: optionalText,
  markerId: optionalText,
  requestedAt: optionalText,
  ports: z.string().transform((raw) => portsSchema.parse(JSON.parse(raw))),
  origin: z.enum(['poller', 'workflow']),
  createdAt: z.coerce.number(),
  postedAt: optionalNumber,
  state: z.enum(APPROVAL_STATES),
  version: z.coerce.number().default(0),
  leaseToken: optionalText,
  leaseUntil: optionalNumber,
  leaseBy: optionalText,
  leaseAction: z.enum(['approve', 'reject']).optional(),
  leaseReason: optionalText,
  decidedBy: optionalText,
  decidedAt: optionalNumber,
  reason: optionalText,
  observedStatus: optionalText,
  lastError: optionalText,
  remindedAt: optionalNumber,
  escalatedAt: optionalNumber,
  workflow: z
    .string()
    .optional()
    .transform((raw) => workflowSchema.parse(raw ? JSON.parse(raw) : [])),
});

const portsSchema = z.array(
  z.object({ clientPort: z.number(), serverPort: z.number(), protocol: z.string() }),
);
const workflowSchema = z.array(
  z
    .object({
      requester: z.string().optional(),
      requesterMayDecide: z.boolean().optional(),
      requesterUnchecked: z.boolean().optional(),
      reason: z.string().optional(),
    })
    .catchall(z.unknown()),
);
const executionSchema = z.object({
  functionToken: z.string(),
  requester: z.string().optional(),
});

export function parseExecution(executionId: string, json: string): WaitingExecution {
  const parsed = executionSchema.parse(JSON.parse(json));
  return {
    executionId,
    functionToken: parsed.functionToken,
    ...(parsed.requester ? { requester: parsed.requester } : {}),
  };
}

function parseCopy(raw: string): MessageCopy | undefined {
  const [channel, ts] = raw.split(' ');
  return channel && ts ? { channel, ts } : undefined;
}

export function toRequest(raw: Record<string, string>, copies: string[]): ApprovalRequest | undefined {
  if (!raw.id) return undefined;
  const h = hashSchema.parse(raw);
  return {
    id: h.id,
    projectId: h.projectId,
    serviceId: h.serviceId,
    serviceName: h.serviceName,
    endpointId: h.endpointId,
    domainId: h.domainId,
    markerId: h.markerId,
    requestedAt: h.requestedAt,
    ports: h.ports,
    origin: h.origin,
    createdAt: h.createdAt,
    postedAt: h.postedAt,
    state: h.state,
    version: h.version,
    lease:
      h.state === 'deciding' && h.leaseToken && h.leaseBy && h.leaseAction
        ? {
            token: h.leaseToken,
            until: h.leaseUntil ?? 0,
            by: h.leaseBy,
            action: h.leaseAction,
            reason: h.leaseReason,
          }
        : undefined,
    decidedBy: h.decidedBy,
    decidedAt: h.decidedAt,
    reason: h.reason,
    observedStatus: h.observedStatus,
    lastError: h.lastError,
    remindedAt: h.remindedAt,
    escalatedAt: h.escalatedAt,
    workflow: h.workflow.map((n) => ({
      ...(n.requester ? { requester: n.requester } : {}),
      ...(n.requesterMayDecide ? { requesterMayDecide: true } : {}),
      ...(n.requesterUnchecked ? { requesterUnchecked: true } : {}),
      ...(n.reason ? { reason: n.reason } : {}),
    })),
    copies: copies.flatMap((c) => parseCopy(c) ?? []).sort((a, b) => a.ts.localeCompare(b.ts)),
  };
}
