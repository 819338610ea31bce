/**
 * What one benchmark run does: the full run (about fifteen minutes on a quiet two-core machine, ten of
 * them the poller at scale, which runs once even with `--runs`; each further run adds four to five) or
 * `--quick`, a two-minute smoke with smaller counts that writes under `bench/results/tmp/` only.
 * Counts are kept modest: two cores, and the measuring process must not become the bottleneck.
 */

export interface CreateParams {
  /** Concurrent users. */
  readonly levels: readonly number[];
  /** Measured commands per level and app (after the warm-up), split over `rounds`. */
  readonly requests: number;
  readonly warmup: number;
  /** Alternating bare/bot rounds per level, so drift on a shared machine hits both alike. */
  readonly rounds: number;
  /** Latency the sandbox adds to every cloud call in the slow-cloud phase. */
  readonly slowCloudMs: number;
  readonly slowLevels: readonly number[];
}

/** Open loop: commands arrive at a fixed mean rate (Poisson), whatever the answers. */
export interface OpenLoopParams {
  /** Mean arrival rates (commands/s), and the measured commands per app at each, split over `rounds`. */
  readonly rates: readonly { readonly perSecond: number; readonly requests: number }[];
  /** Commands per app before the first rate, at the lowest rate, not measured. */
  readonly warmup: number;
  readonly rounds: number;
  /** Seed of the arrival times: every run, and both apps in a round, get the same schedule. */
  readonly seed: number;
}

/** A non-owner's Approve on live approval requests; the idle RSS after it. */
export interface ClickParams {
  readonly concurrency: number;
  /** Measured clicks per app (after the warm-up), split over `rounds`. */
  readonly clicks: number;
  readonly warmup: number;
  readonly rounds: number;
  /** Live requests the poller posts; the clicks go to them in turn. */
  readonly requests: number;
  /** `/vpcep create` commands each app serves before the clicks (part of the idle RSS warm-up). */
  readonly creates: number;
  /** Idle time after the clicks before the RSS is read. */
  readonly idleMs: number;
  /**
   * When it is read again, for context: V8 shrinks an idle heap only after several seconds (its memory
   * reducer), so the 5 s reading and this one can differ by tens of MB.
   */
  readonly laterIdleMs: number;
  /** How long to wait for the poller to post the requests. */
  readonly postTimeoutMs: number;
}

export interface ApprovalParams {
  /** Concurrent clicks, each on its own request (one pending connection per service, a channel each). */
  readonly clicks: number;
  /** How long to wait for the poller to post every request. */
  readonly postTimeoutMs: number;
}

export interface PollerPoint {
  readonly services: number;
  /** Pending connections per service (each becomes an approval request). */
  readonly connections: number;
  /** Accepted connections per service besides (they need no approval, but a list may return them). */
  readonly accepted?: number;
}

/**
 * The poller at scale: `services` approval-enabled services, `connections` new pending connections
 * landing on random services at random times over one detection window, at each poll rate.
 */
export interface PollerScaleParams {
  readonly services: number;
  readonly connections: number;
  /** `APPROVAL_POLL_RATE` values (calls/s per project); `window60` is the rate that gives a 60 s window. */
  readonly rates: readonly (number | 'window60')[];
  /** `APPROVAL_POLL_SECONDS` during the run. */
  readonly pollSeconds: number;
}

export interface StartupParams {
  /** Starts per mode (OTC, sandbox) and of bare Bolt, interleaved. */
  readonly runs: number;
}

/**
 * Where the cloud runs in the latency scenarios: `external` (default) — the emulator as its own process,
 * the bot in OTC mode against it, as in production where the cloud is remote; `embedded` — the bot's own
 * sandbox mode, where the emulator's work shares the bot's process (`--embedded-cloud`).
 */
export type CloudPlacement = 'external' | 'embedded';

export interface BenchConfig {
  readonly quick: boolean;
  readonly cloud: CloudPlacement;
  /** What the cloud adds to every call in the scenarios on an app pair (a remote cloud's round trip). */
  readonly cloudMs: number;
  /** Quiet time (no Web API call) that counts as "the app's background work has settled" between runs. */
  readonly settleMs: number;
  readonly create: CreateParams;
  readonly openLoop: OpenLoopParams;
  readonly clicks: ClickParams;
  readonly approvals: ApprovalParams;
  readonly poller: { readonly points: readonly PollerPoint[]; readonly scale: PollerScaleParams };
  readonly startup: StartupParams;
}

export const FULL: BenchConfig = {
  quick: false,
  cloud: 'external',
  cloudMs: 20,
  settleMs: 800,
  create: {
    levels: [1, 10, 50],
    requests: 200,
    warmup: 20,
    rounds: 2,
    slowCloudMs: 1500,
    slowLevels: [1, 10, 50],
  },
  openLoop: {
    rates: [
      { perSecond: 20, requests: 400 },
      { perSecond: 100, requests: 1000 },
    ],
    warmup: 40,
    rounds: 2,
    seed: 13,
  },
  clicks: {
    concurrency: 50,
    clicks: 6000,
    warmup: 300,
    rounds: 2,
    requests: 10,
    creates: 200,
    idleMs: 5000,
    laterIdleMs: 30_000,
    postTimeoutMs: 30_000,
  },
  approvals: { clicks: 50, postTimeoutMs: 60_000 },
  poller: {
    points: [
      { services: 10, connections: 1 },
      { services: 50, connections: 1 },
      { services: 200, connections: 1 },
      // Each service's requests share its channel, posted about 1/s: keep the pending count small.
      { services: 10, connections: 3 },
      { services: 10, connections: 1, accepted: 1200 },
    ],
    // The default rate (10/s: a 200 s window) and the one that gives a 60 s window.
    scale: { services: 2000, connections: 60, rates: [10, 'window60'], pollSeconds: 30 },
  },
  startup: { runs: 5 },
};

export const QUICK: BenchConfig = {
  quick: true,
  cloud: 'external',
  cloudMs: 20,
  settleMs: 400,
  create: {
    levels: [1, 10, 50],
    requests: 30,
    warmup: 5,
    rounds: 1,
    slowCloudMs: 1500,
    slowLevels: [10],
  },
  openLoop: {
    rates: [
      { perSecond: 20, requests: 60 },
      { perSecond: 100, requests: 200 },
    ],
    warmup: 20,
    rounds: 1,
    seed: 13,
  },
  clicks: {
    concurrency: 50,
    clicks: 600,
    warmup: 100,
    rounds: 1,
    requests: 5,
    creates: 200,
    idleMs: 5000,
    laterIdleMs: 30_000,
    postTimeoutMs: 20_000,
  },
  approvals: { clicks: 20, postTimeoutMs: 20_000 },
  poller: {
    points: [
      { services: 10, connections: 1 },
      { services: 30, connections: 1 },
      { services: 10, connections: 2 },
      { services: 10, connections: 1, accepted: 300 },
    ],
    scale: { services: 200, connections: 10, rates: [10], pollSeconds: 10 },
  },
  startup: { runs: 1 },
};

/** The scenarios, in the order they run; `--only a,b` picks some. */
export const SCENARIOS = ['startup', 'create', 'open-loop', 'clicks', 'approvals', 'poller'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** Scenarios that count calls rather than time: run once, whatever `--runs` says. */
export const ONCE_ONLY: readonly ScenarioName[] = ['poller'];
