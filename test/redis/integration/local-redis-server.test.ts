/**
 * The attacker is another local user of the machine where `npm start` runs the private redis-server
 * (REDIS_URL unset). It holds the workflow steps' `xwfp-` tokens. They must neither connect to it without
 * the password nor read its files; the bot, restarted, still adopts the running server. (A server of
 * theirs where the bot used to look for its Redis: local-redis-impostor.test.ts.)
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '#src/platform/logging/logger.js';
import { type LocalRedis, startLocalRedis } from '#src/redis/local-redis-server.js';

let base: string;
let dataDir: string;
let server: LocalRedis;
/** Where the server listens: a socket in the data directory. */
let socket: string;
/** What only the bot may know: the password it keeps in the data directory. */
let password: string | undefined;
const logs: string[] = [];
const logger = createLogger({
  level: 'debug',
  secrets: [],
  destination: new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  }),
});

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'vpcep-local-redis-'));
  dataDir = join(base, '.data', 'redis');
  server = await startLocalRedis(dataDir, logger);
  socket = join(dataDir, 'redis.sock');
  const passwordFile = join(dataDir, 'password');
  password = existsSync(passwordFile) ? readFileSync(passwordFile, 'utf8').trim() : undefined;
  // A step's function token, stored the way the bot stores it, then forced onto disk.
  const bot = botClient();
  await bot.set('vpcep:step:token', 'xwfp-1-local-user-must-not-read-this');
  await bot.call('BGREWRITEAOF');
  await new Promise((r) => setTimeout(r, 300));
  bot.disconnect();
});

afterAll(async () => {
  await server?.stop();
  rmSync(base, { recursive: true, force: true });
});

function botClient(): Redis {
  return new Redis({ path: socket, ...(password ? { password } : {}) });
}

/** Every directory and file under `dir` with its permission bits. */
function modes(dir: string): { path: string; mode: number; directory: boolean }[] {
  const out = [{ path: dir, mode: statSync(dir).mode & 0o777, directory: true }];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...modes(path));
    else out.push({ path, mode: statSync(path).mode & 0o777, directory: false });
  }
  return out;
}

describe('the private redis-server', () => {
  it('should refuse a connection without the password', async () => {
    const stranger = new Redis({
      path: socket,
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      // The ready check would fail on NOAUTH and drop the connection before the test asks anything.
      enableReadyCheck: false,
    });
    stranger.on('error', () => undefined);
    try {
      await stranger.connect();
      await expect(stranger.get('vpcep:step:token')).rejects.toThrow(/NOAUTH/);
      await expect(stranger.call('AUTH', 'guess')).rejects.toThrow(/WRONGPASS|invalid/i);
    } finally {
      stranger.disconnect();
    }
  });

  it('should keep its data directory, password and append-only files readable by this user alone', () => {
    const entries = modes(dataDir);
    for (const entry of entries) {
      expect({ path: entry.path, mode: entry.mode & 0o077 }).toEqual({ path: entry.path, mode: 0 });
      if (entry.directory) expect(entry.mode).toBe(0o700);
    }
    const names = entries.map((e) => e.path.slice(dataDir.length));
    expect(names).toEqual(expect.arrayContaining(['/password', '/appendonlydir']));
  });

  it('should listen on its private socket only, and keep the password off its command line and out of the log', async () => {
    expect(password).toMatch(/^[0-9a-f]{64}$/);
    expect(server.path).toBe(socket);
    expect(statSync(socket).isSocket()).toBe(true);
    const bot = botClient();
    try {
      const [, bind] = (await bot.config('GET', 'bind')) as [string, string];
      expect(bind.split(' ')).toEqual(['127.0.0.1']);
      // No TCP port: another local user can neither connect to it nor squat on it.
      expect(await bot.config('GET', 'port')).toEqual(['port', '0']);
      expect(await bot.config('GET', 'unixsocketperm')).toEqual(['unixsocketperm', '700']);
      const info = await bot.info('server');
      const pid = /process_id:(\d+)/.exec(info)?.[1];
      const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      expect(commandLine).not.toContain(String(password));
    } finally {
      bot.disconnect();
    }
    expect(logs.join('')).not.toContain(String(password));
  });

  it('should be adopted, with its password, by the next start on the same directory', async () => {
    const again = await startLocalRedis(dataDir, logger);
    expect(again.path).toBe(socket);
    expect(again.password).toBe(password);
    const bot = botClient();
    expect(await bot.get('vpcep:step:token')).toBe('xwfp-1-local-user-must-not-read-this');
    bot.disconnect();
    await again.stop();
  });
});
