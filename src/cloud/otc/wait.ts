/**
 * Waiting for an asynchronous create or delete (reference §2.1, §2.5, §8): poll GET every 3 s, growing
 * to 5 s, until `available`, `failed` (an error carrying the cloud's `error[0]`), or 404 after a
 * delete; give up at a ceiling (10 minutes by default). A service waited for as `available` that turns
 * `deleting` will never get there: that ends the wait at once with a `ConflictError`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ConflictError, NotFoundError, ServiceFailedError, WaitTimeoutError } from '../errors.js';
import type { EndpointService } from '../types.js';
import { getService, type VpcepContext } from './vpcep-services.js';

export interface WaitOptions {
  /** The ceiling; default 10 minutes. */
  readonly timeoutMs?: number;
  /** First poll interval; default 3 s. */
  readonly intervalMs?: number;
  /** Largest poll interval; default 5 s. */
  readonly maxIntervalMs?: number;
  readonly signal?: AbortSignal;
}

export type WaitTarget = 'available' | 'deleted';

export const DEFAULT_WAIT = { timeoutMs: 10 * 60_000, intervalMs: 3000, maxIntervalMs: 5000 } as const;

/**
 * Resolves with the service once it is `available` (target `available`), or with undefined once it
 * answers 404 (target `deleted`).
 */
export async function waitForService(
  ctx: VpcepContext,
  id: string,
  target: WaitTarget,
  options: WaitOptions = {},
): Promise<EndpointService | undefined> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT.timeoutMs;
  const maxIntervalMs =
    options.maxIntervalMs ?? Math.max(DEFAULT_WAIT.maxIntervalMs, options.intervalMs ?? 0);
  let intervalMs = options.intervalMs ?? DEFAULT_WAIT.intervalMs;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    options.signal?.throwIfAborted();
    let service: EndpointService;
    try {
      service = await getService(ctx, id);
    } catch (error) {
      if (target === 'deleted' && error instanceof NotFoundError) return undefined;
      throw error;
    }
    if (target === 'available' && service.status === 'available') return service;
    if (service.status === 'failed') {
      const [first] = service.errors;
      throw new ServiceFailedError({
        operation: target === 'available' ? 'create the endpoint service' : 'delete the endpoint service',
        otcCode: first?.code,
        otcMessage: first?.message,
        userMessage: `The cloud reports the endpoint service ${id} as failed${first ? `: ${first.message} (${first.code})` : ''}. Delete it and try again, or ask the cloud administrators.`,
      });
    }
    if (target === 'available' && service.status === 'deleting') {
      throw new ConflictError({
        operation: 'wait for the endpoint service to become available',
        userMessage: `The endpoint service ${id} is being deleted, so it will never become available. Someone deleted it meanwhile (in the bot or the console); create it again if it is still needed.`,
      });
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new WaitTimeoutError({
        operation:
          target === 'available'
            ? 'finish creating the endpoint service'
            : 'finish deleting the endpoint service',
        userMessage: `The endpoint service ${id} is still "${service.status}" after ${Math.round(timeoutMs / 1000)} s. The cloud may still finish; check it again later with /vpcep show.`,
      });
    }
    await sleep(Math.min(intervalMs, remaining), undefined, options.signal ? { signal: options.signal } : {});
    intervalMs = Math.min(maxIntervalMs, Math.round(intervalMs * 1.25));
  }
}
