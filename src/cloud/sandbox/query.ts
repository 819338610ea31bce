/** Paging and filter parameters as the VPCEP API checks them (reference §2.2, §3.2). */
import { vpcepError } from './sandbox-wire.js';

/** `limit`: whole number 0–`max`, default `fallback` (10 for VPCEP lists); else `EndPoint.0006`. */
export function limitParam(query: URLSearchParams, max: number, fallback: number): number {
  const raw = query.get('limit');
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value > max) throw vpcepError(400, 'EndPoint.0006', 'Invalid limit.');
  return value;
}

/** `offset`: absent, or a whole number > 0 (the documented rule); else `EndPoint.0010`. */
export function offsetParam(query: URLSearchParams): number {
  const raw = query.get('offset');
  if (raw === null) return 0;
  if (!/^\d+$/.test(raw) || Number(raw) <= 0) throw vpcepError(400, 'EndPoint.0010', 'Invalid offset.');
  return Number(raw);
}

/** One of `allowed` or absent; otherwise `code`. */
export function enumParam<T extends string>(
  query: URLSearchParams,
  name: string,
  allowed: readonly T[],
  code: string,
): T | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const found = allowed.find((v) => v === raw);
  if (!found) throw vpcepError(400, code, `Invalid ${name}.`);
  return found;
}

/** Sorts by a millisecond field and pages the result: `{items, total}`. */
export function sortAndPage<T>(
  items: readonly T[],
  query: URLSearchParams,
  sortValue: (item: T, key: 'created_at' | 'updated_at') => number,
  idOf: (item: T) => string,
  max: number,
): { page: T[]; total: number } {
  const limit = limitParam(query, max, 10);
  const offset = offsetParam(query);
  const key =
    enumParam(query, 'sort_key', ['created_at', 'updated_at'] as const, 'EndPoint.0017') ?? 'created_at';
  const dir = enumParam(query, 'sort_dir', ['asc', 'desc'] as const, 'EndPoint.0018') ?? 'desc';
  const sign = dir === 'asc' ? 1 : -1;
  const sorted = [...items].sort(
    (a, b) =>
      sign * (sortValue(a, key) - sortValue(b, key)) || (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0),
  );
  return { page: sorted.slice(offset, offset + limit), total: items.length };
}
