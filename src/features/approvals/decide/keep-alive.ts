/**
 * Keeps a claim or a lease alive while its holder waits on something slow (the cloud, Slack's pacing):
 * renews it for `claimMs` more every third of `claimMs` until stopped (or `atMostMs` passed), and stops
 * by itself once a renewal says it is lost. A renewal that throws (Redis hiccup) is logged and tried
 * again on the next beat, while the claim may still hold.
 */
import type { Logger } from '../../../platform/logging/logger.js';

export interface KeepAlive {
  /** True once a renewal found the claim taken over or gone. */
  readonly lost: boolean;
  stop(): void;
}

export function keepAlive(
  renew: (claimMs: number) => Promise<boolean>,
  claimMs: number,
  log: Logger,
  what: string,
  atMostMs?: number,
): KeepAlive {
  const everyMs = Math.max(Math.floor(claimMs / 3), 100);
  let lost = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const stop = () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    if (budget) clearTimeout(budget);
  };
  const beat = () => {
    timer = setTimeout(async () => {
      try {
        if (!stopped && !(await renew(claimMs))) {
          lost = true;
          log.warn({ what }, 'lost while still working; another replica may take over');
        }
      } catch (err) {
        log.warn({ err, what }, 'could not renew; trying again');
      }
      if (!stopped && !lost) beat();
    }, everyMs);
    timer.unref();
  };
  const budget = atMostMs === undefined ? undefined : setTimeout(stop, atMostMs);
  budget?.unref();
  beat();
  return {
    get lost() {
      return lost;
    },
    stop,
  };
}
