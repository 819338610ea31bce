/**
 * Runs creation attempts in the background, one worker per attempt, while holding the attempt's lease
 * (renewed as it works). A worker that stops (shutdown, a step to retry later) gives the lease back at
 * once; one that dies leaves it to expire. Either way the resume job takes the attempt over, so a
 * restart loses nothing and nothing runs twice.
 */
import { randomBytes } from 'node:crypto';
import type { Permissions } from '../../../access/permissions.js';
import type { ServiceRecords } from '../../../access/service-records.js';
import type { Cloud } from '../../../cloud/index.js';
import type { Logger } from '../../../platform/logging/logger.js';
import type { AuditLog } from '../../../redis/audit-log.js';
import {
  type Attempt,
  type AttemptRef,
  type CreateAttempts,
  formatAttemptRef,
} from '../store/create-attempts.js';
import type { Drafts } from '../store/drafts.js';
import { attemptFinished } from './attempt-model.js';
import type { CreationNotifier } from './creation-notifier.js';
import { advance, LeaseLostError, RetryLater, type StepContext } from './creation-steps.js';

export interface RunnerTiming {
  /** Lease lifetime; a dead worker's attempt resumes after it. */
  readonly leaseMs: number;
  readonly renewMs: number;
  /** How long transient failures are retried before the attempt fails. */
  readonly retryWindowMs: number;
  /** Ceiling of one wait for `available`; the client's default (10 minutes) when unset. */
  readonly waitTimeoutMs?: number;
}

export const DEFAULT_RUNNER_TIMING: RunnerTiming = {
  leaseMs: 30_000,
  renewMs: 10_000,
  retryWindowMs: 15 * 60_000,
};

export interface RunnerDeps {
  readonly cloud: Cloud;
  readonly attempts: CreateAttempts;
  readonly drafts: Drafts;
  readonly records: ServiceRecords;
  readonly permissions: Permissions;
  readonly audit: AuditLog;
  readonly notifier: CreationNotifier;
  readonly logger: Logger;
  readonly instanceId: string;
  readonly timing?: Partial<RunnerTiming>;
}

export interface CreationRunner {
  readonly leaseMs: number;
  /** A lease token of this process. */
  newLeaseToken(): string;
  /** Runs a claimed attempt whose lease `leaseToken` holds, in the background. */
  start(attempt: Attempt, leaseToken: string): void;
  /** Takes over an attempt whose worker is gone; false when someone holds it. */
  resume(ref: AttemptRef): Promise<boolean>;
  isRunning(ref: AttemptRef): boolean;
  /** Stops every worker and gives their leases back. */
  stop(): Promise<void>;
}

export function createCreationRunner(deps: RunnerDeps): CreationRunner {
  const timing: RunnerTiming = { ...DEFAULT_RUNNER_TIMING, ...deps.timing };
  const running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  let stopping = false;
  const newLeaseToken = () => `${deps.instanceId}:${randomBytes(6).toString('hex')}`;

  async function run(first: Attempt, token: string, controller: AbortController): Promise<void> {
    const log = deps.logger.child({ attemptId: first.id, user: first.userId });
    const renew = setInterval(() => {
      deps.attempts.renew(first, token, timing.leaseMs).then(
        (held) => {
          if (!held) controller.abort(new LeaseLostError());
        },
        (err: unknown) => log.debug({ err }, 'could not renew the creation lease'),
      );
    }, timing.renewMs);
    renew.unref();
    const ctx: StepContext = {
      cloud: deps.cloud,
      records: deps.records,
      permissions: deps.permissions,
      audit: deps.audit,
      drafts: deps.drafts,
      notifier: deps.notifier,
      logger: log,
      signal: controller.signal,
      retryWindowMs: timing.retryWindowMs,
      waitTimeoutMs: timing.waitTimeoutMs,
      async save(next) {
        if (!(await deps.attempts.save(next, token))) throw new LeaseLostError();
        return next;
      },
    };
    let keepLease = false;
    try {
      let attempt = first;
      while (!attemptFinished(attempt)) {
        const before = attempt.state;
        attempt = await advance(attempt, ctx);
        if (attempt.state === 'creating' && before === 'pending') await deps.notifier.showProgress(attempt);
      }
      await deps.attempts.retire(attempt);
      log.info({ state: attempt.state, serviceId: attempt.serviceId }, 'creation attempt finished');
    } catch (err) {
      if (err instanceof LeaseLostError || controller.signal.reason instanceof LeaseLostError) {
        keepLease = true;
        log.warn('another worker took over this creation');
      } else if (controller.signal.aborted) {
        log.info('creation paused for shutdown; it resumes on the next start');
      } else if (err instanceof RetryLater) {
        log.info({ err: err.cause }, 'creation step deferred; it resumes shortly');
      } else {
        log.error({ err }, 'creation step failed unexpectedly; it resumes shortly');
      }
    } finally {
      clearInterval(renew);
      if (!keepLease) await deps.attempts.release(first, token).catch(() => undefined);
    }
  }

  function start(attempt: Attempt, token: string): void {
    const key = formatAttemptRef(attempt);
    if (running.has(key)) return;
    if (stopping) {
      // Shutting down: leave it to the next start, at once.
      void deps.attempts.release(attempt, token).catch(() => undefined);
      return;
    }
    const controller = new AbortController();
    const done = run(attempt, token, controller).finally(() => running.delete(key));
    running.set(key, { controller, done });
  }

  return {
    leaseMs: timing.leaseMs,
    newLeaseToken,
    start,
    isRunning: (ref) => running.has(formatAttemptRef(ref)),
    async resume(ref) {
      if (stopping || running.has(formatAttemptRef(ref))) return false;
      const token = newLeaseToken();
      if (!(await deps.attempts.acquire(ref, token, timing.leaseMs))) return false;
      const attempt = await deps.attempts.get(ref);
      if (!attempt || attemptFinished(attempt)) {
        await deps.attempts.release(ref, token);
        if (attempt) await deps.attempts.retire(ref);
        return false;
      }
      deps.logger.info({ attemptId: attempt.id, state: attempt.state }, 'resuming a creation attempt');
      start(attempt, token);
      return true;
    },
    async stop() {
      stopping = true;
      const workers = [...running.values()];
      for (const worker of workers) worker.controller.abort();
      await Promise.race([
        Promise.allSettled(workers.map((w) => w.done)),
        new Promise((resolve) => setTimeout(resolve, 3000).unref()),
      ]);
    },
  };
}
