/**
 * Global middleware: a child logger per request (team, user, kind, callback/action id) in
 * `context.log`, latency and outcome metrics per listener kind, and a count of requests in flight so a
 * shutdown can wait for them.
 */
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../platform/logging/logger.js';
import type { Metrics } from '../platform/metrics.js';

type Body = Record<string, unknown>;

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function field(body: Body, ...path: string[]): string | undefined {
  let cursor: unknown = body;
  for (const key of path) cursor = cursor && typeof cursor === 'object' ? (cursor as Body)[key] : undefined;
  return str(cursor);
}

/** What a Slack request is: its listener kind, the id that names the listener, who and where. */
export interface RequestDescription {
  readonly kind: string;
  readonly id?: string | undefined;
  /** A view closed (kind `view`), not submitted. */
  readonly closed?: boolean;
  readonly user?: string | undefined;
  readonly team?: string | undefined;
}

/** The listener kind and the id that names it, from a Slack request body. */
export function describeRequest(body: Body): RequestDescription {
  const team = field(body, 'team_id') ?? field(body, 'team', 'id') ?? field(body, 'user', 'team_id');
  if (typeof body.command === 'string') {
    return { kind: 'command', id: body.command, user: field(body, 'user_id'), team };
  }
  const type = str(body.type);
  const user = field(body, 'user', 'id');
  if (type === 'block_actions') {
    const first: unknown = Array.isArray(body.actions) ? body.actions[0] : undefined;
    return { kind: 'action', id: first ? field(first as Body, 'action_id') : undefined, user, team };
  }
  if (type === 'view_submission' || type === 'view_closed') {
    const closed = type === 'view_closed';
    return { kind: 'view', id: field(body, 'view', 'callback_id'), closed, user, team };
  }
  if (type === 'block_suggestion') return { kind: 'options', id: str(body.action_id), user, team };
  if (type === 'event_callback') {
    const eventType = field(body, 'event', 'type');
    if (eventType === 'function_executed') {
      return { kind: 'function', id: field(body, 'event', 'function', 'callback_id'), user, team };
    }
    return { kind: 'event', id: eventType, user: field(body, 'event', 'user'), team };
  }
  return { kind: type ?? 'unknown', user, team };
}

/** Counts a failed Web API call that a listener let through (`app.error` calls this once per error). */
export function countWebApiError(metrics: Metrics, err: unknown): void {
  const code = (err as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string' || !code.startsWith('slack_webapi_')) return;
  const data = (err as { data?: { error?: string } }).data;
  metrics.webApiErrors.inc({ method: 'listener', error: data?.error ?? code.replace('slack_webapi_', '') });
}

export interface InFlight {
  count(): number;
  /** Requests served since start. */
  served(): number;
  /** Resolves when no request is in flight, or after `timeoutMs`. */
  drained(timeoutMs: number): Promise<void>;
}

export function requestContext(
  logger: Logger,
  metrics: Metrics,
): { middleware: Middleware<AnyMiddlewareArgs>; inFlight: InFlight } {
  let active = 0;
  let served = 0;
  const waiters = new Set<() => void>();
  const settle = () => {
    if (active === 0) for (const wake of waiters) wake();
  };
  const middleware: Middleware<AnyMiddlewareArgs> = async ({ body, context, next }) => {
    const request = describeRequest(body as Body);
    // The child logger is made on first use: most requests never log, and this is the hot path.
    let log: Logger | undefined;
    const requestLog = (): Logger => {
      log ??= logger.child({ team: request.team, user: request.user, kind: request.kind, id: request.id });
      return log;
    };
    Object.defineProperty(context, 'log', {
      get: requestLog,
      configurable: true,
      enumerable: false,
    });
    // The whole payload at trace level only; redaction keeps the tokens in it out of the output.
    if (logger.isLevelEnabled('trace')) requestLog().trace({ body }, 'slack request');
    const end = metrics.listenerSeconds.startTimer({ kind: request.kind });
    active++;
    let outcome = 'ok';
    try {
      await next();
    } catch (err) {
      outcome = 'error';
      throw err;
    } finally {
      active--;
      served++;
      end();
      metrics.slackRequests.inc({ kind: request.kind, outcome });
      settle();
    }
  };
  const inFlight: InFlight = {
    count: () => active,
    served: () => served,
    drained: (timeoutMs) =>
      new Promise<void>((resolve) => {
        if (active === 0) return resolve();
        const timer = setTimeout(done, timeoutMs);
        function done() {
          clearTimeout(timer);
          waiters.delete(done);
          resolve();
        }
        waiters.add(done);
      }),
  };
  return { middleware, inFlight };
}
