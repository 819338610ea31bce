/**
 * Runs background jobs on one replica at a time. Each job has its own leader lease (so jobs spread over
 * replicas); a replica runs a tick only while it holds that job's lease, and a tick never overlaps the
 * previous one. Failures are logged and the loop goes on.
 */
import type { Logger } from '../logging/logger.js';
import type { LeaderLock, Lease } from '../stores/leader-lock.js';

export interface JobContext {
  readonly lease: Lease;
  readonly log: Logger;
}

export interface Job {
  readonly name: string;
  readonly intervalMs: number;
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
      await job.run({ lease, log });
    } catch (err) {
      log.warn({ err }, 'job tick failed; will try again');
    }
  }

  function schedule(job: Job, delayMs: number): void {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      const run = tick(job);
      running.add(run);
      void run.finally(() => {
        running.delete(run);
        schedule(job, job.intervalMs);
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
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.race([Promise.allSettled([...running]), new Promise((r) => setTimeout(r, timeoutMs))]);
      await Promise.allSettled([...leases.values()].map((lease) => lock.release(lease)));
      leases.clear();
    },
  };
}
