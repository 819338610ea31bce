/** The command line of `npm run bench`. */
import { resolve } from 'node:path';
import { type BenchConfig, FULL, QUICK, SCENARIOS, type ScenarioName } from './config.js';

export interface RunOptions {
  readonly config: BenchConfig;
  readonly only: readonly ScenarioName[];
  readonly build: boolean;
  /** Whole sequences of the timing scenarios; the report shows each row's median. */
  readonly runs: number;
  /** Written into the JSON and the RESULTS.md header (e.g. `before`, `after`). */
  readonly label: string | undefined;
  /** Where the JSON and RESULTS.md go instead of `bench/` (absolute). */
  readonly out: string | undefined;
  /** `--render <results.json>`: only re-render that run's markdown. */
  readonly render: string | undefined;
}

function flagValue(argv: readonly string[], flag: string): string | undefined {
  const index = argv.indexOf(flag);
  if (index < 0) return undefined;
  const value = argv[index + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value`);
  return value;
}

/** A full run is the median of three (issue 13); `--quick` is one smoke run; `--runs N` says otherwise. */
function runsOf(argv: readonly string[]): number {
  const text = flagValue(argv, '--runs') ?? (argv.includes('--quick') ? '1' : '3');
  const runs = Number(text);
  if (!Number.isInteger(runs) || runs < 1 || runs > 9) throw new Error(`--runs ${text}: expected 1 to 9`);
  return runs;
}

function scenariosOf(argv: readonly string[]): ScenarioName[] {
  const picked = (flagValue(argv, '--only') ?? '').split(',').filter((name) => name !== '');
  const unknown = picked.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
  if (unknown.length > 0)
    throw new Error(`unknown scenario(s) ${unknown.join(', ')}; choose from ${SCENARIOS.join(', ')}`);
  return picked.length > 0 ? (picked as ScenarioName[]) : [...SCENARIOS];
}

/**
 * `--quick`, `--only startup,create`, `--runs 3`, `--label before`, `--out <dir>`, `--embedded-cloud`,
 * `--no-build`, `--render <results.json>`.
 */
export function parseArgs(argv: readonly string[]): RunOptions {
  const out = flagValue(argv, '--out');
  return {
    config: {
      ...(argv.includes('--quick') ? QUICK : FULL),
      ...(argv.includes('--embedded-cloud') ? { cloud: 'embedded' } : {}),
    },
    only: scenariosOf(argv),
    build: !argv.includes('--no-build'),
    runs: runsOf(argv),
    label: flagValue(argv, '--label'),
    out: out === undefined ? undefined : resolve(out),
    render: flagValue(argv, '--render'),
  };
}
