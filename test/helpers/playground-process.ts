/**
 * Starts the built bot exactly as `npm start` does with no Slack token: the bot and its playground, on
 * free ports, against the test Redis and the sandbox cloud. The page's URL comes from the start-up log.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { MAIN } from './bot-process.js';
import { freePort } from './redis-server.js';

export interface PlaygroundProcess {
  readonly proc: ChildProcess;
  /** The page, e.g. `http://127.0.0.1:41234/`. */
  readonly url: string;
  /** The sandbox cloud's base URL (its `/_sandbox/` admin routes), from the SANDBOX MODE log line. */
  readonly sandboxUrl: string;
  output(): string;
  stop(): Promise<void>;
}

function logLines(text: string): Array<Record<string, unknown>> {
  return text.split('\n').flatMap((line) => {
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
}

export async function startPlayground(env: Record<string, string>): Promise<PlaygroundProcess> {
  const port = await freePort();
  const proc = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      PLAYGROUND_PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  proc.stdout?.on('data', (d) => {
    text += String(d);
  });
  proc.stderr?.on('data', (d) => {
    text += String(d);
  });
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`the bot exited with ${proc.exitCode}:\n${text}`);
    const lines = logLines(text);
    const open = lines.find((l) => typeof l.msg === 'string' && l.msg.startsWith('playground: open '));
    const sandbox = lines.find((l) => typeof l.msg === 'string' && l.msg.startsWith('SANDBOX MODE'));
    if (open && sandbox) {
      return {
        proc,
        url: String(open.url),
        sandboxUrl: String(sandbox.url),
        output: () => text,
        async stop() {
          if (proc.exitCode !== null || proc.signalCode !== null) return;
          const exited = new Promise((done) => proc.once('exit', done));
          proc.kill('SIGTERM');
          await exited;
        },
      };
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`the playground did not start:\n${text}`);
    }
    await sleep(100);
  }
}
