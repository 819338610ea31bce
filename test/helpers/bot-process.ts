/**
 * Runs the bot as a real process, exactly as `npm start` does (`node dist/main.js`; `npm test` builds
 * first), for tests of signals, exit codes, restarts and several replicas.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const MAIN = resolve(REPO_ROOT, 'dist/main.js');

/** How to run the bot: `node dist/main.js` (default) or `npm start` from the repository root. */
export type Launcher = 'node' | 'npm-start';

export interface BotProcess {
  readonly proc: ChildProcess;
  readonly port: number;
  readonly baseUrl: string;
  output(): string;
  /** Sends a signal and resolves with the exit code and how long the exit took. */
  signal(signal: NodeJS.Signals): Promise<{ code: number | null; ms: number }>;
  kill(): Promise<void>;
}

/** Spawns the bot with `env` (added to the test's PATH and HOME) in `cwd`. */
export function spawnBot(
  env: Record<string, string>,
  cwd = process.cwd(),
  launcher: Launcher = 'node',
): { proc: ChildProcess; output: () => string } {
  const [command, args] = launcher === 'node' ? [process.execPath, [MAIN]] : ['npm', ['start', '--silent']];
  const proc = spawn(command, args, {
    cwd: launcher === 'node' ? cwd : REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // npm runs the bot as its child: a process group lets a test stop both.
    detached: launcher === 'npm-start',
  });
  let text = '';
  proc.stdout?.on('data', (d) => {
    text += String(d);
  });
  proc.stderr?.on('data', (d) => {
    text += String(d);
  });
  return { proc, output: () => text };
}

/** Waits for the process to exit; resolves with its code (null when a signal ended it). */
export function exited(proc: ChildProcess): Promise<number | null> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve(proc.exitCode);
  return new Promise((done) => proc.once('exit', (code) => done(code)));
}

/** Starts the bot on `port` and waits until `/healthz` answers. */
export async function startBotProcess(
  env: Record<string, string>,
  port: number,
  cwd?: string,
  launcher: Launcher = 'node',
): Promise<BotProcess> {
  const { proc, output } = spawnBot({ ...env, PORT: String(port) }, cwd, launcher);
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`bot exited with ${proc.exitCode}:\n${output()}`);
    const ok = await fetch(`${baseUrl}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`bot did not answer /healthz:\n${output()}`);
    }
    await sleep(50);
  }
  return {
    proc,
    port,
    baseUrl,
    output,
    async signal(signal) {
      const started = Date.now();
      proc.kill(signal);
      const code = await exited(proc);
      return { code, ms: Date.now() - started };
    },
    async kill() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      if (launcher === 'npm-start' && proc.pid) process.kill(-proc.pid, 'SIGKILL');
      else proc.kill('SIGKILL');
      await exited(proc);
    },
  };
}
