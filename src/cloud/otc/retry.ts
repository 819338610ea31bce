/**
 * When a failed call may be sent again, and how long to wait first: jittered exponential backoff.
 * Only idempotent calls are retried on 5xx, `EndPoint.0001`, `EndPoint.0013` and network errors; calls with side
 * effects are retried only when the cloud certainly did not process them (throttled, or the
 * connection was never made). Create is never retried (see create-service.ts).
 */
import { CloudError, CloudUnavailableError, RateLimitedError } from '../errors.js';

export interface RetryPolicy {
  /** Attempts in total, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /**
   * The longest `Retry-After` a throttled call waits before its next attempt; a longer one ends the
   * retries (the caller is told when to try again). Default `MAX_RETRY_AFTER_MS`.
   */
  readonly maxRetryAfterMs?: number;
}

/** Throttled calls wait as the cloud asks, but never longer than this within one call. */
export const MAX_RETRY_AFTER_MS = 30_000;

/**
 * - `idempotent`: GET, PUT, DELETE and the token request: retry on throttling, 5xx, `EndPoint.0001`,
 *   `EndPoint.0013` (reference §3.3) and network errors.
 * - `unprocessed-only`: actions with side effects (accept/reject, whitelist): retry only on
 *   throttling or a connection that was never established.
 * - `never`: create.
 */
export type RetryMode = 'idempotent' | 'unprocessed-only' | 'never';

/** Codes a repeated idempotent call may get past, whatever the HTTP status (reference §3.3). */
const RETRYABLE_CODES = ['EndPoint.0001', 'EndPoint.0013'];

const CONNECT_FAILURES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

function causeCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = 'code' in current ? current.code : undefined;
    if (typeof code === 'string') codes.push(code);
    current = current.cause;
  }
  return codes;
}

/** True when the request never left: the connection could not be established. */
export function neverSent(error: unknown): boolean {
  return causeCodes(error).some((code) => CONNECT_FAILURES.has(code));
}

/**
 * True when the cloud may have processed a request although the bot saw a failure: a timeout or
 * broken connection after sending, or a 5xx answer.
 */
export function isAmbiguousFailure(error: unknown): boolean {
  return error instanceof CloudUnavailableError && !neverSent(error);
}

/** Whether a failed attempt may be repeated under `mode`. */
export function mayRetry(mode: RetryMode, error: unknown): boolean {
  if (mode === 'never' || !(error instanceof CloudError)) return false;
  if (error instanceof RateLimitedError) return true;
  if (mode === 'unprocessed-only') return error instanceof CloudUnavailableError && neverSent(error);
  return error instanceof CloudUnavailableError || RETRYABLE_CODES.some((code) => error.hasCode(code));
}

/**
 * The wait before retrying `error`: what a throttling answer's `Retry-After` asks (undefined when it
 * asks for longer than the policy allows, so the call gives up), else the jittered backoff.
 */
export function retryDelay(policy: RetryPolicy, failures: number, error: unknown): number | undefined {
  if (error instanceof RateLimitedError && error.retryAfterMs !== undefined) {
    const limit = policy.maxRetryAfterMs ?? MAX_RETRY_AFTER_MS;
    return error.retryAfterMs <= limit ? error.retryAfterMs : undefined;
  }
  return backoffDelay(policy, failures);
}

/** Delay before attempt `failures + 1`: half of the exponential step fixed, half random. */
export function backoffDelay(
  policy: RetryPolicy,
  failures: number,
  random: () => number = Math.random,
): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failures - 1));
  return Math.round(step / 2 + random() * (step / 2));
}
