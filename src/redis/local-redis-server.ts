/**
 * With `REDIS_URL` unset, the bot runs a private `redis-server` from PATH for local use. It holds the
 * workflow steps' `xwfp-` tokens, so it is private in every sense: no TCP port at all, only a Unix
 * socket inside the 0700 data directory (so no other local user can reach it, nor bind a server of
 * their own where the bot looks for it, as anyone can on a loopback port), a random password
 * (`requirepass`), and its data directory, config, password and append-only files readable by this user
 * alone (0700 directories, 0600 files, the server started under umask 077). The password lives in a
 * 0600 file in the data directory, never on a command line (other users can read those) and never in
 * a log. A server left running by an earlier process (its socket and password are in the data
 * directory) is adopted rather than started twice on the same files.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { AppError } from '../platform/errors/app-error.js';
import type { Logger } from '../platform/logging/logger.js';

export interface LocalRedis {
  /** The Unix socket the server listens on, inside the data directory. */
  readonly path: string;
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
const SOCKET_FILE = 'redis.sock';
const PASSWORD_FILE = 'password';
const CONFIG_FILE = 'redis.conf';
/** Where versions before the socket recorded their loopback port. */
const LEGACY_PORT_FILE = 'port';
/** The exit code of a shell that could not find the command. */
const COMMAND_NOT_FOUND = 127;
/** The longest socket path every platform takes (`sun_path` is 104 bytes on macOS, 108 on Linux). */
const MAX_SOCKET_PATH = 103;

/** Where a Redis is reached: the private socket, or the loopback port of an older version. */
type Address = { readonly path: string } | { readonly port: number };

function client(address: Address, password: string | undefined): Redis {
  const redis = new Redis({
    ...('path' in address ? { path: address.path } : { port: address.port, host: '127.0.0.1' }),
    ...(password ? { password } : {}),
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 300,
  });
  redis.on('error', () => undefined);
  return redis;
}

/** Whether a Redis answers at `address` with `password`, and (when `dir` is given) keeps its data in `dir`. */
async function answers(address: Address, password: string | undefined, dir?: string): Promise<boolean> {
  const redis = client(address, password);
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

/** The loopback port an older version recorded, if any. */
function legacyPort(dir: string): number | undefined {
  const port = Number(readIfExists(resolve(dir, LEGACY_PORT_FILE)));
  return Number.isInteger(port) && port > 0 ? port : undefined;
}

/** True when `path` is a socket of this user's (in a directory only this user can enter). */
function isOwnSocket(path: string): boolean {
  try {
    const stat = lstatSync(path);
    return stat.isSocket() && stat.uid === process.getuid?.();
  } catch {
    return false;
  }
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
 * A server of an earlier version (on a loopback port, with or without a password) still running on
 * this directory: shut it down (it writes its append-only file first), so the new one starts on the
 * same data behind its socket. Whatever holds that port now is never used: at most it hears the old
 * password, which the new server does not take (it gets a fresh one).
 */
async function retireLegacy(dir: string, password: string | undefined, logger: Logger): Promise<void> {
  const port = legacyPort(dir);
  if (!port) return;
  for (const tried of password ? [password, undefined] : [undefined]) {
    if (!(await answers({ port }, tried, dir))) continue;
    logger.warn({ dir, port }, 'stopping the private redis-server of an older version (loopback port)');
    const redis = client({ port }, tried);
    try {
      await redis.connect();
      await redis.shutdown().catch(() => undefined);
    } catch {
      // Already gone.
    } finally {
      redis.disconnect();
    }
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && (await answers({ port }, tried))) await sleep(50);
    break;
  }
  rmSync(resolve(dir, LEGACY_PORT_FILE), { force: true });
}

/**
 * Redis's configuration, in a 0600 file: `requirepass` stays off the command line. No TCP port
 * (`port 0`; the loopback bind only guards against a port set by hand); the socket only this user
 * may open, in a directory only this user may enter.
 */
function configText(dir: string, socket: string, password: string): string {
  return [
    'port 0',
    'bind 127.0.0.1',
    `unixsocket ${JSON.stringify(socket)}`,
    'unixsocketperm 700',
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
  const socket = resolve(dir, SOCKET_FILE);
  if (Buffer.byteLength(socket) > MAX_SOCKET_PATH)
    throw new LocalRedisFailedError(
      dir,
      `its socket path ${socket} is longer than the ${MAX_SOCKET_PATH} bytes a Unix socket allows; set REDIS_DATA_DIR to a shorter directory`,
    );
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (statSync(dir).uid !== process.getuid?.())
    throw new LocalRedisFailedError(
      dir,
      'the directory belongs to another user; set REDIS_DATA_DIR to one of yours',
    );
  tighten(dir);
  const knownPassword = readIfExists(resolve(dir, PASSWORD_FILE));
  if (knownPassword && isOwnSocket(socket) && (await answers({ path: socket }, knownPassword, dir))) {
    logger.info({ dir }, 'using the private redis-server already running for this data directory');
    return { path: socket, password: knownPassword, stop: async () => undefined };
  }
  await retireLegacy(dir, knownPassword, logger);
  // A socket left by a server that is gone: the new server binds its own.
  rmSync(socket, { force: true });

  const password = randomBytes(32).toString('hex');
  writePrivate(resolve(dir, PASSWORD_FILE), password);
  const config = resolve(dir, CONFIG_FILE);
  writePrivate(config, configText(dir, socket, password));
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
  while (!(await answers({ path: socket }, password))) {
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
  logger.warn(
    { dir },
    'REDIS_URL is not set: started a private redis-server (append-only, on a private Unix socket, password-protected) for local use',
  );
  return { path: socket, password, stop: () => stopChild(child) };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(3000)]);
}
