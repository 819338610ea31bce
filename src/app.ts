/**
 * The composition root: builds every part from the config and wires them. Nothing else creates
 * singletons; tests build a whole bot with `createBot` against real Redis, a fake Slack and the sandbox.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { DestinationStream } from 'pino';
import type { Config } from './config/config-types.js';
import { createHttpServer } from './http/http-server.js';
import { registerListeners } from './listeners/index.js';
import { requestContext } from './listeners/middleware/request-context.js';
import { boltLogger } from './logging/bolt-logger.js';
import { createLogger, type Logger } from './logging/logger.js';
import { createMetrics, type Metrics } from './observability/metrics.js';
import { type CloudHealth, createReadiness } from './observability/readiness.js';
import { botTokenAuthorize } from './slack/authorize.js';
import { type ChannelPoster, createChannelPoster } from './slack/channel-poster.js';
import { createTransport } from './slack/receiver.js';
import { slackErrorCode } from './slack/slack-errors.js';
import { webClientOptions } from './slack/web-clients.js';
import { type LocalRedis, startLocalRedis } from './stores/local-redis-server.js';
import { createRedisClient, type RedisClient, waitForRedis } from './stores/redis-connection.js';

export interface BotOptions {
  /** Where logs go (tests capture them); stdout by default. */
  logDestination?: DestinationStream;
  /** How long shutdown waits for requests in flight. */
  drainTimeoutMs?: number;
}

export interface Bot {
  readonly app: App;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly redis: RedisClient;
  readonly poster: ChannelPoster;
  /** Listens on `port` (0 = any free port); resolves with the port in use. */
  start(port?: number): Promise<{ port: number }>;
  /** Stops intake, lets handlers in flight finish (bounded), closes Redis. Idempotent. */
  stop(): Promise<void>;
}

function secretsOf(config: Config): (string | undefined)[] {
  const auth = config.cloud.mode === 'otc' ? config.cloud.auth : undefined;
  return [
    config.slack.botToken,
    config.slack.signingSecret,
    config.slack.appToken,
    auth?.kind === 'aksk' ? auth.secretKey : undefined,
    auth?.kind === 'password' ? auth.password : undefined,
    config.redis.kind === 'sentinel' || config.redis.kind === 'cluster' ? config.redis.password : undefined,
  ];
}

export async function createBot(config: Config, options: BotOptions = {}): Promise<Bot> {
  const logger = createLogger({
    level: config.logLevel,
    secrets: secretsOf(config),
    destination: options.logDestination,
  });
  const metrics = createMetrics();
  const sandbox = config.cloud.mode === 'sandbox';

  const localRedis: LocalRedis | undefined =
    config.redis.kind === 'local' ? await startLocalRedis(config.redis.dataDir, logger) : undefined;
  const redis = createRedisClient(
    config.redis,
    logger,
    { onError: () => metrics.redisErrors.inc() },
    localRedis?.url,
  );

  const onWebApiError = (method: string, err: unknown) =>
    metrics.webApiErrors.inc({ method, error: slackErrorCode(err) ?? 'unknown' });
  const postingClient = new WebClient(config.slack.botToken, webClientOptions(config.slack, 10_000));
  const poster = createChannelPoster({ client: postingClient, logger, onError: onWebApiError });

  const transport = createTransport(config.slack, boltLogger(logger));
  const app = new App({
    receiver: transport.receiver,
    authorize: botTokenAuthorize(
      new WebClient(undefined, webClientOptions(config.slack, 5000)),
      config.slack.botToken,
    ),
    logger: boltLogger(logger),
    clientOptions: webClientOptions(config.slack, 5000),
    convoStore: false,
  });
  const { middleware, inFlight } = requestContext(logger, metrics);
  app.use(middleware);
  registerListeners(app, { config, logger, metrics, sandbox });
  app.error(async (error) => {
    logger.error({ err: error }, 'unhandled error in a listener');
  });

  const cloudHealth = async (): Promise<CloudHealth> => ({
    state: 'ok',
    detail: sandbox ? 'sandbox' : 'not checked',
  });
  let stopping = false;
  const server: Server = createHttpServer({
    readiness: createReadiness({ redis, cloudHealth }),
    registry: metrics.registry,
    ...(transport.requestListener ? { slack: transport.requestListener } : {}),
    stopping: () => stopping,
  });

  let stopped: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    stopping = true;
    server.close();
    server.closeIdleConnections();
    if (transport.socketMode)
      await app.stop().catch((err: unknown) => logger.warn({ err }, 'socket mode stop failed'));
    await inFlight.drained(options.drainTimeoutMs ?? 8000);
    server.closeAllConnections();
    await redis.quit().catch(() => redis.disconnect());
    await localRedis?.stop();
    logger.info('stopped');
  };

  return {
    app,
    logger,
    metrics,
    redis,
    poster,
    async start(port = config.port) {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, () => resolve());
      });
      const bound = (server.address() as AddressInfo).port;
      if (transport.socketMode) await app.start();
      if (!(await waitForRedis(redis, 1500)))
        logger.warn('redis is not reachable yet; running degraded until it is');
      logger.info(
        { port: bound, mode: transport.socketMode ? 'socket' : 'http', cloud: config.cloud.mode },
        'vpcep-bot ready',
      );
      if (sandbox)
        logger.warn('SANDBOX MODE: no OTC_* credentials are set, so the bot uses the embedded OTC emulator');
      return { port: bound };
    },
    stop() {
      stopped ??= stop();
      return stopped;
    },
  };
}
