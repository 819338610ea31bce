/**
 * The run's record: machine facts, one table per DESIGN §6 target, raw numbers. Written as JSON
 * (`bench/results/<stamp>.json`) and as `bench/RESULTS.md`, and printed at the end of the run.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { ROOT } from './child-app.js';
import type { CloudPlacement } from './config.js';
import type { ScenarioOutcome, TargetRow } from './outcome.js';

export interface MachineInfo {
  readonly nproc: number;
  readonly cpu: string;
  readonly node: string;
  readonly os: string;
  readonly memoryGb: number;
  /** 1-minute load averages at the start and end of the run. */
  readonly loadStart: number;
  readonly loadEnd: number;
}

export interface BenchResults {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly mode: 'full' | 'quick';
  /** Only some scenarios ran (`--only`). */
  readonly partial: boolean;
  /** Why these numbers must not be taken as final (empty: a clean full run on a quiet machine). */
  readonly provisional: readonly string[];
  readonly git: { readonly commit: string; readonly dirty: boolean };
  readonly machine: MachineInfo;
  readonly cloud: CloudPlacement;
  readonly processStyle: string;
  readonly scenarios: readonly ScenarioOutcome[];
}

/** The fields `rerender` relies on; the rest is carried as recorded. */
const recordedRun = z.looseObject({
  startedAt: z.string(),
  mode: z.enum(['full', 'quick']),
  partial: z.boolean().default(false),
  provisional: z.array(z.string()),
  scenarios: z.array(z.looseObject({ title: z.string(), rows: z.array(z.looseObject({})) })),
});

/** How the apps ran, for RESULTS.md. */
export function processStyle(cloud: CloudPlacement): string {
  const where =
    cloud === 'external'
      ? "In the latency scenarios the cloud is the OTC emulator running as its own process, and the bot runs in OTC mode against it (`OTC_ENDPOINT_TEMPLATE`, AK/SK), as in production where the cloud is remote: the emulator's work never shares the bot's process. (`--embedded-cloud` runs the bot in sandbox mode instead, emulator inside.)"
      : "The bot runs in sandbox mode, with the OTC emulator inside its own process (`--embedded-cloud`), so the emulator's work shares the bot's event loop, unlike production.";
  return `Both apps run as child processes of the benchmark: the bot exactly as \`npm start\` runs it (\`node dist/main.js\`, LOG_LEVEL=info) and the bare Bolt baseline as plain JavaScript (\`bench/bare-bolt.ts\`, transpiled once). The load generator and the fake Slack Web API share the benchmark process, so neither app competes with them for its event loop, and both apps pay the same costs for HTTP, signing and the fake. Both talk to the same fake Slack; the bot and the baseline alternate round by round so drift on a shared machine hits both. ${where} Start to ready and idle memory use plain sandbox mode (what \`npm start\` does without OTC_* variables). The poller-cost scenario runs the bot in process instead, because it counts cloud calls rather than time and needs to run exactly one poll.`;
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

/** The commit, and whether code differs from it: changed tracked files, or new files where code lives. */
export function gitState(): BenchResults['git'] {
  const untracked = git(['status', '--porcelain', '--untracked-files=all', '--', 'src', 'test', 'bench']);
  const tracked = git(['status', '--porcelain', '--untracked-files=no']);
  const changes = `${untracked}\n${tracked}`
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.includes('bench/results/'));
  return { commit: git(['rev-parse', '--short', 'HEAD']) || 'unknown', dirty: changes.length > 0 };
}

export function machineInfo(loadStart: number): MachineInfo {
  const cpus = os.cpus();
  return {
    nproc: os.availableParallelism(),
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    loadStart,
    loadEnd: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
  };
}

function num(value: number | null, unit = ''): string {
  if (value === null) return '—';
  if (!Number.isFinite(value)) return 'n/a';
  const digits =
    Math.abs(value) >= 100 || unit === 'count' || unit === 'calls' ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toFixed(digits);
}

const VERDICT: Record<TargetRow['verdict'], string> = {
  pass: 'PASS',
  fail: 'FAIL',
  skipped: 'SKIPPED',
  info: 'info',
};

function cells(row: TargetRow): string[] {
  const unit = row.unit ? ` ${row.unit}` : '';
  return [
    row.measure,
    row.bot === null ? '—' : `${num(row.bot, row.unit)}${unit}`,
    row.bare === null ? '—' : `${num(row.bare, row.unit)}${unit}`,
    row.ratio === null ? '—' : `${num(row.ratio)}×`,
    row.target,
    VERDICT[row.verdict],
    row.note ?? '',
  ];
}

const HEADER = ['measure', 'bot', 'bare Bolt', 'ratio', 'target', 'result', 'note'];

const width = (text: string) => [...text].length;

/** Columns padded to one width, as Biome formats markdown tables (RESULTS.md is linted with the repo). */
function markdownTable(rows: readonly TargetRow[]): string {
  const body = [HEADER, ...rows.map(cells)].map((line) => line.map((cell) => cell.replaceAll('|', '\\|')));
  const widths = HEADER.map((_, i) => Math.max(3, ...body.map((line) => width(line[i] ?? ''))));
  const pad = (cell: string, i: number) => cell + ' '.repeat((widths[i] ?? 0) - width(cell));
  const [head = [], ...rest] = body;
  const lines = [head.map(pad), widths.map((w) => '-'.repeat(w)), ...rest.map((line) => line.map(pad))];
  return lines.map((line) => `| ${line.join(' | ')} |`).join('\n');
}

export function renderMarkdown(results: BenchResults): string {
  const m = results.machine;
  const parts = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (`bench/run.ts`); DESIGN §6 lists the targets. Raw numbers: `bench/results/`.',
    '',
  ];
  if (results.provisional.length > 0) {
    parts.push(`> **PROVISIONAL** — not final numbers: ${results.provisional.join('; ')}.`, '');
  }
  parts.push(
    `- Run: ${results.startedAt} → ${results.finishedAt}, ${results.mode} run, commit \`${results.git.commit}\`${results.git.dirty ? ' (working tree had uncommitted changes)' : ''}`,
    `- Machine: nproc ${m.nproc}, ${m.cpu}, ${m.memoryGb} GB, ${m.os}, Node ${m.node}`,
    `- Load average (1 min): ${m.loadStart} at start, ${m.loadEnd} at end`,
    '',
    '## How it runs',
    '',
    results.processStyle,
    '',
  );
  for (const scenario of results.scenarios) {
    parts.push(`## ${scenario.title}`, '', markdownTable(scenario.rows), '', scenario.method, '');
  }
  parts.push(
    '## Re-running',
    '',
    '`npm run bench` (full, about fourteen minutes on a quiet two-core machine, ten of them the poller at 2,000 services; writes this file and `bench/results/<stamp>.json`) or `npm run bench -- --quick` (one-minute smoke, writes under `bench/results/tmp/` only). `--only startup,create,buttons,approvals,poller` picks scenarios (written under `tmp/` too); `--no-build` skips `npm run build`; `--render bench/results/<stamp>.json` rewrites this file from a recorded run. Run it on a quiet machine: every number here is a ratio or a count from one run.',
    '',
  );
  return parts.join('\n');
}

export function renderConsole(results: BenchResults): string {
  const out: string[] = [];
  if (results.provisional.length > 0) out.push(`PROVISIONAL: ${results.provisional.join('; ')}`);
  for (const scenario of results.scenarios) {
    const table = [HEADER, ...scenario.rows.map(cells)];
    const widths = HEADER.map((_, i) => Math.max(...table.map((line) => (line[i] ?? '').length)));
    out.push('', scenario.title);
    for (const line of table)
      out.push(
        line
          .map((cell, i) => cell.padEnd(widths[i] ?? 0))
          .join('  ')
          .trimEnd(),
      );
  }
  return `${out.join('\n')}\n`;
}

/** Where a run's record goes: a quick or partial run under `bench/results/tmp/` (git-ignored). */
function destinations(results: BenchResults): { json: string; markdown: string } {
  const stamp = results.startedAt.replaceAll(':', '-').replace(/\.\d+Z$/, 'Z');
  const scratch = results.mode === 'quick' || results.partial;
  const suffix = `${results.mode === 'quick' ? '-quick' : ''}${results.partial ? '-partial' : ''}`;
  const dir = join(ROOT, 'bench/results', scratch ? 'tmp' : '');
  return {
    json: join(dir, `${stamp}${suffix}.json`),
    markdown: scratch ? join(dir, `RESULTS${suffix}.md`) : join(ROOT, 'bench/RESULTS.md'),
  };
}

/** Writes the JSON and the markdown; a quick or partial run never replaces the record of a full run. */
export async function writeResults(results: BenchResults): Promise<{ json: string; markdown: string }> {
  const paths = destinations(results);
  await mkdir(dirname(paths.json), { recursive: true });
  await writeFile(paths.json, `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(paths.markdown, renderMarkdown(results));
  return paths;
}

/** Re-renders the markdown (and prints the tables) of a recorded run, e.g. after the report changed. */
export async function rerender(jsonPath: string): Promise<string> {
  const results = recordedRun.parse(JSON.parse(await readFile(jsonPath, 'utf8'))) as unknown as BenchResults;
  const { markdown } = destinations(results);
  await writeFile(markdown, renderMarkdown(results));
  process.stdout.write(renderConsole(results));
  return markdown;
}
