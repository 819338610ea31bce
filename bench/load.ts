/**
 * Closed-loop load: N virtual users, each sending its next request as soon as the previous one is
 * done, until a total count is reached. Latency is the caller's business (each task returns its own
 * measurement); this only schedules and times the whole run.
 */

export interface LoadResult<T> {
  /** Task results in completion order. */
  readonly results: T[];
  /** Wall time of the whole run, ms. */
  readonly wallMs: number;
}

/** Runs `total` tasks with `concurrency` workers; `task(i, worker)` gets a global index and its worker. */
export async function closedLoop<T>(
  concurrency: number,
  total: number,
  task: (index: number, worker: number) => Promise<T>,
): Promise<LoadResult<T>> {
  const results: T[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async (id: number) => {
    for (;;) {
      const index = next++;
      if (index >= total) return;
      results.push(await task(index, id));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, (_, id) => worker(id)));
  return { results, wallMs: performance.now() - started };
}

/** A Slack user ID for virtual user `n` (`UBENCH0007`). */
export function benchUser(n: number): string {
  return `UBENCH${String(n).padStart(4, '0')}`;
}
