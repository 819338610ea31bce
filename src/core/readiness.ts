/**
 * `/readyz`: unready (503) when Redis does not answer a PING within the budget, or when the last cloud
 * credential check failed to authenticate. A cloud outage or throttling is reported but keeps the replica
 * ready: another replica would fare no better, and Slack users still get clear answers. The answer is
 * public to whoever reaches the port, so it holds the state and the bot's own wording only: never the
 * cloud's error text (which the cloud health check keeps to the log).
 */
import type { CloudHealth } from '../cloud/index.js';
import type { RedisClient } from '../redis/redis-connection.js';

export interface ReadinessReport {
  ready: boolean;
  redis: 'ok' | 'unreachable';
  cloud: CloudHealth;
}

export interface ReadinessDeps {
  redis: RedisClient;
  cloudHealth: () => Promise<CloudHealth>;
  /** Budget for each check; the whole answer stays under a second. */
  budgetMs?: number;
}

function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([promise.catch(() => fallback), timeout]).finally(() => clearTimeout(timer));
}

export function createReadiness(deps: ReadinessDeps): () => Promise<ReadinessReport> {
  const budget = deps.budgetMs ?? 700;
  return async () => {
    const redisOk = within(
      deps.redis.ping().then((pong) => pong === 'PONG'),
      budget,
      false,
    );
    const cloud = within<CloudHealth>(deps.cloudHealth(), budget, {
      state: 'unavailable',
      detail: 'the cloud credential check did not answer in time',
      checkedAt: new Date().toISOString(),
    });
    const [redis, cloudHealth] = await Promise.all([redisOk, cloud]);
    return {
      ready: redis && cloudHealth.state !== 'auth_failed',
      redis: redis ? 'ok' : 'unreachable',
      // Field by field: nothing else a health object may carry reaches the answer.
      cloud: { state: cloudHealth.state, detail: cloudHealth.detail, checkedAt: cloudHealth.checkedAt },
    };
  };
}
