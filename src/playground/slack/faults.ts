/**
 * Fault injection: the next N calls of a method (or `*`, or `response_url`) answer 429 with
 * `Retry-After`, a 5xx, or an `ok: false` error; and an optional latency per method. A held call
 * normally reaches Slack when its latency is over, whether or not its caller is still there; one held
 * with `lostIfCallerGone` is lost when the caller hangs up meanwhile (a process killed mid-call whose
 * request never got through), so a test can kill a process between two calls.
 */
import type { FaultSpec, SlackResponse } from './emulator-types.js';

/** The HTTP answer a fault produces. */
export interface FaultAnswer {
  status: number;
  headers: Record<string, string>;
  body: SlackResponse;
}

/** How long a method's calls are held, and whether a held call is lost when its caller hangs up. */
export interface Latency {
  readonly ms: number;
  readonly lostIfCallerGone: boolean;
}

const NO_LATENCY: Latency = { ms: 0, lostIfCallerGone: false };

/** Planned faults and latencies. */
export class FaultPlan {
  private readonly queued = new Map<string, FaultSpec[]>();
  private readonly latencies = new Map<string, Latency>();

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
  setLatency(method: string, ms: number, options: { lostIfCallerGone?: boolean } = {}): void {
    if (ms > 0) this.latencies.set(method, { ms, lostIfCallerGone: options.lostIfCallerGone === true });
    else this.latencies.delete(method);
  }

  /** The delay for `method`. */
  latency(method: string): Latency {
    return this.latencies.get(method) ?? this.latencies.get('*') ?? NO_LATENCY;
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
