/**
 * `/vpcep delete <service>`: owners and admins only, after a confirmation; refused with the reason
 * while connections are accepted or being created (the cloud refuses it too); then followed to the
 * end. The deletion in progress lives in Redis, so a restart or another replica finishes following
 * it; the requester hears the outcome once. Audited when asked for and when done.
 */
import type { Connection, EndpointService } from '../../../cloud/index.js';
import { inertText, NotFoundError, ServiceFailedError } from '../../../cloud/index.js';
import { code, slackDate } from '../../../domain/mrkdwn.js';
import { userMessageOf } from '../../../platform/errors/app-error.js';
import type { ManageDeps } from '../manage-deps.js';
import type { Deletion } from '../store/manage-deletions.js';
import { connectionStatusText } from './connections-listing.js';
import { auditChange } from './manage-audit.js';
import type { DeletionOutcome } from './manage-ports.js';
import { ManageRefusedError, type Refusal, refusedOr } from './manage-refusals.js';
import { findManaged, getManaged } from './manage-rights.js';

/** How long the job lets a deletion run before telling the requester it did not finish. */
export const DELETION_GIVE_UP_MS = 15 * 60_000;

export class DeleteRefusedError extends ManageRefusedError {
  constructor(message: string, code = 'MANAGE_DELETE_REFUSED') {
    super(code, message);
  }
}

/** Someone (maybe the same person, clicking twice) already started deleting this service. */
export class AlreadyDeletingError extends DeleteRefusedError {
  constructor(label: string) {
    super(`${code(label)} is already being deleted.`, 'MANAGE_DELETE_IN_PROGRESS');
  }
}

const label = (service: EndpointService) => service.name ?? service.id;

const MAX_BLOCKERS = 10;

/** Why the service cannot be deleted now: the connections that are accepted or being created. */
function deleteBlockedText(label: string, blocking: readonly Connection[]): string {
  const lines = blocking
    .slice(0, MAX_BLOCKERS)
    .map(
      (c) =>
        `• endpoint ${code(c.endpointId)} of account ${code(c.domainId ?? 'unknown')} (${connectionStatusText(c.status)})`,
    );
  const more = blocking.length > MAX_BLOCKERS ? `\n…and ${blocking.length - MAX_BLOCKERS} more` : '';
  return `:no_entry: ${code(label)} cannot be deleted while connections are accepted or being created (the cloud refuses it). ${blocking.length} ${blocking.length === 1 ? 'is' : 'are'} still active:\n${lines.join('\n')}${more}\nAsk the consumers to delete their VPC endpoints (or reject the connections), then try again. ${code(`/vpcep connections ${label}`)} lists them.`;
}

/** Connections that keep the cloud from deleting a service. */
export function blockingConnections(connections: readonly Connection[]): Connection[] {
  return connections.filter((c) => c.status === 'accepted' || c.status === 'creating');
}

async function checkDeletable(
  deps: ManageDeps,
  projectId: string,
  service: EndpointService,
): Promise<{ pending: number }> {
  if (service.status === 'deleting' || (await deps.deletions.get(projectId, service.id)))
    throw new AlreadyDeletingError(label(service));
  const connections = await deps.cloud.project(projectId).listConnections(service.id);
  const blocking = blockingConnections(connections);
  if (blocking.length > 0) throw new DeleteRefusedError(deleteBlockedText(label(service), blocking));
  return { pending: connections.filter((c) => c.status === 'pendingAcceptance').length };
}

export interface DeleteConfirmation {
  readonly kind: 'confirm';
  readonly projectId: string;
  readonly service: EndpointService;
  /** Connection requests that the deletion drops. */
  readonly pending: number;
}

/**
 * Finds the service and checks the right and the connections: what the confirmation shows, or why the
 * service cannot be deleted.
 */
export function prepareDelete(
  deps: ManageDeps,
  userId: string,
  ref: string,
): Promise<DeleteConfirmation | Refusal> {
  return refusedOr(async () => {
    const { projectId, service } = await findManaged(deps, userId, ref, 'delete');
    const { pending } = await checkDeletable(deps, projectId, service);
    return { kind: 'confirm', projectId, service, pending };
  });
}

/** Started, or refused; `inProgress` when someone's deletion of it runs already (their "Deleting…" stays). */
export type DeleteStart =
  | { readonly kind: 'started'; readonly deletion: Deletion }
  | (Refusal & { readonly inProgress: boolean });

/**
 * The confirmed click: checks everything again, starts the deletion and follows it in the background;
 * or says why not.
 */
export async function startDelete(
  deps: ManageDeps,
  userId: string,
  projectId: string,
  serviceId: string,
  knownAs = serviceId,
): Promise<DeleteStart> {
  const started = await refusedOr(() => beginDeletion(deps, userId, projectId, serviceId, knownAs));
  if (started.kind === 'refused')
    return { ...started, inProgress: started.cause instanceof AlreadyDeletingError };
  return started;
}

async function beginDeletion(
  deps: ManageDeps,
  userId: string,
  projectId: string,
  serviceId: string,
  knownAs: string,
): Promise<{ kind: 'started'; deletion: Deletion }> {
  // A late click on a finished deletion's Confirm: its owner record is gone, so the right check would
  // refuse it for having no owners. The service no longer exists, and that is what to say.
  const deletedAt = await deps.deletions.deletedAt(projectId, serviceId);
  if (deletedAt !== undefined)
    throw new DeleteRefusedError(
      `The service ${code(knownAs)} no longer exists: it was deleted on ${slackDate(deletedAt)}.`,
      'MANAGE_DELETE_GONE',
    );
  let service: EndpointService;
  try {
    ({ service } = await getManaged(deps, userId, projectId, serviceId, 'delete', knownAs));
  } catch (err) {
    if (err instanceof NotFoundError)
      throw new DeleteRefusedError(`The service ${code(serviceId)} no longer exists.`);
    throw err;
  }
  await checkDeletable(deps, projectId, service);
  const deletion: Deletion = {
    projectId,
    serviceId,
    label: label(service),
    requestedBy: userId,
    startedAt: Date.now(),
  };
  // Two clicks at once both pass the checks above; only the one that claims the deletion goes on.
  if (!(await deps.deletions.start(deletion))) throw new AlreadyDeletingError(deletion.label);
  try {
    await deps.cloud.project(projectId).deleteService(serviceId);
  } catch (err) {
    // An error after the cloud took the DELETE (a retried call answered EndPoint.3045, a lost
    // answer): the service is deleting all the same, so follow it. Otherwise this call, which
    // created the entry, ends it.
    if (!(await isDeleting(deps, projectId, serviceId))) {
      await deps.deletions.finish(projectId, serviceId);
      throw err;
    }
    deps.logger.warn({ err, projectId, serviceId }, 'the DELETE failed but the service is deleting');
  }
  await audit(deps, deletion, 'service.delete_requested');
  deps.logger.info({ projectId, serviceId, userId }, 'endpoint service deletion started');
  followInBackground(deps, deletion);
  return { kind: 'started', deletion };
}

/** Whether the cloud is deleting the service (or has deleted it); false when unsure. */
async function isDeleting(deps: ManageDeps, projectId: string, serviceId: string): Promise<boolean> {
  try {
    return (await deps.cloud.project(projectId).getService(serviceId)).status === 'deleting';
  } catch (err) {
    return err instanceof NotFoundError;
  }
}

function audit(deps: ManageDeps, deletion: Deletion, action: string, detail?: string): Promise<void> {
  return auditChange(deps, {
    action,
    actor: deletion.requestedBy,
    projectId: deletion.projectId,
    serviceId: deletion.serviceId,
    ...(detail ? { detail } : {}),
  });
}

/** Reports the outcome once, whoever noticed it (this process, another, or the job after a restart). */
export async function finishDeletion(
  deps: ManageDeps,
  deletion: Deletion,
  outcome: DeletionOutcome,
): Promise<void> {
  if (!(await deps.deletions.finish(deletion.projectId, deletion.serviceId))) return;
  if (outcome.ok) {
    // Before the record goes: from now on a late click hears "no longer exists", not "no owners".
    await deps.deletions
      .markDeleted(deletion.projectId, deletion.serviceId, Date.now())
      .catch((err: unknown) => deps.logger.warn({ err }, 'could not remember the finished deletion'));
    await deps.records
      .remove(deletion.projectId, deletion.serviceId)
      .catch((err: unknown) => deps.logger.warn({ err }, 'could not remove the service record'));
    await audit(deps, deletion, 'service.deleted');
  } else {
    await audit(deps, deletion, 'service.delete_failed', outcome.problem);
  }
  deps.logger.info({ serviceId: deletion.serviceId, ok: outcome.ok }, 'endpoint service deletion finished');
  await deps.messages.deletionFinished(deletion, outcome);
}

const followKey = (d: Pick<Deletion, 'projectId' | 'serviceId'>) => `deletion:${d.projectId}:${d.serviceId}`;

/**
 * Waits for the cloud in this process (polling with the client's intervals) and reports. Only the
 * cloud's "failed" is an outcome; any other error (a burst of 503s, a timeout) leaves the deletion
 * to the job's `checkDeletion`, which looks again and gives up after `DELETION_GIVE_UP_MS`.
 */
export function followInBackground(deps: ManageDeps, deletion: Deletion): void {
  deps.background.run(followKey(deletion), async (signal) => {
    let outcome: DeletionOutcome = { ok: true };
    try {
      await deps.cloud
        .project(deletion.projectId)
        .waitForService(deletion.serviceId, 'deleted', { signal, timeoutMs: DELETION_GIVE_UP_MS });
    } catch (err) {
      if (signal.aborted) return;
      if (!(err instanceof ServiceFailedError)) {
        deps.logger.warn(
          { err, serviceId: deletion.serviceId },
          'lost track of a deletion for now; the deletions job looks again',
        );
        return;
      }
      outcome = { ok: false, problem: userMessageOf(err) };
    }
    await finishDeletion(deps, deletion, outcome);
  });
}

/**
 * One look at a deletion nobody in this process follows (the job, e.g. after a restart): done, failed,
 * given up, or still running.
 */
export async function checkDeletion(deps: ManageDeps, deletion: Deletion, now: number): Promise<void> {
  if (deps.background.has(followKey(deletion))) return;
  try {
    const service = await deps.cloud.project(deletion.projectId).getService(deletion.serviceId);
    if (service.status === 'failed') {
      const error = service.errors[0];
      const problem = `the cloud reports the service as failed${error ? `: ${inertText(error.message)} (${inertText(error.code)})` : ''}.`;
      await finishDeletion(deps, deletion, { ok: false, problem });
    } else if (now - deletion.startedAt > DELETION_GIVE_UP_MS) {
      const problem = `it is still "${service.status}" after ${Math.round(DELETION_GIVE_UP_MS / 60_000)} minutes. Check it with ${code(`/vpcep show ${deletion.serviceId}`)}.`;
      await finishDeletion(deps, deletion, { ok: false, problem });
    }
  } catch (err) {
    if (err instanceof NotFoundError) await finishDeletion(deps, deletion, { ok: true });
    else throw err;
  }
}
