/**
 * Load shapes. Closed loop: N virtual users, each sending its next request as soon as the previous one
 * is done. Open loop: requests sent at scheduled times (Poisson arrivals at a mean rate), whatever the
 * answers, so a slow app faces a queue instead of a politely waiting user. Latency is the caller's
 * business (each task returns its own measurement); this only schedules and times the run.
 */
import { setTimeout as sleep } from 'node:timers/promises';

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

/** A seeded pseudo-random source in [0, 1) (mulberry32): the same seed, the same sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` send times (ms from the start) of a Poisson process at `perSecond`: exponential gaps. */
export function poissonSchedule(perSecond: number, count: number, random: () => number): number[] {
  const times: number[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    at += (-Math.log(1 - random()) * 1000) / perSecond;
    times.push(at);
  }
  return times;
}

export interface OpenLoopResult<T> extends LoadResult<T> {
  /** How late each send left against its schedule, ms (the load generator's own lag). */
  readonly lateMs: number[];
}

/**
 * Starts `task(i)` at `schedule[i]` ms from now, without waiting for earlier tasks; then awaits them all.
 * `task` gets how late its send already is, so its latency can run from the scheduled arrival (no
 * coordinated omission: a generator that falls behind does not hide the queueing it causes).
 */
export async function openLoop<T>(
  schedule: readonly number[],
  task: (index: number, lateMs: number) => Promise<T>,
): Promise<OpenLoopResult<T>> {
  const results: T[] = [];
  const lateMs: number[] = [];
  const pending: Promise<void>[] = [];
  const started = performance.now();
  for (const [index, at] of schedule.entries()) {
    const wait = started + at - performance.now();
    if (wait > 0) await sleep(wait);
    const late = Math.max(0, performance.now() - started - at);
    lateMs.push(late);
    pending.push(
      task(index, late).then((result) => {
        results.push(result);
      }),
    );
  }
  await Promise.all(pending);
  return { results, wallMs: performance.now() - started, lateMs };
}

/** A Slack user ID for virtual user `n` (`UBENCH0007`). */
export function benchUser(n: number): string {
  return `UBENCH${String(n).padStart(4, '0')}`;
}
