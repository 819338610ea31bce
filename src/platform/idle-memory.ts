/**
 * Gives memory back once the bot goes quiet. After a burst, V8 keeps the heap it grew (a young
 * generation of up to 48 MB, old-space pages) until its own memory reducer runs, tens of seconds later,
 * so a replica that served a burst sat idle at twice its size (issue 13: 228 MB five seconds after the
 * click run, 103 MB after thirty). When requests were served since the last release and none has come
 * for `quietMs`, and the process grew by `minGrowthBytes` since the last release (a burst, not a trickle
 * of single requests), a full collection runs, and a second one a second later (the first frees the
 * objects, the second the pages they left): a few milliseconds once per burst, never while busy. The young
 * generation is capped by `npm start` (`--max-semi-space-size=4`: 8 MB instead of up to 48 MB, with no
 * CPU cost we could measure).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Logger } from './logging/logger.js';

const SECOND_COLLECTION_MS = 1000;

export interface IdleMemoryOptions {
  /** How many requests have been served so far (only its changes matter). */
  readonly served: () => number;
  readonly quietMs: number;
  /** Growth of the resident set since the last release that makes it worth one (default 24 MB). */
  readonly minGrowthBytes?: number;
  readonly logger: Logger;
  /** The resident set size; `process.memoryUsage.rss` when not given. */
  readonly rss?: () => number;
  /** The full collection; V8's own `gc`, exposed for this, when not given. */
  readonly collect?: () => void;
}

/** V8's `gc()`: exposed by a flag, which only a context created after it sees. */
export function exposedGc(): (() => void) | undefined {
  const existing = (globalThis as { gc?: unknown }).gc;
  if (typeof existing === 'function') return existing as () => void;
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  return typeof gc === 'function' ? (gc as () => void) : undefined;
}

export function releaseMemoryWhenIdle(options: IdleMemoryOptions): { stop(): void } {
  const collect = options.collect ?? exposedGc();
  if (!collect) return { stop: () => undefined };
  const rss = options.rss ?? (() => process.memoryUsage.rss());
  const minGrowth = options.minGrowthBytes ?? 24 * 1024 * 1024;
  let baseline = rss();
  let seen = options.served();
  let lastChange = Date.now();
  let released = true;
  const timer = setInterval(
    () => {
      baseline = Math.min(baseline, rss());
      const now = options.served();
      if (now !== seen) {
        seen = now;
        lastChange = Date.now();
        released = false;
        return;
      }
      if (released || Date.now() - lastChange < options.quietMs) return;
      released = true;
      const before = rss();
      if (before - baseline < minGrowth) return;
      collect();
      setTimeout(() => {
        collect();
        baseline = rss();
        options.logger.debug({ rssBefore: before, rssAfter: baseline }, 'idle: released a burst');
      }, SECOND_COLLECTION_MS).unref();
    },
    Math.max(100, Math.floor(options.quietMs / 2)),
  );
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
