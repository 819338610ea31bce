/**
 * ioredis client from the configuration. No command may hang while Redis is away: the offline queue is
 * off, each command has a timeout, and the client reconnects by itself with a capped backoff. Callers get
 * an error at once and translate it with `toStateError`.
 */
import { Cluster, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';
import type { RedisConfig } from '../platform/config/config-types.js';
import { StateUnavailableError } from '../platform/errors/app-error.js';
import type { Logger } from '../platform/logging/logger.js';

/** The client type the stores use: a single node, Sentinel-managed, or a Cluster. */
export type RedisClient = Redis | Cluster;

const BASE_OPTIONS: RedisOptions = {
  enableOfflineQueue: false,
  // Commands issued in the same tick (50 concurrent clicks, each a handful of calls) leave in one write
  // instead of one syscall each: issue 13's profile of the approval burst was mostly socket writes.
  enableAutoPipelining: true,
  maxRetriesPerRequest: 1,
  connectTimeout: 2000,
  commandTimeout: 2000,
  retryStrategy: (attempt: number) => Math.min(100 * 2 ** Math.min(attempt, 5), 2000),
  reconnectOnError: (err: Error) => err.message.startsWith('READONLY'),
};

export interface RedisConnectionEvents {
  onError?: (err: Error) => void;
}

/** Where the private server of a `local` config listens (its Unix socket), and its password. */
export interface LocalServerAddress {
  readonly path: string;
  readonly password: string;
}

/** Creates the client; `local` is the private server of a `local` config. */
export function createRedisClient(
  config: RedisConfig,
  logger: Logger,
  events: RedisConnectionEvents = {},
  local?: LocalServerAddress,
): RedisClient {
  const client = build(config, local);
  let lastLogged = 0;
  client.on('error', (err: Error) => {
    events.onError?.(err);
    const now = Date.now();
    if (now - lastLogged > 10_000) {
      lastLogged = now;
      logger.warn({ err }, 'redis connection error; retrying in the background');
    }
  });
  client.on('ready', () => logger.info('redis ready'));
  return client;
}

function build(config: RedisConfig, local?: LocalServerAddress): RedisClient {
  switch (config.kind) {
    case 'local':
      if (!local) throw new Error('local Redis address missing');
      return new Redis({ ...BASE_OPTIONS, path: local.path, password: local.password });
    case 'url':
      return new Redis(config.url, {
        ...BASE_OPTIONS,
        ...(config.url.startsWith('rediss://') ? { tls: {} } : {}),
      });
    case 'sentinel':
      return new Redis({
        ...BASE_OPTIONS,
        sentinels: config.sentinels.map((s) => ({ ...s })),
        name: config.name,
        ...(config.password ? { password: config.password, sentinelPassword: config.password } : {}),
        ...(config.tls ? { tls: {}, enableTLSForSentinelMode: true } : {}),
      });
    case 'cluster': {
      const options: ClusterOptions = {
        enableOfflineQueue: false,
        // Not in a cluster: while its slots are unknown ioredis would park auto-pipelined commands
        // instead of failing them at once, and a batch can straddle a resharding.
        enableAutoPipelining: false,
        clusterRetryStrategy: (attempt: number) => Math.min(100 * 2 ** Math.min(attempt, 5), 2000),
        redisOptions: {
          ...BASE_OPTIONS,
          ...(config.password ? { password: config.password } : {}),
          ...(config.tls ? { tls: {} } : {}),
        },
      };
      return new Cluster(
        config.nodes.map((n) => ({ ...n })),
        options,
      );
    }
  }
}

/** Waits until the client is ready, or `timeoutMs` passes; never throws. Returns whether it is ready. */
export async function waitForRedis(client: RedisClient, timeoutMs: number): Promise<boolean> {
  if (client.status === 'ready') return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      client.off('ready', onReady);
      resolve(false);
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    client.once('ready', onReady);
  });
}

/** Turns a connection-level Redis failure into `StateUnavailableError`; anything else is returned as is. */
export function toStateError(err: unknown): unknown {
  if (err instanceof StateUnavailableError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const connectionLevel =
    /Stream isn't writeable|Connection is closed|Command timed out|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|max retries per request|connect ETIMEDOUT|Cluster(All)?Failed|None of startup nodes|CLUSTERDOWN|LOADING|MASTERDOWN|READONLY/i.test(
      message,
    );
  return connectionLevel ? new StateUnavailableError(err) : err;
}

/** Runs a Redis operation, translating connection failures into `StateUnavailableError`. */
export async function withState<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (err) {
    throw toStateError(err);
  }
}
