/**
 * The approval poller: one leader across replicas (the job runner's fenced lease), every
 * `APPROVAL_POLL_SECONDS`. The runner renews the lease while a tick runs; the tick stops between items
 * as soon as the lease is no longer ours.
 */

import type { Job } from '../../../redis/job-runner.js';
import type { Approvals } from '../approval-use-cases.js';

export const APPROVAL_POLLER_JOB = 'approval-poller';

export function approvalPollerJob(approvals: Approvals, intervalMs: number): Job {
  return {
    name: APPROVAL_POLLER_JOB,
    intervalMs,
    async run({ lease, log, lost, stillLeader }) {
      const summary = await approvals.poll({
        log,
        stillLeader: stillLeader ?? (() => lease.isCurrent()),
        ...(lost ? { lost } : {}),
      });
      const changed = Object.values(summary).some((n) => n > 0);
      if (changed) log.info({ ...summary, token: lease.token }, 'approval poll changed requests');
    },
  };
}
