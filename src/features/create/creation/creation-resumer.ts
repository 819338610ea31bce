/**
 * Resumes creations whose worker is gone (a restart, a crash, a step deferred for a retry): on the
 * leader, every few seconds, each active attempt without a live lease is taken over and run to the
 * end. Finished attempts leave the index; a claim that never got written (a crash between indexing
 * and claiming) is dropped after a minute.
 */

import type { Job } from '../../../redis/job-runner.js';
import type { CreateAttempts } from '../store/create-attempts.js';
import { attemptFinished } from './attempt-model.js';
import type { CreationRunner } from './creation-runner.js';

export const CREATION_RESUMER_JOB = 'create-resume';
const BATCH = 200;
const ORPHAN_AFTER_MS = 60_000;

export function creationResumerJob(deps: {
  attempts: CreateAttempts;
  runner: CreationRunner;
  intervalMs?: number;
}): Job {
  return {
    name: CREATION_RESUMER_JOB,
    intervalMs: deps.intervalMs ?? 5000,
    async run({ log }) {
      for (const { ref, sinceMs } of await deps.attempts.active(BATCH)) {
        if (deps.runner.isRunning(ref)) continue;
        const attempt = await deps.attempts.get(ref);
        if (!attempt) {
          if (Date.now() - sinceMs > ORPHAN_AFTER_MS) await deps.attempts.retire(ref);
          continue;
        }
        if (attemptFinished(attempt)) {
          await deps.attempts.retire(ref);
          continue;
        }
        if (await deps.runner.resume(ref)) log.info({ attemptId: ref.id }, 'took over a creation attempt');
      }
    },
  };
}
