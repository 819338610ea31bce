/**
 * The bot's Redis: the configured one, or a private `redis-server` started for local use when
 * `REDIS_URL` is unset. `close()` ends the connection and stops the private server if we started it.
 */
import type { RedisConfig } from '../platform/config/config-types.js';
import type { Logger } from '../platform/logging/logger.js';
import { startLocalRedis } from './local-redis-server.js';
import { createRedisClient, type RedisClient } from './redis-connection.js';

export interface RedisConnection {
  readonly client: RedisClient;
  /** Quits (or drops) the connection, then stops the private server, if any. */
  close(options?: { graceful?: boolean }): Promise<void>;
}

export async function connectRedis(
  config: RedisConfig,
  logger: Logger,
  onError: (err: Error) => void,
): Promise<RedisConnection> {
  const local = config.kind === 'local' ? await startLocalRedis(config.dataDir, logger) : undefined;
  const client = createRedisClient(
    config,
    logger,
    { onError },
    local ? { path: local.path, password: local.password } : undefined,
  );
  return {
    client,
    async close({ graceful = true } = {}) {
      if (graceful) await client.quit().catch(() => client.disconnect());
      else client.disconnect();
      await local?.stop();
    },
  };
}
