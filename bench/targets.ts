/**
 * The targets of issue 13 (they replace DESIGN §6's older ones; the poller's is still DESIGN §6's):
 * ratios against bare Bolt in the same run, or absolute limits, judged on the median of the runs.
 */
import type { ScenarioName } from './config.js';

export const TARGETS = {
  /** `views.open` after `/vpcep create`, closed and open loop: bot / bare. */
  p50Ratio: 1.25,
  p99Ratio: 1.5,
  /** App CPU per `/vpcep create`, the work after `views.open` that fills the form included: bot / bare. */
  cpuRatio: 1.5,
  /** Clicks acknowledged per second: bot / bare. */
  clickRateRatio: 0.9,
  /** Approval click → cloud action → every copy updated, p99 at 50 concurrent clicks. */
  approvalP99Ms: 300,
  /** RSS of the bot's process tree in OTC mode, idle after the creates and the clicks. */
  idleRssMb: 130,
  /** Spawn → first `/readyz` 200, OTC mode. */
  readyMs: 1000,
} as const;

/** What each scenario checks, in the words. */
export const TITLES: Readonly<Record<ScenarioName, string>> = {
  startup: 'Start to ready ≤ 1.0 s (OTC mode, the cloud in its own process).',
  create:
    '`views.open` after `/vpcep create`: p50 ≤ 1.25× and p99 ≤ 1.5× bare Bolt at 1, 10 and 50 users, also when the cloud takes 1.5 s per call; app CPU per `/vpcep create`, filling the form included, ≤ 1.5×; no trigger missed.',
  'open-loop':
    '`views.open` after `/vpcep create` with commands arriving at 20/s and 100/s (open loop, Poisson): p50 ≤ 1.25× and p99 ≤ 1.5× bare Bolt; no trigger missed.',
  clicks:
    "A non-owner's Approve on a live approval request, 50 concurrent: acknowledged per second ≥ 0.9× bare Bolt, nothing changes in the cloud; idle RSS (OTC mode) after the creates and the clicks ≤ 130 MB.",
  approvals: 'Approval click → cloud action → every copy updated: p99 ≤ 300 ms at 50 concurrent clicks.',
  poller: 'The poller: cost linear in services, no call per connection beyond the list pages.',
};
