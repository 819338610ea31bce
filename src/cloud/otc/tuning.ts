/** The client's timing knobs, with production defaults; tests shrink the delays instead of waiting. */
import type { CreateOptions } from './create-service.js';
import type { RetryPolicy } from './retry.js';
import { DEFAULT_WAIT, type WaitOptions } from './wait.js';

/** Per-request timeout, retry backoff, polling, create look-ups and token renewal. */
export interface ClientTuning {
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  readonly wait: Required<Pick<WaitOptions, 'timeoutMs' | 'intervalMs' | 'maxIntervalMs'>>;
  readonly create: CreateOptions;
  readonly tokenRefreshMarginMs: number;
}

export const DEFAULT_CLIENT_TUNING: ClientTuning = {
  timeoutMs: 15_000,
  retry: { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8000 },
  wait: DEFAULT_WAIT,
  create: { lookupDelayMs: 3000, lookups: 3 },
  tokenRefreshMarginMs: 5 * 60_000,
};
