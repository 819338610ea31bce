/**
 * Starts a private `redis-server` on a free loopback port, in a temporary directory, for tests.
 * Real Redis, never a stand-in: the same binary the bot uses in local mode.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

export interface RedisServerHandle {
  readonly port: number;
  readonly url: string;
  readonly dir: string;
  /** Stops the server (SIGTERM) and waits for it to exit. Data stays in `dir` until `dispose`. */
  stop(): Promise<void>;
  /** Starts the server again on the same port and directory. */
  restart(): Promise<void>;
  /** Stops the server and removes its directory. */
  dispose(): Promise<void>;
}

/** Returns a TCP port that was free on 127.0.0.1 a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(port: number, deadlineMs: number): Promise<void> {
  const started = Date.now();
  for (;;) {
    const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.ping();
      client.disconnect();
      return;
    } catch {
      client.disconnect();
      if (Date.now() - started > deadlineMs) throw new Error(`redis-server on port ${port} did not start`);
      await sleep(25);
    }
  }
}

/** Launches `redis-server` (from PATH) on a free loopback port. */
export async function startRedisServer(options: { appendOnly?: boolean } = {}): Promise<RedisServerHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'vpcep-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;

  const launch = async (): Promise<void> => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
    args.push('--appendonly', options.appendOnly ? 'yes' : 'no');
    const proc = spawn('redis-server', args, { stdio: 'ignore' });
    child = proc;
    const spawnError = new Promise<never>((_, reject) =>
      proc.once('error', (err) =>
        reject(
          new Error(
            `cannot start redis-server (${err.message}); install it: apt-get install -y redis-server`,
          ),
        ),
      ),
    );
    await Promise.race([waitUntilReady(port, 5000), spawnError]);
  };

  const stop = async (): Promise<void> => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGTERM');
    await exited;
  };

  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    stop,
    restart: launch,
    dispose: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
