/**
 * The audit stream: every decision and change, appended to a capped Redis stream (`XADD … MAXLEN ~`).
 */
import type { Keys } from './keys.js';
import { type RedisClient, withState } from './redis-connection.js';

export interface AuditEntry {
  /** e.g. `connection.approved`, `service.created`, `service.deleted`, `whitelist.added`. */
  readonly action: string;
  /** Slack user ID of who did it, or `system`. */
  readonly actor: string;
  readonly projectId?: string;
  readonly serviceId?: string;
  readonly endpointId?: string;
  readonly detail?: string;
}

export interface AuditLog {
  append(entry: AuditEntry): Promise<string>;
  /** Newest first. */
  recent(count: number): Promise<(AuditEntry & { id: string; at: string })[]>;
}

export const AUDIT_MAX_LENGTH = 100_000;

export function createAuditLog(redis: RedisClient, keys: Keys): AuditLog {
  const stream = keys.key('audit');
  return {
    append: (entry) =>
      withState(async () => {
        const fields = Object.entries(entry).flatMap(([k, v]) => (v === undefined ? [] : [k, String(v)]));
        return (await redis.xadd(stream, 'MAXLEN', '~', String(AUDIT_MAX_LENGTH), '*', ...fields)) ?? '';
      }),
    recent: (count) =>
      withState(async () => {
        const rows = await redis.xrevrange(stream, '+', '-', 'COUNT', count);
        return rows.map(([id, flat]) => {
          const record: Record<string, string> = {};
          for (let i = 0; i + 1 < flat.length; i += 2) record[flat[i] as string] = flat[i + 1] as string;
          return {
            ...(record as unknown as AuditEntry),
            id,
            at: new Date(Number(id.split('-')[0])).toISOString(),
          };
        });
      }),
  };
}
