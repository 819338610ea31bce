/**
 * The approval poller: one leader across replicas (the job runner's fenced lease), a pass every
 * `APPROVAL_POLL_SECONDS` counted from the start of the previous one, or back to back when a pass
 * (paced at `APPROVAL_POLL_RATE` calls/s per project) takes longer. So a new pending connection is
 * seen within max(APPROVAL_POLL_SECONDS, S / APPROVAL_POLL_RATE) seconds, S being the project's
 * approval-enabled services. The runner renews the lease while a tick runs; the tick stops between
 * items as soon as the lease is no longer ours, or the runner stops.
 */

import type { Job } from '../../../redis/job-runner.js';
import type { Approvals } from '../approval-use-cases.js';

export const APPROVAL_POLLER_JOB = 'approval-poller';

export function approvalPollerJob(approvals: Approvals, intervalMs: number): Job {
  return {
    name: APPROVAL_POLLER_JOB,
    intervalMs,
    fromTickStart: true,
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
