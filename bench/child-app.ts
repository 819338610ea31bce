/**
 * A child process under test: spawned with a clean environment, its output kept (the tail) and scanned
 * for error lines, its memory (with its descendants') and CPU read from `/proc`, stopped with SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { cpuMsOf, processTree, treeRssMbOf } from './proc-stats.js';

/** The repository root (the child's working directory). */
export const ROOT = resolve(import.meta.dirname, '..');

const OUTPUT_TAIL_CHARS = 64_000;
/** A pino line at error or fatal level, or Bolt's console logger's error line. */
const ERROR_LINE = /"level":(5|6)0\b|\[ERROR\]/;

/** A running child app. */
export interface ChildApp {
  readonly name: string;
  readonly proc: ChildProcess;
  readonly port: number;
  readonly baseUrl: string;
  /** The last lines it wrote (stdout and stderr). */
  output(): string;
  /** RSS of the process and all its descendants, summed, MB; NaN where there is no /proc. */
  treeRssMb(): number;
  /** How many processes that sum covers (1: no descendants). */
  treeSize(): number;
  /** CPU time (user + system) used so far, ms, from `/proc/<pid>/stat`; NaN where there is no /proc. */
  cpuMs(): number;
  /** Error lines it logged so far (pino level ≥ 50, or Bolt's console `[ERROR]`), and the first one. */
  errors(): { count: number; first: string | undefined };
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

function exited(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((done) => proc.once('exit', () => done()));
}

/** Spawns `node <args>` in the repository root with only `env` (plus PATH and HOME). */
export function launch(name: string, args: string[], env: Record<string, string>) {
  // A profiling run reaches the apps: BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench …
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const proc = spawn(process.execPath, [...nodeArgs, ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  let partial = '';
  const errors = { count: 0, first: undefined as string | undefined };
  const listeners = new Set<(text: string) => void>();
  const onData = (data: Buffer) => {
    const text = String(data);
    tail = (tail + text).slice(-OUTPUT_TAIL_CHARS);
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines.filter((l) => ERROR_LINE.test(l))) {
      errors.count++;
      errors.first ??= line.slice(0, 400);
    }
    for (const listener of listeners) listener(text);
  };
  proc.stdout?.on('data', onData);
  proc.stderr?.on('data', onData);
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill('SIGTERM');
    const killer = setTimeout(() => proc.kill('SIGKILL'), 5000);
    await exited(proc);
    clearTimeout(killer);
  };
  return {
    name,
    proc,
    output: () => tail,
    treeRssMb: () => treeRssMbOf(proc.pid),
    treeSize: () => (proc.pid === undefined ? 0 : processTree(proc.pid).length),
    cpuMs: () => cpuMsOf(proc.pid),
    errors: () => ({ ...errors }),
    stop,
    /** Resolves with the first capture of `pattern` in the output (lines may arrive split). */
    watch(pattern: RegExp): Promise<string> {
      return new Promise((done) => {
        let seen = '';
        const listener = (text: string) => {
          seen = (seen + text).slice(-OUTPUT_TAIL_CHARS);
          const match = pattern.exec(seen);
          if (match) {
            listeners.delete(listener);
            done(match[1] ?? match[0]);
          }
        };
        listeners.add(listener);
      });
    },
  };
}

/** Polls `check` until it holds; fails at once if the process exits, or after `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  proc: ChildProcess,
  output: () => string,
  timeoutMs: number,
  pollMs: number,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (proc.exitCode !== null)
      throw new Error(`${what}: the process exited with ${proc.exitCode}:\n${output()}`);
    if (await check()) return;
    if (performance.now() > deadline)
      throw new Error(`${what}: not ready within ${timeoutMs} ms:\n${output()}`);
    await sleep(pollMs);
  }
}

/** Whether `GET url` answers `status`. */
export const answers = (url: string, status = 200) =>
  fetch(url).then(
    async (res) => {
      await res.arrayBuffer();
      return res.status === status;
    },
    () => false,
  );
