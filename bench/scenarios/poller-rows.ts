/** The result rows of the poller-cost scenario: calls per poll, linearity in services, paging in connections. */
import type { PollerPoint } from '../config.js';
import type { TargetRow } from '../outcome.js';
import { round } from '../stats.js';

/** The cloud calls of one poll. */
export interface PollCount {
  readonly total: number;
  readonly byPath: Record<string, number>;
  /** The query of the last connection list call (its `limit`, any status filter). */
  readonly connectionQuery: Readonly<Record<string, string | string[]>> | undefined;
}

export interface PointResult extends PollerPoint {
  /** The poll that found the connections and posted the requests. */
  readonly firstPoll: PollCount;
  /** The next poll, with every request already known. */
  readonly steadyPoll: PollCount;
  readonly posts: number;
}

export const CONNECTION_LIST = /^GET \/v1\/\{project\}\/vpc-endpoint-services\/\{id\}\/connections$/;
export const SERVICE_LIST = /^GET \/v1\/\{project\}\/vpc-endpoint-services$/;
/** What the API returns per page when the caller sends no `limit`. */
const API_DEFAULT_LIMIT = 10;

function describe(p: PollerPoint): string {
  return `${p.services} services × ${p.connections} pending${p.accepted ? ` + ${p.accepted} accepted` : ''}`;
}

/** Calls that are neither a service list page nor a connection list page. */
function otherCalls(poll: PollCount): number {
  return Object.entries(poll.byPath)
    .filter(([path]) => !SERVICE_LIST.test(path) && !CONNECTION_LIST.test(path))
    .reduce((sum, [, n]) => sum + n, 0);
}

/** Connection list pages per service the poller's own query needs for this point. */
function pagesPerService(p: PointResult, query: PollCount['connectionQuery']): number {
  const limit = typeof query?.limit === 'string' ? Number(query.limit) : API_DEFAULT_LIMIT;
  const onlyPending = query?.status === 'pendingAcceptance';
  const listed = p.connections + (onlyPending ? 0 : (p.accepted ?? 0));
  return Math.max(1, Math.ceil(listed / limit));
}

function queryText(query: PollCount['connectionQuery']): string {
  if (!query) return 'no connection list call';
  return Object.entries(query)
    .map(([name, value]) => `${name}=${String(value)}`)
    .join('&');
}

export function pointRows(points: readonly PointResult[]): TargetRow[] {
  return points.map((p) => ({
    measure: `steady-state poll, ${describe(p)}`,
    unit: 'calls',
    bot: p.steadyPoll.total,
    bare: null,
    ratio: null,
    target: 'informational',
    verdict: 'info' as const,
    note: `${round(p.steadyPoll.total / p.services)} calls/service; first poll ${p.firstPoll.total} calls, ${p.posts} posts; ${Object.entries(
      p.steadyPoll.byPath,
    )
      .map(([path, n]) => `${path}: ${n}`)
      .join(', ')}`,
  }));
}

/** The marginal cost of one more service must not change with the number of services. */
export function linearityRows(points: readonly PointResult[]): TargetRow[] {
  const base = points
    .filter((p) => p.connections === 1 && !p.accepted)
    .sort((a, b) => a.services - b.services);
  const slopes = base.slice(1).map((p, i) => {
    const prev = base[i];
    return prev ? (p.steadyPoll.total - prev.steadyPoll.total) / (p.services - prev.services) : Number.NaN;
  });
  if (slopes.length === 0) return [];
  const highest = Math.max(...slopes);
  const spread = highest - Math.min(...slopes);
  return [
    {
      measure: `marginal calls per added service (${base.map((p) => p.services).join(' → ')} services)`,
      unit: 'calls',
      bot: round(highest),
      bare: null,
      ratio: null,
      target: 'the same at every step (linear)',
      verdict: Number.isFinite(spread) && spread <= 0.05 + 0.1 * highest ? 'pass' : 'fail',
      note: `steps: ${slopes.map((s) => round(s)).join(', ')}`,
    },
  ];
}

/** More connections per service may add list pages, and nothing else. */
export function connectionRows(points: readonly PointResult[]): TargetRow[] {
  return points.flatMap((high) => {
    if (high.connections === 1 && !high.accepted) return [];
    const low = points.find((p) => p.services === high.services && p.connections === 1 && !p.accepted);
    if (!low) return [];
    const query = high.steadyPoll.connectionQuery ?? low.steadyPoll.connectionQuery;
    const extraPages = high.services * (pagesPerService(high, query) - pagesPerService(low, query));
    const extra = high.steadyPoll.total - low.steadyPoll.total;
    const otherGrowth = otherCalls(high.steadyPoll) - otherCalls(low.steadyPoll);
    return [
      {
        measure: `extra calls, ${describe(high)} vs ${describe(low)}`,
        unit: 'calls',
        bot: extra,
        bare: null,
        ratio: null,
        target: `only extra list pages (${extraPages})`,
        verdict: extra <= extraPages && otherGrowth <= 0 ? ('pass' as const) : ('fail' as const),
        note: `connection list query: ${queryText(query)}; non-list calls grew by ${otherGrowth}`,
      },
    ];
  });
}
