/**
 * The composition root: builds every part from the config and wires them. Nothing else creates
 * singletons; tests build a whole bot with `createBot` against real Redis, a fake Slack and the sandbox.
 */

import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { App } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { DestinationStream } from 'pino';
import { createHeavyReadLimiter } from './access/heavy-reads.js';
import { createPermissions } from './access/permissions.js';
import { createServiceRecords } from './access/service-records.js';
import { createUsergroupMembers } from './access/usergroup-members.js';
import { type Cloud, type CloudOptions, createCloud } from './cloud/index.js';
import { createServiceCache } from './cloud/service-cache.js';
import { createServiceLookup } from './cloud/service-lookup.js';
import { createServiceSnapshots } from './cloud/service-snapshots.js';
import { invalidatingCloud, invalidatingRecords } from './core/cache-invalidation.js';
import type { Core } from './core/core.js';
import { createReadiness } from './core/readiness.js';
import { registerListeners } from './core/register-listeners.js';
import type { SubcommandSpec } from './domain/subcommand-spec.js';
import { buildFeatures } from './feature-list.js';
import type { CreateServiceOptions } from './features/create/index.js';
import type { ManageServicesOptions } from './features/manage/index.js';
import type { Config } from './platform/config/config-types.js';
import { AppError } from './platform/errors/app-error.js';
import { createHttpServer } from './platform/http-server.js';
import { boltLogger } from './platform/logging/bolt-logger.js';
import { configSecrets } from './platform/logging/config-secrets.js';
import { createLogger, type Logger } from './platform/logging/logger.js';
import { createMetrics, type Metrics } from './platform/metrics.js';
import { createAuditLog } from './redis/audit-log.js';
import { connectRedis } from './redis/connect-redis.js';
import { createJobRunner } from './redis/job-runner.js';
import { createKeys } from './redis/keys.js';
import { createLeaderLock } from './redis/leader-lock.js';
import { createRateLimits } from './redis/rate-limits.js';
import { type RedisClient, waitForRedis } from './redis/redis-connection.js';
import type { AppContext, BotApp } from './slack/app-context.js';
import { botTokenAuthorize } from './slack/authorize.js';
import { type ChannelPoster, createChannelPoster } from './slack/channel-poster.js';
import { createDispatcher } from './slack/dispatcher.js';
import { createTransport } from './slack/receiver.js';
import { countWebApiError, requestContext } from './slack/request-context.js';
import { slackErrorCode } from './slack/slack-errors.js';
import { webClientOptions } from './slack/web-clients.js';

export interface BotOptions {
  /** Where logs go (tests capture them); stdout by default. */
  logDestination?: DestinationStream;
  /** How long shutdown waits for requests in flight. */
  drainTimeoutMs?: number;
  /** Cloud client knobs (tests: short sandbox delays and retry backoff). */
  cloud?: CloudOptions;
  /** Creation knobs (tests: a short retry window and resume interval). */
  create?: CreateServiceOptions;
  /** Management knobs (tests: a short digest interval). */
  manage?: ManageServicesOptions;
}

export interface Bot {
  readonly app: BotApp;
  /** The `/vpcep` subcommands help lists (the playground's composer suggests them). */
  readonly subcommands: readonly SubcommandSpec[];
  /** The slash commands the app answers. */
  readonly slashCommands: readonly string[];
  /** How many Slack requests it has served since start. */
  served(): number;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly redis: RedisClient;
  readonly poster: ChannelPoster;
  readonly cloud: Cloud;
  readonly core: Core;
  /** Listens on `port` (0 = any free port); resolves with the port in use. */
  start(port?: number): Promise<{ port: number }>;
  /** Stops intake, lets handlers in flight finish (bounded), closes Redis. Idempotent. */
  stop(): Promise<void>;
}

export async function createBot(config: Config, options: BotOptions = {}): Promise<Bot> {
  const logger = createLogger({
    level: config.logLevel,
    secrets: configSecrets(config),
    destination: options.logDestination,
  });
  const metrics = createMetrics();
  const sandbox = config.cloud.mode === 'sandbox';

  const connection = await connectRedis(config.redis, logger, () => metrics.redisErrors.inc());
  const redis = connection.client;

  const keys = createKeys(config.redis.keyPrefix);
  if (sandbox && !(await waitForRedis(redis, 5000))) {
    await connection.close({ graceful: false });
    throw new AppError('SANDBOX_NEEDS_REDIS', 'redis unreachable at start in sandbox mode', {
      userMessage:
        'The sandbox cloud keeps its state in Redis, and Redis is unreachable. Check REDIS_URL (or unset it to use a private redis-server).',
    });
  }
  const rawCloud = await createCloud(
    config.cloud,
    {
      logger,
      redis,
      keyPrefix: config.redis.keyPrefix,
      observe: (event) => {
        metrics.cloudRequests.inc({
          service: event.service,
          method: event.method,
          status: String(event.status),
        });
        metrics.cloudSeconds.observe({ service: event.service }, event.durationMs / 1000);
      },
    },
    options.cloud,
  );
  const serviceCache = createServiceCache({
    cloud: rawCloud,
    snapshots: createServiceSnapshots(redis, keys),
    logger,
  });
  // Every write through the bot's cloud or records invalidates the cache: one place, not each use case.
  const cloud = invalidatingCloud(rawCloud, serviceCache);

  const onWebApiError = (method: string, err: unknown) =>
    metrics.webApiErrors.inc({ method, error: slackErrorCode(err) ?? 'unknown' });
  const slackLogger = boltLogger(logger);
  const slack = new WebClient(config.slack.botToken, webClientOptions(config.slack, 10_000, slackLogger));
  const poster = createChannelPoster({ client: slack, logger, onError: onWebApiError });
  const usergroups = createUsergroupMembers(slack, redis, keys, logger, {
    freshSeconds: config.slack.groupCacheSeconds,
  });
  const instanceId = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const core: Core = {
    config,
    logger,
    metrics,
    redis,
    keys,
    cloud,
    sandbox,
    poster,
    slack,
    usergroups,
    permissions: createPermissions(config.access, usergroups),
    records: invalidatingRecords(createServiceRecords(redis, keys), serviceCache),
    audit: createAuditLog(redis, keys),
    lookup: createServiceLookup(cloud),
    serviceCache,
    heavyReads: createHeavyReadLimiter(createRateLimits(redis, keys), logger, {
      burst: config.limits.listBurst,
      perSecond: 1,
    }),
    instanceId,
  };

  const transport = createTransport(config.slack, slackLogger);
  const app: BotApp = new App<AppContext>({
    receiver: transport.receiver,
    authorize: botTokenAuthorize(
      new WebClient(undefined, webClientOptions(config.slack, 5000, slackLogger)),
      config.slack.botToken,
    ),
    logger: slackLogger,
    clientOptions: webClientOptions(config.slack, 5000, slackLogger),
    convoStore: false,
  });
  const { middleware, inFlight } = requestContext(logger, metrics);
  app.use(middleware);
  const dispatcher = createDispatcher(app);
  app.use(dispatcher.middleware);
  const features = buildFeatures(core, {
    ...(options.create ? { create: options.create } : {}),
    ...(options.manage ? { manage: options.manage } : {}),
  });
  const subcommands = registerListeners(dispatcher.routes, core, features);
  app.error(async (error) => {
    countWebApiError(metrics, error);
    logger.error({ err: error }, 'unhandled error in a listener');
  });
  const jobs = createJobRunner(createLeaderLock(redis, keys, instanceId), logger);
  for (const feature of features) for (const job of feature.jobs ?? []) jobs.add(job);

  let stopping = false;
  const server: Server = createHttpServer({
    readiness: createReadiness({ redis, cloudHealth: cloud.health }),
    registry: metrics.registry,
    ...(transport.requestListener ? { slack: transport.requestListener } : {}),
    stopping: () => stopping,
  });

  let stopped: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    stopping = true;
    server.close();
    server.closeIdleConnections();
    await inFlight.drained(options.drainTimeoutMs ?? 6000);
    if (transport.socketMode)
      await app.stop().catch((err: unknown) => logger.warn({ err }, 'socket mode stop failed'));
    await jobs.stop();
    await Promise.allSettled(features.map((feature) => feature.stop?.()));
    server.closeAllConnections();
    await cloud.close().catch((err: unknown) => logger.warn({ err }, 'closing the cloud client failed'));
    await connection.close();
    logger.info('stopped');
  };

  return {
    app,
    subcommands,
    slashCommands: dispatcher.commands(),
    served: inFlight.served,
    logger,
    metrics,
    redis,
    poster,
    cloud,
    core,
    async start(port = config.port) {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, () => resolve());
      });
      const bound = (server.address() as AddressInfo).port;
      if (transport.socketMode) await app.start();
      if (!(await waitForRedis(redis, 1500)))
        logger.warn('redis is not reachable yet; running degraded until it is');
      jobs.start();
      logger.info(
        { port: bound, mode: transport.socketMode ? 'socket' : 'http', cloud: config.cloud.mode },
        'vpcep-bot ready',
      );
      return { port: bound };
    },
    stop() {
      stopped ??= stop();
      return stopped;
    },
  };
}
