/**
 * Keeps a claim or a lease alive while its holder waits on something slow (the cloud, Slack's pacing):
 * renews it every `everyMs` until stopped, and stops by itself once a renewal says it is lost. A renewal
 * that throws (Redis hiccup) is logged and tried again on the next beat, while the claim may still hold.
 */
import type { Logger } from '../../logging/logger.js';

export interface KeepAlive {
  /** True once a renewal found the claim taken over or gone. */
  readonly lost: boolean;
  stop(): void;
}

export function keepAlive(
  renew: () => Promise<boolean>,
  everyMs: number,
  log: Logger,
  what: string,
): KeepAlive {
  let lost = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const beat = () => {
    timer = setTimeout(async () => {
      try {
        if (!stopped && !(await renew())) {
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
  beat();
  return {
    get lost() {
      return lost;
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
