/**
 * The record of every Web API call and every limit refusal, with waiting for a call to arrive.
 */
import type { Rejection, SlackCall } from './emulator-types.js';

interface Waiter {
  method: string;
  predicate: (call: SlackCall) => boolean;
  since: number;
  resolve: (call: SlackCall) => void;
}

/** Options of `waitFor`: a timeout and the first call index to consider. */
export interface WaitOptions {
  /** Give up after this many ms (default 5000). */
  timeoutMs?: number;
  /** Only consider calls with `index >= since` (see `size`); default 0, so earlier matches count. */
  since?: number;
}

/** Calls and rejections, in arrival order. */
export class CallLog {
  private readonly list: SlackCall[] = [];
  private readonly refused: Rejection[] = [];
  private readonly waiters = new Set<Waiter>();
  /** Calls forgotten to keep within `keep`; indexes go on counting. */
  private dropped = 0;

  /** `keep`: remember only the newest calls and refusals (a long-running playground); tests keep all. */
  constructor(private readonly keep = Number.POSITIVE_INFINITY) {}

  /** Number of calls recorded so far (the `index` the next call will get). */
  get size(): number {
    return this.dropped + this.list.length;
  }

  /** Records a call and wakes matching waiters. */
  record(call: Omit<SlackCall, 'index'>): SlackCall {
    const recorded: SlackCall = { ...call, index: this.size };
    this.list.push(recorded);
    if (this.list.length > this.keep) {
      const excess = this.list.length - this.keep;
      this.list.splice(0, excess);
      this.dropped += excess;
    }
    for (const waiter of this.waiters) {
      if (waiter.method === recorded.method && recorded.index >= waiter.since && waiter.predicate(recorded)) {
        this.waiters.delete(waiter);
        waiter.resolve(recorded);
      }
    }
    return recorded;
  }

  /** Records a refusal for a limit. */
  reject(rejection: Rejection): void {
    this.refused.push(rejection);
    if (this.refused.length > this.keep) this.refused.shift();
  }

  /** Calls, optionally only of one method. */
  calls(method?: string): SlackCall[] {
    return this.list.filter((call) => method === undefined || call.method === method);
  }

  /** Refusals for limits so far. */
  rejections(): Rejection[] {
    return [...this.refused];
  }

  /** The first call of `method` (index ≥ `since`) matching `predicate`, now or when it arrives. */
  waitFor(
    method: string,
    predicate: (call: SlackCall) => boolean,
    options: WaitOptions = {},
  ): Promise<SlackCall> {
    const since = options.since ?? 0;
    const existing = this.firstSince(since, (c) => c.method === method && predicate(c));
    if (existing) return Promise.resolve(existing);
    const timeoutMs = options.timeoutMs ?? 5000;
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        method,
        predicate,
        since,
        resolve: (call) => {
          clearTimeout(timer);
          resolve(call);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const seen = this.calls(method).length;
        reject(
          new Error(
            `fake Slack: no matching ${method} call within ${timeoutMs} ms (${seen} ${method} calls seen)`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** The first remembered call with `index >= since` that `match` accepts (looks only from there on). */
  private firstSince(since: number, match: (call: SlackCall) => boolean): SlackCall | undefined {
    for (let i = Math.max(0, since - this.dropped); i < this.list.length; i++) {
      const call = this.list[i] as SlackCall;
      if (call.index >= since && match(call)) return call;
    }
    return undefined;
  }

  /** Forgets calls and rejections (pending waiters keep waiting for new calls). */
  clear(): void {
    this.list.length = 0;
    this.refused.length = 0;
  }
}
