/**
 * What one benchmark run does: the full run (about fourteen minutes on a quiet two-core machine, ten of them the poller at scale) or
 * `--quick`, a one-minute smoke with smaller counts that writes under `bench/results/tmp/` only.
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

export interface ButtonParams {
  readonly concurrency: number;
  readonly requests: number;
  readonly warmup: number;
  readonly rounds: number;
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
  readonly runs: number;
  readonly idleMs: number;
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
  /** Quiet time (no Web API call) that counts as "the app's background work has settled" between runs. */
  readonly settleMs: number;
  readonly create: CreateParams;
  readonly buttons: ButtonParams;
  readonly approvals: ApprovalParams;
  readonly poller: { readonly points: readonly PollerPoint[]; readonly scale: PollerScaleParams };
  readonly startup: StartupParams;
}

export const FULL: BenchConfig = {
  quick: false,
  cloud: 'external',
  settleMs: 800,
  create: {
    levels: [1, 10, 50],
    requests: 200,
    warmup: 20,
    rounds: 2,
    slowCloudMs: 1500,
    slowLevels: [1, 10, 50],
  },
  buttons: { concurrency: 10, requests: 1000, warmup: 100, rounds: 2 },
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
  startup: { runs: 5, idleMs: 5000 },
};

export const QUICK: BenchConfig = {
  quick: true,
  cloud: 'external',
  settleMs: 400,
  create: {
    levels: [1, 10, 50],
    requests: 30,
    warmup: 5,
    rounds: 1,
    slowCloudMs: 1500,
    slowLevels: [10],
  },
  buttons: { concurrency: 10, requests: 150, warmup: 20, rounds: 1 },
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
  startup: { runs: 1, idleMs: 1000 },
};

/** The scenarios, in the order they run; `--only a,b` picks some. */
export const SCENARIOS = ['startup', 'create', 'buttons', 'approvals', 'poller'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** The DESIGN §6 target each scenario checks, verbatim. */
export const TITLES: Readonly<Record<ScenarioName, string>> = {
  startup: 'Idle memory of the bot process ≤ 150 MB; start to ready ≤ 2 s.',
  create:
    '`/vpcep create` → `views.open`: p50 and p99 within 1.25× of bare Bolt at 1, 10 and 50 concurrent users, and unchanged when the cloud takes 1.5 s per call; no trigger ever missed.',
  buttons: "Button clicks: acknowledged at ≥ 0.8× bare Bolt's rate.",
  approvals: 'An approval click → cloud action → message updated: p99 ≤ 300 ms at 50 concurrent clicks.',
  poller: 'The poller: cost linear in services, no call per connection beyond the list pages.',
};

export interface RunOptions {
  readonly config: BenchConfig;
  readonly only: readonly ScenarioName[];
  readonly build: boolean;
  /** `--render <results.json>`: only re-render that run's markdown. */
  readonly render: string | undefined;
}

/** `--quick`, `--only startup,create`, `--embedded-cloud`, `--no-build`, `--render <results.json>`. */
export function parseArgs(argv: readonly string[]): RunOptions {
  const quick = argv.includes('--quick');
  const onlyIndex = argv.indexOf('--only');
  const onlyText = onlyIndex >= 0 ? (argv[onlyIndex + 1] ?? '') : '';
  const picked = onlyText.split(',').filter((name) => name !== '');
  const unknown = picked.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
  if (unknown.length > 0)
    throw new Error(`unknown scenario(s) ${unknown.join(', ')}; choose from ${SCENARIOS.join(', ')}`);
  return {
    config: {
      ...(quick ? QUICK : FULL),
      ...(argv.includes('--embedded-cloud') ? { cloud: 'embedded' } : {}),
    },
    only: picked.length > 0 ? (picked as ScenarioName[]) : [...SCENARIOS],
    build: !argv.includes('--no-build'),
    render: argv.includes('--render') ? argv[argv.indexOf('--render') + 1] : undefined,
  };
}
