/**
 * Runs the bot as a real process, exactly as `npm start` does (`node dist/main.js`; `npm test` builds
 * first), for tests of signals, exit codes, restarts and several replicas.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const MAIN = resolve(import.meta.dirname, '../../dist/main.js');

export interface BotProcess {
  readonly proc: ChildProcess;
  readonly port: number;
  readonly baseUrl: string;
  output(): string;
  /** Sends a signal and resolves with the exit code and how long the exit took. */
  signal(signal: NodeJS.Signals): Promise<{ code: number | null; ms: number }>;
  kill(): Promise<void>;
}

/** Spawns `node dist/main.js` with `env` (added to a minimal PATH/HOME) in `cwd`. */
export function spawnBot(
  env: Record<string, string>,
  cwd = process.cwd(),
): { proc: ChildProcess; output: () => string } {
  const proc = spawn(process.execPath, [MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
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

/** Waits for the process to exit; resolves with its code. */
export function exited(proc: ChildProcess): Promise<number | null> {
  if (proc.exitCode !== null) return Promise.resolve(proc.exitCode);
  return new Promise((done) => proc.once('exit', (code) => done(code)));
}

/** Starts the bot on `port` and waits until `/healthz` answers. */
export async function startBotProcess(
  env: Record<string, string>,
  port: number,
  cwd?: string,
): Promise<BotProcess> {
  const { proc, output } = spawnBot({ ...env, PORT: String(port) }, cwd);
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
      if (proc.exitCode === null) {
        proc.kill('SIGKILL');
        await exited(proc);
      }
    },
  };
}
