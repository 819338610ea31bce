/**
 * Runs background jobs on one replica at a time. Each job has its own leader lease (so jobs spread over
 * replicas); a replica runs a tick only while it holds that job's lease, and a tick never overlaps the
 * previous one. The lease is renewed every third of its TTL while a tick runs, so a long tick (many paced
 * posts, 429 waits) keeps its leadership; if a renewal finds the lease lost, `lost` is aborted and
 * `stillLeader()` answers false, for the job to stop between items. Failures are logged and the loop goes on.
 */
import type { Logger } from '../platform/logging/logger.js';
import type { LeaderLock, Lease } from './leader-lock.js';

export interface JobContext {
  readonly lease: Lease;
  readonly log: Logger;
  /**
   * Aborted when a renewal during this tick finds the lease lost, or when the runner stops (absent when
   * run outside the runner): a long tick stops between items.
   */
  readonly lost?: AbortSignal;
  /** False once the lease is lost: the fencing check to make between items (absent outside the runner). */
  stillLeader?(): Promise<boolean>;
}

export interface Job {
  readonly name: string;
  readonly intervalMs: number;
  /**
   * The interval counts from the start of a tick, so a tick that outlasts it is followed at once
   * (a paced pass that takes longer than the interval runs back to back); by default it counts from
   * the end of the tick.
   */
  readonly fromTickStart?: boolean;
  run(context: JobContext): Promise<void>;
}

export interface JobRunner {
  add(job: Job): void;
  start(): void;
  /** Stops scheduling, waits for running ticks (bounded), releases held leases. */
  stop(timeoutMs?: number): Promise<void>;
}

export function createJobRunner(lock: LeaderLock, logger: Logger): JobRunner {
  const jobs: Job[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  const leases = new Map<string, Lease>();
  let started = false;
  let stopped = false;
  const stopping = new AbortController();

  async function tick(job: Job): Promise<void> {
    const log = logger.child({ job: job.name });
    try {
      const ttl = Math.max(job.intervalMs * 3, 5000);
      const lease = await lock.acquire(job.name, ttl);
      if (!lease) {
        leases.delete(job.name);
        return;
      }
      if (!leases.has(job.name)) log.info({ token: lease.token }, 'became leader for job');
      leases.set(job.name, lease);
      const renewal = keepLeaseDuringTick(job, lease, ttl, log);
      const lost = AbortSignal.any([renewal.lost, stopping.signal]);
      try {
        await job.run({
          lease,
          log,
          lost,
          stillLeader: async () => !lost.aborted && (await lease.isCurrent()),
        });
      } finally {
        renewal.stop();
      }
    } catch (err) {
      log.warn({ err }, 'job tick failed; will try again');
    }
  }

  /** Renews the lease every third of its TTL while a tick runs; aborts `lost` when it is gone. */
  function keepLeaseDuringTick(job: Job, lease: Lease, ttl: number, log: Logger) {
    const lost = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    const beat = () => {
      timer = setTimeout(
        async () => {
          try {
            const renewed = await lock.acquire(job.name, ttl);
            if (!stopped && renewed?.token !== lease.token) {
              lost.abort();
              if (renewed) leases.set(job.name, renewed);
              else leases.delete(job.name);
              log.warn({ token: lease.token }, 'lost the job lease during a tick; stopping it');
              return;
            }
          } catch (err) {
            log.warn({ err }, 'could not renew the job lease during a tick; trying again');
          }
          if (!stopped) beat();
        },
        Math.max(Math.floor(ttl / 3), 50),
      );
      timer.unref();
    };
    beat();
    return {
      lost: lost.signal,
      stop() {
        stopped = true;
        if (timer) clearTimeout(timer);
      },
    };
  }

  function schedule(job: Job, delayMs: number): void {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      const startedAt = Date.now();
      const run = tick(job);
      running.add(run);
      void run.finally(() => {
        running.delete(run);
        const since = job.fromTickStart ? Date.now() - startedAt : 0;
        schedule(job, Math.max(0, job.intervalMs - since));
      });
    }, delayMs);
    timer.unref();
    timers.add(timer);
  }

  return {
    add(job) {
      jobs.push(job);
      if (started) schedule(job, 0);
    },
    start() {
      started = true;
      for (const job of jobs) schedule(job, Math.floor(Math.random() * Math.min(job.intervalMs, 1000)));
    },
    async stop(timeoutMs = 5000) {
      stopped = true;
      stopping.abort();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.race([Promise.allSettled([...running]), new Promise((r) => setTimeout(r, timeoutMs))]);
      await Promise.allSettled([...leases.values()].map((lease) => lock.release(lease)));
      leases.clear();
    },
  };
}
