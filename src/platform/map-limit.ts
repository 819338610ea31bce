/** Runs `fn` over `items` with at most `limit` calls in flight, keeping the order of the results. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Tasks handed in over time, at most `limit` in flight; `idle()` resolves once every task is done. */
export interface Limiter {
  /** Queues `task`; a task's failure is its own (catch inside it). */
  run(task: () => Promise<void>): void;
  idle(): Promise<void>;
}

export function createLimiter(limit: number): Limiter {
  const queue: (() => Promise<void>)[] = [];
  const waiting: (() => void)[] = [];
  let active = 0;
  const settle = () => {
    if (active === 0 && queue.length === 0) for (const done of waiting.splice(0)) done();
  };
  const pump = () => {
    while (active < limit && queue.length > 0) {
      const task = queue.shift() as () => Promise<void>;
      active++;
      void task()
        .catch(() => undefined)
        .finally(() => {
          active--;
          pump();
          settle();
        });
    }
  };
  return {
    run(task) {
      queue.push(task);
      pump();
    },
    idle: () =>
      new Promise<void>((done) => {
        waiting.push(done);
        settle();
      }),
  };
}
