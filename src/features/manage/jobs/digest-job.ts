/** Posts due digests (`/vpcep digest`), on the job's leader only; the clock is injectable for tests. */

import type { Job } from '../../../redis/job-runner.js';
import type { ManageDeps } from '../manage-deps.js';
import { runDueDigests } from '../usecases/digests.js';

export const DIGEST_JOB_INTERVAL_MS = 10_000;

export interface DigestJobOptions {
  readonly now?: () => number;
  readonly intervalMs?: number;
  /** How long a replica may take to post one digest before another may try. */
  readonly postingLeaseMs?: number;
}

export function createDigestJob(deps: ManageDeps, options: DigestJobOptions = {}): Job {
  const now = options.now ?? Date.now;
  return {
    name: 'digests',
    intervalMs: options.intervalMs ?? DIGEST_JOB_INTERVAL_MS,
    async run({ lease, log }) {
      const result = await runDueDigests(deps, now(), () => lease.isCurrent(), options.postingLeaseMs);
      log.debug({ ...result, token: lease.token }, 'digest tick');
    },
  };
}
