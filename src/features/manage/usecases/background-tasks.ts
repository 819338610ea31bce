/**
 * Work a listener starts and does not wait for (following a deletion to its end). Tasks get an abort
 * signal that fires on shutdown; whatever they leave unfinished is in Redis for a job to pick up.
 */
import type { Logger } from '../../../platform/logging/logger.js';

export interface Background {
  /** Starts `task` now; failures are logged. `key` de-duplicates tasks in this process. */
  run(key: string, task: (signal: AbortSignal) => Promise<void>): void;
  /** Whether a task with this key runs in this process. */
  has(key: string): boolean;
  /** Aborts every task and waits (bounded) for them to settle. */
  stop(timeoutMs?: number): Promise<void>;
}

export function createBackground(logger: Logger): Background {
  const controller = new AbortController();
  const tasks = new Map<string, Promise<void>>();
  return {
    run(key, task) {
      if (tasks.has(key) || controller.signal.aborted) return;
      const running = task(controller.signal)
        .catch((err: unknown) => {
          if (!controller.signal.aborted) logger.warn({ err, task: key }, 'background task failed');
        })
        .finally(() => tasks.delete(key));
      tasks.set(key, running);
    },
    has: (key) => tasks.has(key),
    async stop(timeoutMs = 3000) {
      controller.abort();
      await Promise.race([
        Promise.allSettled([...tasks.values()]),
        new Promise((resolve) => setTimeout(resolve, timeoutMs).unref()),
      ]);
    },
  };
}
