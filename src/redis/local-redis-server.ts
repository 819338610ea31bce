/**
 * With `REDIS_URL` unset, the bot runs a private `redis-server` from PATH for local use. It holds the
 * workflow steps' `xwfp-` tokens, so it is private in every sense: loopback only, a random password
 * (`requirepass`), and its data directory, config, password and append-only files readable by this user
 * alone (0700 directories, 0600 files, the server started under umask 077). The password lives in a
 * 0600 file in the data directory, never on a command line (other users can read those) and never in
 * a log. A server left running by an earlier process (its port and password are in the data directory)
 * is adopted rather than started twice on the same files.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { AppError } from '../platform/errors/app-error.js';
import type { Logger } from '../platform/logging/logger.js';

export interface LocalRedis {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** The server's `requirepass`; kept out of URLs so it cannot end up in a log. */
  readonly password: string;
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

/** Files in the data directory next to Redis's own. */
const PORT_FILE = 'port';
const PASSWORD_FILE = 'password';
const CONFIG_FILE = 'redis.conf';
/** The exit code of a shell that could not find the command. */
const COMMAND_NOT_FOUND = 127;

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

function client(port: number, password: string | undefined): Redis {
  const redis = new Redis({
    port,
    host: '127.0.0.1',
    ...(password ? { password } : {}),
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 300,
  });
  redis.on('error', () => undefined);
  return redis;
}

/** Whether a Redis answers on `port` with `password`, and (when `dir` is given) keeps its data in `dir`. */
async function answers(port: number, password: string | undefined, dir?: string): Promise<boolean> {
  const redis = client(port, password);
  try {
    await redis.connect();
    if ((await redis.ping()) !== 'PONG') return false;
    if (!dir) return true;
    const [, actual] = (await redis.config('GET', 'dir')) as [string, string];
    return resolve(actual) === dir;
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

function readIfExists(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

function adoptablePort(dir: string): number | undefined {
  const port = Number(readIfExists(resolve(dir, PORT_FILE)));
  return Number.isInteger(port) && port > 0 ? port : undefined;
}

/** Writes a file only this user can read: created 0600, never briefly wider. */
function writePrivate(file: string, text: string): void {
  rmSync(file, { force: true });
  writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
}

/** 0700 for the directory and its subdirectories, 0600 for its files: also fixes data of older versions. */
function tighten(dir: string): void {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) tighten(path);
    else if (entry.isFile()) chmodSync(path, 0o600);
  }
}

/**
 * A server of an earlier version (no password) still running on this directory: shut it down (it
 * writes its append-only file first), so the new one starts on the same data with a password.
 */
async function retireUnprotected(port: number, dir: string, logger: Logger): Promise<void> {
  if (!(await answers(port, undefined, dir))) return;
  logger.warn({ dir, port }, 'stopping the private redis-server that ran without a password');
  const redis = client(port, undefined);
  try {
    await redis.connect();
    await redis.shutdown().catch(() => undefined);
  } catch {
    // Already gone.
  } finally {
    redis.disconnect();
  }
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline && (await answers(port, undefined))) await sleep(50);
}

/** Redis's configuration, in a 0600 file: `requirepass` stays off the command line. */
function configText(dir: string, port: number, password: string): string {
  return [
    `port ${port}`,
    'bind 127.0.0.1',
    'protected-mode yes',
    `dir ${JSON.stringify(dir)}`,
    'appendonly yes',
    'save ""',
    `requirepass ${password}`,
    '',
  ].join('\n');
}

/** Starts (or adopts) the private redis-server; rejects with `RedisServerMissingError` without one on PATH. */
export async function startLocalRedis(dataDir: string, logger: Logger): Promise<LocalRedis> {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  tighten(dir);
  const existing = adoptablePort(dir);
  const knownPassword = readIfExists(resolve(dir, PASSWORD_FILE));
  if (existing && knownPassword && (await answers(existing, knownPassword, dir))) {
    logger.info(
      { dir, port: existing },
      'using the private redis-server already running for this data directory',
    );
    return { host: '127.0.0.1', port: existing, password: knownPassword, stop: async () => undefined };
  }
  if (existing) await retireUnprotected(existing, dir, logger);

  const port = await freePort();
  const password = randomBytes(32).toString('hex');
  writePrivate(resolve(dir, PASSWORD_FILE), password);
  const config = resolve(dir, CONFIG_FILE);
  writePrivate(config, configText(dir, port, password));
  // umask 077: the append-only directory and files Redis creates (now and on every rewrite) are ours alone.
  const child = spawn('/bin/sh', ['-c', 'umask 077 && exec redis-server "$1"', 'redis-server', config], {
    stdio: 'ignore',
  });
  let spawnError: Error | undefined;
  const failed = new Promise<never>((_, reject) =>
    child.once('error', (err) => {
      spawnError = err;
      reject(new RedisServerMissingError(err));
    }),
  );
  failed.catch(() => undefined);
  const deadline = Date.now() + 5000;
  while (!(await answers(port, password))) {
    if (spawnError) throw new RedisServerMissingError(spawnError);
    if (child.exitCode === COMMAND_NOT_FOUND)
      throw new RedisServerMissingError(new Error('redis-server: command not found'));
    if (child.exitCode !== null)
      throw new LocalRedisFailedError(dir, `it exited with code ${child.exitCode}`);
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new LocalRedisFailedError(dir, 'it did not answer within 5 s');
    }
    await Promise.race([sleep(20), failed]);
  }
  writePrivate(resolve(dir, PORT_FILE), String(port));
  logger.warn(
    { dir, port },
    'REDIS_URL is not set: started a private redis-server (append-only, loopback, password-protected) for local use',
  );
  return { host: '127.0.0.1', port, password, stop: () => stopChild(child) };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(3000)]);
}
