/**
 * Finishes following deletions that no process follows any more (e.g. the one that started them
 * restarted): one look at each per tick, on the job's leader only.
 */

import type { Job } from '../../../redis/job-runner.js';
import type { ManageDeps } from '../manage-deps.js';
import { checkDeletion } from '../usecases/delete-service.js';

export const DELETIONS_JOB_INTERVAL_MS = 10_000;

export function createDeletionsJob(deps: ManageDeps, intervalMs = DELETIONS_JOB_INTERVAL_MS): Job {
  return {
    name: 'manage-deletions',
    intervalMs,
    async run({ lease, log }) {
      for (const deletion of await deps.deletions.list()) {
        if (!(await lease.isCurrent())) return;
        await checkDeletion(deps, deletion, Date.now()).catch((err: unknown) =>
          log.warn({ err, serviceId: deletion.serviceId }, 'could not check a deletion; will try again'),
        );
      }
    },
  };
}
