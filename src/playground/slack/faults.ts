/**
 * Fault injection: the next N calls of a method (or `*`, or `response_url`) answer 429 with
 * `Retry-After`, a 5xx, or an `ok: false` error; and an optional latency per method.
 */
import type { FaultSpec, SlackResponse } from './emulator-types.js';

/** The HTTP answer a fault produces. */
export interface FaultAnswer {
  status: number;
  headers: Record<string, string>;
  body: SlackResponse;
}

/** Planned faults and latencies. */
export class FaultPlan {
  private readonly queued = new Map<string, FaultSpec[]>();
  private readonly latencies = new Map<string, number>();

  /** The next `count` calls of `method` (`*` = any method) answer with `spec`. */
  failNext(method: string, spec: FaultSpec, count = 1): void {
    const queue = this.queued.get(method) ?? [];
    for (let i = 0; i < count; i += 1) queue.push(spec);
    this.queued.set(method, queue);
  }

  /** Drops the faults still planned for `method`. */
  clearFaults(method: string): void {
    this.queued.delete(method);
  }

  /** Takes the next planned fault for `method`, if any. */
  take(method: string): FaultSpec | undefined {
    return this.queued.get(method)?.shift() ?? this.queued.get('*')?.shift();
  }

  /** Delays every answer of `method` (`*` = any method) by `ms`; 0 removes the delay. */
  setLatency(method: string, ms: number): void {
    if (ms > 0) this.latencies.set(method, ms);
    else this.latencies.delete(method);
  }

  /** The delay for `method`, in ms. */
  latency(method: string): number {
    return this.latencies.get(method) ?? this.latencies.get('*') ?? 0;
  }

  /** Removes every planned fault and latency. */
  clear(): void {
    this.queued.clear();
    this.latencies.clear();
  }
}

/** What Slack answers for a fault: 429 + `Retry-After` + `ratelimited`, a bare 5xx, or HTTP 200 `ok: false`. */
export function faultAnswer(spec: FaultSpec): FaultAnswer {
  if ('error' in spec) return { status: 200, headers: {}, body: { ok: false, error: spec.error } };
  if (spec.status === 429) {
    return {
      status: 429,
      headers: { 'retry-after': String(spec.retryAfter) },
      body: { ok: false, error: 'ratelimited' },
    };
  }
  return { status: spec.status, headers: {}, body: { ok: false, error: 'fatal_error' } };
}
