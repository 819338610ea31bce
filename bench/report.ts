/**
 * The run's record: machine facts, the summary in issue 13's shape, one table per scenario, raw
 * numbers. Written as JSON (`bench/results/<stamp>.json`) and as `bench/RESULTS.md` (or under `--out`),
 * and printed at the end of the run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { ROOT } from './child-app.js';
import type { CloudPlacement } from './config.js';
import { consoleTable, markdownTable, ROW_HEADER, rowCells } from './markdown.js';
import type { ScenarioOutcome } from './outcome.js';
import { SUMMARY_HEADER, summaryCells } from './summary.js';

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
  /** `--label`: which side of a comparison this is (e.g. `before`, `after`). */
  readonly label?: string;
  /** How many runs of the timing scenarios each row is the median of. */
  readonly runs: number;
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
  /** What the cloud added to every call in the pair scenarios (the slow phase aside). */
  readonly cloudMs: number;
  readonly processStyle: string;
  /** One per scenario; with several runs, each row is the median and `raw.runs` holds every run. */
  readonly scenarios: readonly ScenarioOutcome[];
}

/** The fields `rerender` relies on; the rest is carried as recorded. */
const recordedRun = z.looseObject({
  label: z.string().optional(),
  runs: z.number().default(1),
  startedAt: z.string(),
  mode: z.enum(['full', 'quick']),
  partial: z.boolean().default(false),
  provisional: z.array(z.string()),
  scenarios: z.array(z.looseObject({ title: z.string(), rows: z.array(z.looseObject({})) })),
});

/** How the apps ran, for RESULTS.md. */
export function processStyle(cloud: CloudPlacement, cloudMs: number): string {
  const where =
    cloud === 'external'
      ? `In the scenarios on an app pair the cloud is the OTC emulator running as its own process, and the bot runs in OTC mode against it (\`OTC_ENDPOINT_TEMPLATE\`, AK/SK), as in production where the cloud is remote: the emulator's work never shares the bot's process. It answers every API call ${cloudMs} ms late (a sandbox fault), 1.5 s in the create scenario's slow-cloud phase. (\`--embedded-cloud\` runs the bot in sandbox mode instead, emulator inside.)`
      : `The bot runs in sandbox mode, with the OTC emulator inside its own process (\`--embedded-cloud\`), so the emulator's work shares the bot's event loop, unlike production. The emulator answers every API call ${cloudMs} ms late, 1.5 s in the create scenario's slow-cloud phase.`;
  return `Both apps run as child processes of the benchmark, spawned as \`node\` directly: the bot exactly as \`npm start\` runs it (\`node dist/main.js\`, LOG_LEVEL=info) and the bare Bolt baseline as plain JavaScript (\`bench/bare-bolt.ts\`, transpiled once). The load generator and the fake Slack Web API share the benchmark process, so neither app competes with them for its event loop, and both apps pay the same costs for HTTP, signing and the fake. Both talk to the same fake Slack; the bot and the baseline alternate round by round so drift on a shared machine hits both. ${where} Start to ready is measured in OTC mode against the cloud process, and in sandbox mode for context. The poller-cost scenario runs the bot in process instead, because it counts cloud calls rather than time and needs to run exactly one poll; it runs once whatever \`--runs\` says.`;
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
    .filter(
      (line) => line.trim() !== '' && !line.includes('bench/results/') && !line.endsWith('bench/RESULTS.md'),
    );
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

function runLine(results: BenchResults): string {
  const runs = results.runs > 1 ? `, ${results.runs} runs (each row the median of the runs)` : ', one run';
  const label = results.label ? `, label **${results.label}**` : '';
  const dirty = results.git.dirty ? ' (working tree had uncommitted changes)' : '';
  return `- Run: ${results.startedAt} → ${results.finishedAt}, ${results.mode} run${runs}${label}, commit \`${results.git.commit}\`${dirty}`;
}

/**
 * `bench/LEVERS.md`, written by hand after a comparison: the figures before and after a change, and which
 * lever moved which figure (issue 13). Included as it is, when present.
 */
function leversSection(): string[] {
  const path = join(ROOT, 'bench/LEVERS.md');
  return existsSync(path) ? [readFileSync(path, 'utf8').trim(), ''] : [];
}

export function renderMarkdown(results: BenchResults): string {
  const m = results.machine;
  const title = results.label ? `# Benchmark results: ${results.label}` : '# Benchmark results';
  const parts = [
    title,
    '',
    "Written by `npm run bench` (`bench/run.ts`); the targets are issue 13's (`bench/targets.ts`). Raw numbers: `bench/results/`.",
    '',
  ];
  if (results.provisional.length > 0) {
    parts.push(`> **PROVISIONAL** — not final numbers: ${results.provisional.join('; ')}.`, '');
  }
  parts.push(
    runLine(results),
    `- Machine: nproc ${m.nproc}, ${m.cpu}, ${m.memoryGb} GB, ${m.os}, Node ${m.node}`,
    `- Load average (1 min): ${m.loadStart} at start, ${m.loadEnd} at end`,
    '',
    '## Summary',
    '',
    markdownTable(SUMMARY_HEADER, summaryCells(results.scenarios)),
    '',
    ...leversSection(),
    '## How it runs',
    '',
    results.processStyle,
    '',
  );
  for (const scenario of results.scenarios) {
    parts.push(
      `## ${scenario.title}`,
      '',
      markdownTable(ROW_HEADER, scenario.rows.map(rowCells)),
      '',
      scenario.method,
      '',
    );
  }
  parts.push(
    '## Re-running',
    '',
    "`npm run bench` (full run, writes this file and `bench/results/<stamp>.json`) or `npm run bench -- --quick` (smoke run, writes under `bench/results/tmp/` only). a full run takes the timing scenarios three times, interleaved, and reports each row's median (the poller runs once; `--runs N` for another count); `--label before` names the run in the JSON and this header; `--out <dir>` writes the JSON and RESULTS.md there instead; `--only startup,create,open-loop,clicks,approvals,poller` picks scenarios (written under `tmp/` too); `--no-build` skips `npm run build`; `--render bench/results/<stamp>.json` rewrites this file from a recorded run. Run it on a quiet machine: every number here is a ratio or a count from the same run(s).",
    '',
  );
  return parts.join('\n');
}

export function renderConsole(results: BenchResults): string {
  const out: string[] = [];
  if (results.provisional.length > 0) out.push(`PROVISIONAL: ${results.provisional.join('; ')}`);
  for (const scenario of results.scenarios)
    out.push('', scenario.title, ...consoleTable(ROW_HEADER, scenario.rows.map(rowCells)));
  out.push('', `Summary${results.label ? ` (${results.label})` : ''}`);
  out.push(...consoleTable(SUMMARY_HEADER, summaryCells(results.scenarios)));
  return `${out.join('\n')}\n`;
}

const slug = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 40);

/**
 * Where a run's record goes: `--out <dir>` when given; else a quick or partial run under
 * `bench/results/tmp/` (git-ignored), a full run to `bench/results/` and `bench/RESULTS.md`.
 */
function destinations(results: BenchResults, out: string | undefined): { json: string; markdown: string } {
  const stamp = results.startedAt.replaceAll(':', '-').replace(/\.\d+Z$/, 'Z');
  const scratch = results.mode === 'quick' || results.partial;
  const suffix = `${results.mode === 'quick' ? '-quick' : ''}${results.partial ? '-partial' : ''}`;
  const name = `${stamp}${results.label ? `-${slug(results.label)}` : ''}${suffix}.json`;
  if (out) return { json: join(out, name), markdown: join(out, `RESULTS${suffix}.md`) };
  const dir = join(ROOT, 'bench/results', scratch ? 'tmp' : '');
  return {
    json: join(dir, name),
    markdown: scratch ? join(dir, `RESULTS${suffix}.md`) : join(ROOT, 'bench/RESULTS.md'),
  };
}

/** Writes the JSON and the markdown; a quick or partial run never replaces the record of a full run. */
export async function writeResults(
  results: BenchResults,
  out: string | undefined,
): Promise<{ json: string; markdown: string }> {
  const paths = destinations(results, out);
  await mkdir(dirname(paths.json), { recursive: true });
  await writeFile(paths.json, `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(paths.markdown, renderMarkdown(results));
  return paths;
}

/** Re-renders the markdown (and prints the tables) of a recorded run, e.g. after the report changed. */
export async function rerender(jsonPath: string, out: string | undefined): Promise<string> {
  const results = recordedRun.parse(JSON.parse(await readFile(jsonPath, 'utf8'))) as unknown as BenchResults;
  const { markdown } = destinations(results, out);
  await mkdir(dirname(markdown), { recursive: true });
  await writeFile(markdown, renderMarkdown(results));
  process.stdout.write(renderConsole(results));
  return markdown;
}
