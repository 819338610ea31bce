/**
 * Prometheus metrics on a registry of our own (not prom-client's global), so several bot instances in one
 * process (tests, benchmarks) never collide.
 */
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export interface Metrics {
  readonly registry: Registry;
  readonly slackRequests: Counter<'kind' | 'outcome'>;
  readonly listenerSeconds: Histogram<'kind'>;
  readonly redisErrors: Counter;
  readonly webApiErrors: Counter<'method' | 'error'>;
  readonly cloudRequests: Counter<'service' | 'method' | 'status'>;
  readonly cloudSeconds: Histogram<'service'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'vpcep_' });
  return {
    registry,
    slackRequests: new Counter({
      name: 'vpcep_slack_requests_total',
      help: 'Slack requests handled, by listener kind (command, action, view, options, event, function) and outcome',
      labelNames: ['kind', 'outcome'],
      registers: [registry],
    }),
    listenerSeconds: new Histogram({
      name: 'vpcep_slack_listener_seconds',
      help: 'Time from receipt to the end of every listener, by listener kind',
      labelNames: ['kind'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    redisErrors: new Counter({
      name: 'vpcep_redis_errors_total',
      help: 'Redis connection errors',
      registers: [registry],
    }),
    webApiErrors: new Counter({
      name: 'vpcep_slack_web_api_errors_total',
      help: 'Slack Web API calls that failed, by method and error',
      labelNames: ['method', 'error'],
      registers: [registry],
    }),
    cloudRequests: new Counter({
      name: 'vpcep_cloud_requests_total',
      help: 'Cloud API requests, by service, method and HTTP status',
      labelNames: ['service', 'method', 'status'],
      registers: [registry],
    }),
    cloudSeconds: new Histogram({
      name: 'vpcep_cloud_request_seconds',
      help: 'Cloud API request latency, by service',
      labelNames: ['service'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
  };
}
