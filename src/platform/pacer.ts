/**
 * Spaces calls out evenly: each `turn()` resolves at least 1/rate seconds after the turn before it
 * actually started, in the order asked. Turns are handed out one at a time from when each really
 * begins, so a late timer or a busy event loop never lets two calls start together, and time a slow
 * call lost is never made up (no burst to catch up). After a pause longer than the gap the next turn
 * is free at once, so a pacer kept from one pass to the next never delays a short pass that starts
 * after a pause, and keeps back-to-back passes evenly spaced.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface Pacer {
  /** Waits for the next turn; rejects when `signal` aborts meanwhile. */
  turn(signal?: AbortSignal): Promise<void>;
}

export function createPacer(ratePerSecond: number, now: () => number = () => performance.now()): Pacer {
  const gapMs = 1000 / ratePerSecond;
  let lastStart = Number.NEGATIVE_INFINITY;
  let queue: Promise<void> = Promise.resolve();
  return {
    turn(signal) {
      const mine = queue.then(async () => {
        signal?.throwIfAborted();
        // A timer may fire a little early: wait out the whole gap.
        for (let wait = lastStart + gapMs - now(); wait > 0; wait = lastStart + gapMs - now())
          await sleep(Math.ceil(wait), undefined, signal ? { signal } : {});
        lastStart = now();
      });
      queue = mine.catch(() => undefined);
      return mine;
    },
  };
}
