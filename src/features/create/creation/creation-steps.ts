/**
 * One creation, as steps from state to state. Each step does one thing in the cloud or in Redis and
 * saves the attempt (fenced by its lease) before the next: `pending` checks the quota and creates (or,
 * when the request may already have reached the cloud, finds the service it provably made first), and
 * records the owners at once, so that the service is claimed while it is still `creating`; `creating`
 * waits for `available` or `failed`; `configuring` makes sure of the owners' record (never over
 * someone else's) and then applies the whitelist; `done`/`failed`/`unknown` tell people. A step that
 * cannot finish now throws `RetryLater`, and the attempt resumes later.
 *
 * A service is taken as this attempt's only when the cloud's answer to its create names it, or when
 * it carries the attempt's own tag (`attemptTag`, on every create) and is no older than the attempt
 * (see cloud/otc/create-service.ts). Anything merely alike (same name, VPC, backend and ports) is
 * someone else's.
 */

import type { Permissions } from '../../../access/permissions.js';
import type { Owners, ServiceRecords } from '../../../access/service-records.js';
import {
  type CloudError,
  CloudError as CloudErrorClass,
  CreateUnconfirmedError,
  NotFoundError,
  PortConflictError,
  QuotaExceededError,
  ServiceFailedError,
  WaitTimeoutError,
} from '../../../cloud/errors.js';
import type { Cloud } from '../../../cloud/index.js';
import { provenService } from '../../../cloud/otc/create-service.js';
import type { CreateServiceInput, EndpointService } from '../../../cloud/types.js';
import { SERVER_TYPE } from '../../../domain/endpoint-service-spec.js';
import { ATTEMPT_TAG_KEY } from '../../../domain/tags.js';
import { AppError, userMessageOf } from '../../../platform/errors/app-error.js';
import type { Logger } from '../../../platform/logging/logger.js';
import type { AuditLog } from '../../../redis/audit-log.js';
import { serviceQuotaUsage } from '../model/quota-usage.js';
import { type Attempt, formatAttemptRef } from '../store/create-attempts.js';
import type { Draft, Drafts } from '../store/drafts.js';
import { attemptIdOf, attemptTagValue, isChannel } from './attempt-model.js';
import type { CreationNotifier } from './creation-notifier.js';

/** The step could not finish now (cloud or Redis unavailable, still creating): resume later. */
export class RetryLater extends AppError {
  constructor(cause: unknown) {
    super('CREATE_RETRY_LATER', 'creation step deferred', {
      userMessage: userMessageOf(cause),
      cause,
      retryable: true,
    });
  }
}

/** Another worker holds the attempt now: this one must stop without writing. */
export class LeaseLostError extends AppError {
  constructor() {
    super('CREATE_LEASE_LOST', 'the lease of the creation attempt was lost', {
      userMessage: 'Another replica took over this creation.',
    });
  }
}

export interface StepContext {
  readonly cloud: Cloud;
  readonly records: ServiceRecords;
  /** Whether the creator may still manage the service, when its owners changed since the attempt began. */
  readonly permissions: Permissions;
  readonly audit: AuditLog;
  readonly drafts: Drafts;
  readonly notifier: CreationNotifier;
  readonly logger: Logger;
  readonly signal: AbortSignal;
  /** Saves the attempt under the lease; throws when the lease is lost. */
  save(next: Attempt): Promise<Attempt>;
  /** How long transient failures are retried before the attempt fails. */
  readonly retryWindowMs: number;
  /** Ceiling of one wait for `available` (the wait resumes until the retry window ends). */
  readonly waitTimeoutMs?: number | undefined;
}

/**
 * What the cloud is asked for: the spec, with TCP and approval explicit; and the attempt's own tag,
 * the one thing that can later prove which service this attempt made (a name can be copied).
 */
export function createInput(attempt: Attempt): CreateServiceInput {
  const { spec } = attempt;
  return {
    vpcId: spec.vpcId,
    portId: spec.portId,
    serverType: SERVER_TYPE[spec.backendType],
    ports: spec.ports.map((p) => ({
      clientPort: p.terminalPort,
      serverPort: p.servicePort,
      protocol: 'TCP',
    })),
    approvalEnabled: spec.approvalEnabled,
    ...(spec.name ? { name: spec.name } : {}),
    ...(spec.description ? { description: spec.description } : {}),
    tags: spec.tags.map((t) => ({ key: t.key, value: t.value })),
    attemptTag: { key: ATTEMPT_TAG_KEY, value: attemptTagValue(attempt) },
  };
}

function ageMs(attempt: Attempt): number {
  return Date.now() - Date.parse(attempt.createdAt);
}

/** The failure to record for `err`, or a `RetryLater` while transient failures may still pass. */
function outcomeOf(err: unknown, attempt: Attempt, ctx: StepContext): Attempt['error'] {
  if (ctx.signal.aborted || err instanceof LeaseLostError || err instanceof RetryLater) throw err;
  if (err instanceof QuotaExceededError)
    return {
      code: err.otcCode ?? 'Endpoint.1018',
      message: `Quota exceeded: the project has as many endpoint services as its quota allows. Delete one you no longer need, or ask the cloud administrators for a higher quota.${err.otcMessage ? ` (${err.otcMessage})` : ''}`,
    };
  const transient =
    err instanceof CreateUnconfirmedError ||
    err instanceof WaitTimeoutError ||
    (err instanceof AppError && err.retryable) ||
    !(err instanceof AppError);
  if (transient && ageMs(attempt) < ctx.retryWindowMs) throw new RetryLater(err);
  if (err instanceof CloudErrorClass && err.otcCode)
    return { code: err.otcCode, message: (err as CloudError).otcMessage ?? err.userMessage };
  return { message: userMessageOf(err) };
}

async function fail(attempt: Attempt, error: Attempt['error'], ctx: StepContext): Promise<Attempt> {
  ctx.logger.warn({ attemptId: attempt.id, error }, 'endpoint service creation failed');
  return ctx.save({ ...attempt, state: 'failed', error });
}

/** The service an earlier request of this attempt provably made (its tag, and not older). */
async function findCreated(attempt: Attempt, ctx: StepContext): Promise<EndpointService | undefined> {
  const input = createInput(attempt);
  const candidates = await ctx.cloud
    .project(attempt.spec.projectId)
    .listServices(input.name ? { name: input.name } : {});
  return provenService(candidates, input, Date.parse(attempt.createdAt));
}

async function quotaFull(attempt: Attempt, ctx: StepContext): Promise<Attempt['error']> {
  try {
    const usage = await serviceQuotaUsage(ctx.cloud.project(attempt.spec.projectId), ctx.logger);
    if (usage.used < usage.quota) return undefined;
    const counted = usage.counted
      ? ` (counted: the quotas API did not answer, and ${usage.quota} is the default quota)`
      : '';
    return {
      code: 'Endpoint.1018',
      message: `Quota full: ${usage.used}/${usage.quota} endpoint services are in use in ${attempt.region}${counted}. Delete one you no longer need, or ask the cloud administrators for a higher quota.`,
    };
  } catch (err) {
    ctx.logger.info({ err }, 'quota unreadable before create; the cloud checks it itself');
    return undefined;
  }
}

/**
 * Writes the owners' record of `serviceId` as this attempt's (see `ServiceRecords.putCreated`): only
 * when the service has none, or the record is this attempt's own. `taken` when it is someone else's.
 */
async function record(attempt: Attempt, serviceId: string, ctx: StepContext): Promise<'written' | 'taken'> {
  const { spec } = attempt;
  try {
    return await ctx.records.putCreated({
      projectId: spec.projectId,
      serviceId,
      owners: { users: [...spec.owners.users], groups: [...spec.owners.groups] },
      ...(spec.approvalChannel ? { approvalChannel: spec.approvalChannel } : {}),
      ...(spec.name ? { name: spec.name } : {}),
      createdBy: attempt.userId,
      createdAt: new Date().toISOString(),
      createdByAttempt: formatAttemptRef(attempt),
      ...(isChannel(attempt.channelId) ? { announceChannel: attempt.channelId } : {}),
    });
  } catch (err) {
    throw err instanceof LeaseLostError ? err : new RetryLater(err);
  }
}

/**
 * The service this attempt made (the cloud's answer to its create named it, or it carries the
 * attempt's tag): its owners are recorded at once, while it is still `creating`, so nothing else can
 * claim it meanwhile; then its id is kept and it is followed.
 */
async function claim(attempt: Attempt, service: EndpointService, ctx: StepContext): Promise<Attempt> {
  if ((await record(attempt, service.id, ctx)) === 'taken') return unknown(attempt, TAKEN_MESSAGE, ctx);
  return ctx.save({ ...attempt, state: 'creating', serviceId: service.id, serviceName: service.serviceName });
}

/** The service an earlier request of this attempt created: claimed like a fresh one. */
async function adopt(attempt: Attempt, service: EndpointService, ctx: StepContext): Promise<Attempt> {
  ctx.logger.info(
    { attemptId: attempt.id, serviceId: service.id },
    'found the service an earlier try created',
  );
  return claim(attempt, service, ctx);
}

const UNCONFIRMED_MESSAGE =
  'The cloud never confirmed the create request, and no matching service has appeared. Check `/vpcep list` before trying again, so the service is not created twice.';

const UNKNOWN_MESSAGE =
  'The cloud never confirmed the create request, and no service that this request provably made has appeared: it may appear later, or it may never have been created. Check `/vpcep list` before trying again, so the service is not created twice. The bot admins have been told.';

const TAKEN_MESSAGE =
  'The cloud reported a service for this request that the bot already records for someone else, so the bot changed nothing on it. The bot admins have been told.';

/**
 * The outcome cannot be known: nothing is adopted, nothing is written, and no service is named (the
 * one in question may be someone else's). The creator and the admins are told.
 */
async function unknown(attempt: Attempt, message: string, ctx: StepContext): Promise<Attempt> {
  ctx.logger.warn(
    { attemptId: attempt.id, serviceId: attempt.serviceId },
    'endpoint service creation ended with an unknown outcome',
  );
  const { serviceId: _id, serviceName: _name, ...rest } = attempt;
  return ctx.save({ ...rest, state: 'unknown', error: { message } });
}

/**
 * `pending`: checks the quota and sends the create once. An attempt that sent it before (a restart)
 * first looks for the service it provably made. One whose request the cloud never confirmed never
 * sends it again: it keeps looking until the retry window ends, then ends as `unknown`. A second
 * request that the cloud refuses with `EndPoint.3044` (the backend already serves these ports) means
 * the first one may have landed: look.
 */
async function stepPending(attempt: Attempt, ctx: StepContext): Promise<Attempt> {
  const project = ctx.cloud.project(attempt.spec.projectId);
  let current = attempt;
  try {
    if (current.sent) {
      const found = await findCreated(current, ctx);
      if (found) return await adopt(current, found, ctx);
      if (current.unconfirmed)
        throw new CreateUnconfirmedError({
          operation: 'create the endpoint service',
          userMessage: UNCONFIRMED_MESSAGE,
        });
    } else {
      const full = await quotaFull(current, ctx);
      if (full) return await fail(current, full, ctx);
      current = await ctx.save({ ...current, sent: true });
    }
    let service: EndpointService;
    try {
      service = await project.createService(createInput(current));
    } catch (err) {
      if (err instanceof CreateUnconfirmedError) current = await ctx.save({ ...current, unconfirmed: true });
      if (err instanceof PortConflictError && attempt.sent) {
        const found = await findCreated(current, ctx);
        if (found) return await adopt(current, found, ctx);
      }
      throw err;
    }
    ctx.logger.info({ attemptId: current.id, serviceId: service.id }, 'endpoint service create accepted');
    return await claim(current, service, ctx);
  } catch (err) {
    const error = outcomeOf(err, current, ctx);
    // A request the cloud never confirmed may still have landed: neither failed nor done.
    if (current.unconfirmed) return unknown(current, UNKNOWN_MESSAGE, ctx);
    return fail(current, error, ctx);
  }
}

async function stepCreating(attempt: Attempt, ctx: StepContext): Promise<Attempt> {
  const serviceId = attempt.serviceId ?? '';
  try {
    const service = await ctx.cloud.project(attempt.spec.projectId).waitForService(serviceId, 'available', {
      signal: ctx.signal,
      ...(ctx.waitTimeoutMs ? { timeoutMs: ctx.waitTimeoutMs } : {}),
    });
    return await ctx.save({ ...attempt, state: 'configuring', serviceName: service.serviceName });
  } catch (err) {
    if (err instanceof ServiceFailedError)
      return fail(
        attempt,
        {
          ...(err.otcCode ? { code: err.otcCode } : {}),
          message: `${err.otcMessage ?? 'The cloud reports the service as failed.'} The failed service ${serviceId} stays in the cloud; delete it with \`/vpcep delete ${serviceId}\`.`,
        },
        ctx,
      );
    if (err instanceof NotFoundError)
      return fail(
        attempt,
        {
          message: `The service ${serviceId} disappeared from the cloud before it became available (deleted in the meantime?).`,
        },
        ctx,
      );
    return fail(attempt, outcomeOf(err, attempt, ctx), ctx);
  }
}

const OWNERS_CHANGED_MESSAGE =
  "the service's owners were changed while it was being created, and you may not manage it any more, so the bot left its whitelist as it is; one of its owners or a bot admin can add the accounts.";

function sameOwners(a: Owners, b: Attempt['spec']['owners']): boolean {
  const same = (x: readonly string[], y: readonly string[]) =>
    x.length === y.length && [...x].sort().join() === [...y].sort().join();
  return same(a.users, b.users) && same(a.groups, b.groups);
}

/**
 * Why the creator may not set the whitelist now, if so. The attempt's own record may have been changed
 * since it was written (an admin reassigning the owners while the service was being created, or before
 * a resumed attempt got here): then the creator must be able to manage the service as it is owned now.
 * Unknown group membership is asked again later, until the retry window ends.
 */
async function whitelistRefusal(attempt: Attempt, ctx: StepContext): Promise<string | undefined> {
  const { spec } = attempt;
  try {
    const current = await ctx.records.get(spec.projectId, attempt.serviceId ?? '');
    if (current && sameOwners(current.owners, spec.owners)) return undefined;
    if (await ctx.permissions.canManage(attempt.userId, current?.owners)) return undefined;
    ctx.logger.warn(
      { attemptId: attempt.id, serviceId: attempt.serviceId },
      'the owners changed during the creation and the creator may no longer manage the service: whitelist not applied',
    );
    return OWNERS_CHANGED_MESSAGE;
  } catch (err) {
    if (err instanceof AppError && err.retryable && ageMs(attempt) < ctx.retryWindowMs)
      throw new RetryLater(err);
    return userMessageOf(err);
  }
}

/**
 * `configuring`: the owners' record first (normally written when the service was claimed; written
 * here for an attempt claimed before that was so), only on a service without a record or with this
 * attempt's own; then the whitelist, which this attempt may set only on a service it recorded as its
 * own, and only while its creator may still manage it. A record of someone else's ends the attempt as
 * unknown, with nothing changed.
 */
async function stepConfiguring(attempt: Attempt, ctx: StepContext): Promise<Attempt> {
  const { spec } = attempt;
  const serviceId = attempt.serviceId ?? '';
  if ((await record(attempt, serviceId, ctx)) === 'taken') return unknown(attempt, TAKEN_MESSAGE, ctx);
  let whitelistProblem: string | undefined;
  if (spec.whitelist.length > 0) whitelistProblem = await whitelistRefusal(attempt, ctx);
  if (spec.whitelist.length > 0 && !whitelistProblem) {
    try {
      await ctx.cloud.project(spec.projectId).updateWhitelist(serviceId, 'add', spec.whitelist);
    } catch (err) {
      if (ctx.signal.aborted || err instanceof LeaseLostError) throw err;
      if (err instanceof AppError && err.retryable && ageMs(attempt) < ctx.retryWindowMs)
        throw new RetryLater(err);
      whitelistProblem = userMessageOf(err);
    }
  }
  try {
    await ctx.audit.append({
      action: 'service.created',
      actor: attempt.userId,
      projectId: spec.projectId,
      serviceId,
      detail: attempt.serviceName ?? serviceId,
    });
  } catch (err) {
    throw err instanceof LeaseLostError ? err : new RetryLater(err);
  }
  return ctx.save({ ...attempt, state: 'done', ...(whitelistProblem ? { whitelistProblem } : {}) });
}

/** True when `draft` started `attempt` (also when marking it `creating` did not get through). */
function startedBy(draft: Draft, attempt: Attempt): boolean {
  return (
    draft.attemptId === attempt.id ||
    (draft.step === 'review' && attemptIdOf(draft.id, draft.reviewId) === attempt.id)
  );
}

/**
 * The outcome is known: the draft learns it, then people do, each notice saved as sent as soon as it
 * is out. A result the creator could not be sent is tried again later, until the retry window ends (then the notifier says it where it still can).
 */
async function stepFinish(attempt: Attempt, ctx: StepContext): Promise<Attempt> {
  try {
    await ctx.drafts.update(
      attempt,
      attempt.draftId,
      (draft) =>
        startedBy(draft, attempt)
          ? { ...draft, step: attempt.state === 'done' ? 'done' : 'failed', attemptId: attempt.id }
          : undefined,
      { keepRevision: true },
    );
  } catch (err) {
    throw new RetryLater(err);
  }
  const lastChance = ageMs(attempt) >= ctx.retryWindowMs;
  let saved = attempt;
  // Saved after each notice, under the lease: a crash between the announcement and the direct
  // message repeats only the direct message.
  const told = await ctx.notifier.finish(attempt, {
    lastChance,
    record: async (next) => {
      saved = await ctx.save({ ...attempt, ...next });
    },
  });
  if (!told.notified.dm)
    throw new RetryLater(
      new AppError('CREATE_RESULT_UNSENT', 'the creation result could not be sent to its creator', {
        userMessage: 'The result could not be sent yet; it is sent again shortly.',
        retryable: true,
      }),
    );
  return saved;
}

/** Moves the attempt one state further. */
export async function advance(attempt: Attempt, ctx: StepContext): Promise<Attempt> {
  switch (attempt.state) {
    case 'pending':
      return stepPending(attempt, ctx);
    case 'creating':
      return stepCreating(attempt, ctx);
    case 'configuring':
      return stepConfiguring(attempt, ctx);
    case 'done':
    case 'failed':
    case 'unknown':
      return stepFinish(attempt, ctx);
  }
}
