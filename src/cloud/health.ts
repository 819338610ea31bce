/**
 * The cloud part of `/readyz`: one cheap authenticated call, its result cached for ~30 s. Readiness
 * must answer within a second, so a slow check returns the last known result (or "unavailable" on the
 * very first) while the call finishes in the background. Only refused credentials make a replica
 * unready; an outage or throttling is reported, never fatal.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../platform/logging/logger.js';
import {
  AuthenticationError,
  BadResponseError,
  CloudUnavailableError,
  PermissionDeniedError,
  RateLimitedError,
} from './errors.js';

export interface CloudHealth {
  /** `auth_failed` alone makes `/readyz` answer 503. */
  readonly state: 'ok' | 'auth_failed' | 'unavailable';
  readonly detail: string;
  /** When the cloud call that produced this finished (ISO-8601). */
  readonly checkedAt: string;
}

export interface HealthCheckOptions {
  readonly ttlMs?: number;
  /** Longest a caller waits for a fresh result; default 800 ms. */
  readonly maxWaitMs?: number;
  readonly logger: Logger;
  /** The variables that hold the credentials, named when the cloud refuses them. */
  readonly credentials?: string;
}

/**
 * What `/readyz` may say about a failure: our own words only. The cloud's error text and codes (which
 * a proxy or a misbehaving endpoint controls, and which can carry internal details) go to the log only.
 */
function classify(error: unknown, credentials: string | undefined): Omit<CloudHealth, 'checkedAt'> {
  if (error instanceof AuthenticationError) {
    return {
      state: 'auth_failed',
      detail: `The cloud refused the bot's credentials. A bot operator must check ${credentials ?? 'the OTC_* credentials'}.`,
    };
  }
  if (error instanceof PermissionDeniedError) {
    return {
      state: 'ok',
      detail: 'credentials accepted; reading the quota is not permitted (vpcep:quotas:get)',
    };
  }
  if (error instanceof RateLimitedError)
    return { state: 'unavailable', detail: 'the cloud is throttling requests' };
  if (error instanceof CloudUnavailableError)
    return { state: 'unavailable', detail: 'the cloud did not answer, or answered with a server error' };
  if (error instanceof BadResponseError)
    return { state: 'unavailable', detail: 'the cloud answered in an unexpected format' };
  return { state: 'unavailable', detail: 'the cloud check failed; the bot log has the details' };
}

/** Returns `health()`: cached for `ttlMs`, refreshed by `probe`, answering within `maxWaitMs`. */
export function createHealthCheck(
  probe: () => Promise<void>,
  options: HealthCheckOptions,
): () => Promise<CloudHealth> {
  const ttlMs = options.ttlMs ?? 30_000;
  const maxWaitMs = options.maxWaitMs ?? 800;
  let cached: { health: CloudHealth; atMs: number } | undefined;
  let inflight: Promise<CloudHealth> | undefined;

  const refresh = async (): Promise<CloudHealth> => {
    let failure: unknown;
    const result = await probe().then(
      () => ({ state: 'ok' as const, detail: 'authenticated cloud call succeeded' }),
      (error: unknown) => {
        failure = error;
        return classify(error, options.credentials);
      },
    );
    const health = { ...result, checkedAt: new Date().toISOString() };
    if (failure !== undefined)
      options.logger.warn({ cloudHealth: health, err: failure }, 'cloud check failed');
    cached = { health, atMs: Date.now() };
    return health;
  };

  return async () => {
    if (cached && Date.now() - cached.atMs < ttlMs) return cached.health;
    inflight ??= refresh().finally(() => {
      inflight = undefined;
    });
    const timeout = sleep(maxWaitMs, undefined, { ref: false });
    const fresh = await Promise.race([inflight, timeout]);
    return (
      fresh ??
      cached?.health ?? {
        state: 'unavailable',
        detail: 'the first cloud check has not finished yet',
        checkedAt: new Date().toISOString(),
      }
    );
  };
}
