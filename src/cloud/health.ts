/**
 * The cloud part of `/readyz`: one cheap authenticated call, its result cached for ~30 s. Readiness
 * must answer within a second, so a slow check returns the last known result (or "unavailable" on the
 * very first) while the call finishes in the background. Only refused credentials make a replica
 * unready; an outage or throttling is reported, never fatal.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logging/logger.js';
import { AuthenticationError, PermissionDeniedError, RateLimitedError } from './errors.js';

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
}

function classify(error: unknown): Omit<CloudHealth, 'checkedAt'> {
  if (error instanceof AuthenticationError) return { state: 'auth_failed', detail: error.userMessage };
  if (error instanceof PermissionDeniedError) {
    return {
      state: 'ok',
      detail: 'credentials accepted; reading the quota is not permitted (vpcep:quotas:get)',
    };
  }
  if (error instanceof RateLimitedError)
    return { state: 'unavailable', detail: 'the cloud is throttling requests' };
  return { state: 'unavailable', detail: error instanceof Error ? error.message : String(error) };
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
    const result = await probe().then(
      () => ({ state: 'ok' as const, detail: 'authenticated cloud call succeeded' }),
      classify,
    );
    const health = { ...result, checkedAt: new Date().toISOString() };
    if (health.state !== 'ok') options.logger.warn({ cloudHealth: health }, 'cloud check failed');
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
