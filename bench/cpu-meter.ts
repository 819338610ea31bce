/**
 * CPU time per request, of the app under test and of the benchmark process itself. On a shared machine
 * this is steadier than wall-clock latency, and the benchmark's own share shows how much of a difference
 * comes from the measuring side (the fake Slack answering the app's extra Web API calls).
 */

import type { ChildApp } from './child-app.js';
import { ownCpuMs } from './proc-stats.js';
import { round } from './stats.js';

export interface CpuTally {
  appMs: number;
  benchMs: number;
  requests: number;
}

export function newTally(): CpuTally {
  return { appMs: 0, benchMs: 0, requests: 0 };
}

/** Runs `work` (which sends `requests` requests to `app`), adding the CPU both sides used to `tally`. */
export async function metered<T>(
  app: ChildApp,
  tally: CpuTally,
  requests: number,
  work: () => Promise<T>,
): Promise<T> {
  const appBefore = app.cpuMs();
  const benchBefore = ownCpuMs();
  const result = await work();
  tally.appMs += app.cpuMs() - appBefore;
  tally.benchMs += ownCpuMs() - benchBefore;
  tally.requests += requests;
  return result;
}

/** CPU ms per request of the app and of the benchmark process. */
export function perRequest(tally: CpuTally): { app: number; bench: number } {
  const n = tally.requests || Number.NaN;
  return { app: round(tally.appMs / n, 3), bench: round(tally.benchMs / n, 3) };
}
