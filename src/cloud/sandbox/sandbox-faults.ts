/**
 * Fault injection for tests and benchmarks: added latency, error answers (5xx, 429, `EndPoint.0022`,
 * any code), or a dropped connection, on the requests whose method and path match, a number of times
 * or until cleared. `phase: 'after'` lets the request take effect first and then spoils the answer:
 * the ambiguous failure a timeout after sending produces.
 */
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { ApiResponse } from './router.js';
import { defaultErrorFor } from './sandbox-wire.js';

export const faultSpec = z.object({
  /** Regular expression on the path; every API path when absent. */
  match: z.string().optional(),
  method: z.string().optional(),
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  status: z.number().int().min(400).max(599).optional(),
  errorCode: z.string().optional(),
  errorMsg: z.string().optional(),
  /** Destroy the connection instead of answering. */
  reset: z.boolean().optional(),
  /** How many matching requests it affects; unlimited when absent. */
  count: z.number().int().positive().optional(),
  phase: z.enum(['before', 'after']).optional(),
});

/** What a fault does; see `faultSpec`. */
export type FaultSpec = z.input<typeof faultSpec>;

export interface ActiveFault extends FaultSpec {
  readonly id: number;
  remaining: number;
  readonly pattern: RegExp | undefined;
}

export class FaultRegistry {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  /** Adds a fault; returns its ID. */
  add(spec: FaultSpec): number {
    const parsed = faultSpec.parse(spec);
    const id = this.nextId++;
    this.faults.push({
      ...parsed,
      id,
      remaining: parsed.count ?? Number.POSITIVE_INFINITY,
      pattern: parsed.match ? new RegExp(parsed.match) : undefined,
    });
    return id;
  }

  list(): readonly ActiveFault[] {
    return this.faults;
  }

  clear(): void {
    this.faults = [];
  }

  /** The first fault matching this request, consuming one of its uses. */
  take(method: string, path: string): ActiveFault | undefined {
    const fault = this.faults.find(
      (f) => (!f.method || f.method.toUpperCase() === method) && (!f.pattern || f.pattern.test(path)),
    );
    if (!fault) return undefined;
    fault.remaining--;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }
}

function faultAnswer(fault: ActiveFault): ApiResponse | undefined {
  if (fault.status === undefined && fault.errorCode === undefined) return undefined;
  const status = fault.status ?? (fault.errorCode?.toUpperCase() === 'APIG.0308' ? 429 : 400);
  const fallback = defaultErrorFor(status);
  return {
    status,
    body: { error_code: fault.errorCode ?? fallback.code, error_msg: fault.errorMsg ?? fallback.message },
  };
}

/** Applies latency, then drops the connection or returns the fault's answer (undefined: carry on). */
export async function applyFault(
  fault: ActiveFault,
  res: ServerResponse,
  closing: AbortSignal,
): Promise<ApiResponse | 'reset' | undefined> {
  if (fault.latencyMs) await sleep(fault.latencyMs, undefined, { signal: closing }).catch(() => undefined);
  if (fault.reset) {
    res.socket?.destroy();
    return 'reset';
  }
  return faultAnswer(fault);
}
