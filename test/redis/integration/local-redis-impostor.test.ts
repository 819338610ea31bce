/**
 * The attacker is another local user of the machine where `npm start` runs the private redis-server
 * (REDIS_URL unset). Versions before the Unix socket kept their server on a loopback port, recorded in
 * the data directory; once that server is gone, anyone may bind the port. Such a server must never be
 * taken for the bot's Redis: it must hear neither the password nor the workflow steps' `xwfp-` tokens.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '#src/platform/logging/logger.js';
import { connectRedis } from '#src/redis/connect-redis.js';
import { waitForRedis } from '#src/redis/redis-connection.js';

const base = mkdtempSync(join(tmpdir(), 'vpcep-impostor-'));
const logger = createLogger({ level: 'silent', secrets: [] });

afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

/**
 * A local attacker's stand-in for Redis, on a loopback port: it says yes to everything (`+PONG` to a
 * PING, `+OK` to AUTH, the bot's data directory to `CONFIG GET dir`) and keeps what it hears.
 */
async function startImpostor(dir: string): Promise<{ server: Server; port: number; heard: string[] }> {
  const heard: string[] = [];
  const bulk = (text: string) => `$${Buffer.byteLength(text)}\r\n${text}\r\n`;
  const server = createServer((conn) => {
    conn.on('error', () => undefined);
    conn.on('data', (chunk) => {
      const text = String(chunk);
      heard.push(text);
      // One answer per command in the chunk (each starts with `*`); the arguments are bulk strings.
      for (const command of text.split(/^\*/m).filter(Boolean)) {
        const args = command.split('\r\n').filter((_, i) => i > 0 && i % 2 === 0);
        const name = (args[0] ?? '').toUpperCase();
        if (name === 'PING') conn.write('+PONG\r\n');
        else if (name === 'CONFIG') conn.write(`*2\r\n${bulk(args[2] ?? '')}${bulk(dir)}`);
        else if (name === 'INFO') conn.write(bulk('# Server\r\nredis_version:7.0.15\r\nloading:0\r\n'));
        else if (name === 'GET') conn.write('$-1\r\n');
        else conn.write('+OK\r\n');
      }
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0, heard };
}

describe('a server of another local user where the bot looked for its Redis', () => {
  it('should be neither adopted nor told the password or the tokens', async () => {
    // The bot's data directory as an older version left it, its server gone: the recorded loopback port
    // is free, and the attacker has bound it.
    const dir = join(base, 'squatted');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(join(dir, 'password'), 'f'.repeat(64), { mode: 0o600 });
    const impostor = await startImpostor(dir);
    writeFileSync(join(dir, 'port'), String(impostor.port), { mode: 0o600 });
    const connection = await connectRedis(
      { kind: 'local', dataDir: dir, keyPrefix: 'vpcep:' },
      logger,
      () => {},
    );
    try {
      expect(await waitForRedis(connection.client, 5000)).toBe(true);
      await connection.client.set('vpcep:step:token', 'xwfp-2-never-to-the-impostor');
      const current = readFileSync(join(dir, 'password'), 'utf8').trim();
      const heard = impostor.heard.join('');
      expect(heard).not.toContain('xwfp-2-never-to-the-impostor');
      expect(heard).not.toContain(current);
      // The token is in the bot's own server, behind its socket.
      const own = new Redis({ path: join(dir, 'redis.sock'), password: current });
      expect(await own.get('vpcep:step:token')).toBe('xwfp-2-never-to-the-impostor');
      own.disconnect();
    } finally {
      await connection.close();
      impostor.server.close();
    }
  }, 20_000);
});
