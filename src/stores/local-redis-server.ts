/**
 * With `REDIS_URL` unset, the bot runs a private `redis-server` from PATH for local use: loopback only,
 * data under `.data/redis` with the append-only file on. A server left running by an earlier process
 * (its pid and port are in the data directory) is adopted rather than started twice on the same files.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';

export interface LocalRedis {
  readonly url: string;
  stop(): Promise<void>;
}

export class RedisServerMissingError extends AppError {
  constructor(cause: unknown) {
    super('REDIS_SERVER_MISSING', 'redis-server is not on PATH', {
      userMessage:
        'REDIS_URL is not set and no redis-server was found on PATH. Install Redis (Debian/Ubuntu: apt-get install -y redis-server; macOS: brew install redis) or set REDIS_URL to an existing Redis.',
      cause,
    });
  }
}

/** The private redis-server started but then exited or did not answer. */
export class LocalRedisFailedError extends AppError {
  constructor(dir: string, detail: string) {
    super('LOCAL_REDIS_FAILED', `private redis-server failed: ${detail}`, {
      userMessage: `The private redis-server for ${dir} did not start (${detail}). Check that the directory is writable and not used by another Redis, or set REDIS_URL.`,
    });
  }
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Whether a Redis answers on `port`, and (when `dir` is given) keeps its data in `dir`. */
async function answers(port: number, dir?: string): Promise<boolean> {
  const client = new Redis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 300,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    if ((await client.ping()) !== 'PONG') return false;
    if (!dir) return true;
    const [, actual] = (await client.config('GET', 'dir')) as [string, string];
    return resolve(actual) === dir;
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

function adoptable(dir: string): number | undefined {
  const portFile = resolve(dir, 'port');
  if (!existsSync(portFile)) return undefined;
  const port = Number(readFileSync(portFile, 'utf8').trim());
  return Number.isInteger(port) && port > 0 ? port : undefined;
}

/** Starts (or adopts) the private redis-server; rejects with `RedisServerMissingError` without one on PATH. */
export async function startLocalRedis(dataDir: string, logger: Logger): Promise<LocalRedis> {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const existing = adoptable(dir);
  if (existing && (await answers(existing, dir))) {
    logger.info(
      { dir, port: existing },
      'using the private redis-server already running for this data directory',
    );
    return { url: `redis://127.0.0.1:${existing}`, stop: async () => undefined };
  }
  const port = await freePort();
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--appendonly',
    'yes',
    '--save',
    '',
  ];
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  let spawnError: Error | undefined;
  const failed = new Promise<never>((_, reject) =>
    child.once('error', (err) => {
      spawnError = err;
      reject(new RedisServerMissingError(err));
    }),
  );
  failed.catch(() => undefined);
  const deadline = Date.now() + 5000;
  while (!(await answers(port))) {
    if (spawnError) throw new RedisServerMissingError(spawnError);
    if (child.exitCode !== null)
      throw new LocalRedisFailedError(dir, `it exited with code ${child.exitCode}`);
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new LocalRedisFailedError(dir, 'it did not answer within 5 s');
    }
    await Promise.race([sleep(20), failed]);
  }
  writeFileSync(resolve(dir, 'port'), String(port));
  logger.warn(
    { dir, port },
    'REDIS_URL is not set: started a private redis-server (append-only) for local use',
  );
  return { url: `redis://127.0.0.1:${port}`, stop: () => stopChild(child) };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(3000)]);
}
