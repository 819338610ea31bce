/**
 * What one benchmark run does: the full run (about four minutes on a quiet two-core machine) or
 * `--quick`, a one-minute smoke with smaller counts that writes under `bench/results/tmp/` only.
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
  readonly services: number;
  readonly connectionsPerService: number;
  /** How long to wait for the poller to post every request. */
  readonly postTimeoutMs: number;
}

export interface PollerPoint {
  readonly services: number;
  readonly connections: number;
}

export interface StartupParams {
  readonly runs: number;
  readonly idleMs: number;
}

export interface BenchConfig {
  readonly quick: boolean;
  readonly create: CreateParams;
  readonly buttons: ButtonParams;
  readonly approvals: ApprovalParams;
  readonly poller: { readonly points: readonly PollerPoint[] };
  readonly startup: StartupParams;
}

export const FULL: BenchConfig = {
  quick: false,
  create: {
    levels: [1, 10, 50],
    requests: 200,
    warmup: 20,
    rounds: 2,
    slowCloudMs: 1500,
    slowLevels: [1, 10, 50],
  },
  buttons: { concurrency: 10, requests: 1000, warmup: 100, rounds: 2 },
  approvals: { services: 10, connectionsPerService: 5, postTimeoutMs: 60_000 },
  poller: {
    points: [
      { services: 10, connections: 1 },
      { services: 50, connections: 1 },
      { services: 200, connections: 1 },
      { services: 10, connections: 10 },
    ],
  },
  startup: { runs: 5, idleMs: 5000 },
};

export const QUICK: BenchConfig = {
  quick: true,
  create: {
    levels: [1, 10, 50],
    requests: 50,
    warmup: 5,
    rounds: 1,
    slowCloudMs: 1500,
    slowLevels: [10],
  },
  buttons: { concurrency: 10, requests: 200, warmup: 20, rounds: 1 },
  approvals: { services: 10, connectionsPerService: 5, postTimeoutMs: 30_000 },
  poller: {
    points: [
      { services: 10, connections: 1 },
      { services: 50, connections: 1 },
      { services: 10, connections: 5 },
    ],
  },
  startup: { runs: 2, idleMs: 2000 },
};

/** The scenarios, in the order they run; `--only a,b` picks some. */
export const SCENARIOS = ['startup', 'create', 'buttons', 'approvals', 'poller'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface RunOptions {
  readonly config: BenchConfig;
  readonly only: readonly ScenarioName[];
  readonly build: boolean;
}

/** `--quick`, `--only startup,create`, `--no-build`. */
export function parseArgs(argv: readonly string[]): RunOptions {
  const quick = argv.includes('--quick');
  const onlyIndex = argv.indexOf('--only');
  const onlyText = onlyIndex >= 0 ? (argv[onlyIndex + 1] ?? '') : '';
  const picked = onlyText.split(',').filter((name) => name !== '');
  const unknown = picked.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
  if (unknown.length > 0)
    throw new Error(`unknown scenario(s) ${unknown.join(', ')}; choose from ${SCENARIOS.join(', ')}`);
  return {
    config: quick ? QUICK : FULL,
    only: picked.length > 0 ? (picked as ScenarioName[]) : [...SCENARIOS],
    build: !argv.includes('--no-build'),
  };
}
