/** Marker paging as VPC v1 and ELB use it: items sorted by ID, those after `marker`, `limit` of them. */
import { vpcepError } from '../sandbox-wire.js';

export function markerPage<T extends { id: string }>(
  items: readonly T[],
  query: URLSearchParams,
  max: number,
): { page: T[]; more: boolean } {
  const rawLimit = query.get('limit');
  const limit = rawLimit === null ? max : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 0 || limit > max)
    throw vpcepError(400, 'VPC.0101', 'Invalid limit.');
  const marker = query.get('marker');
  const sorted = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const start = marker ? sorted.findIndex((item) => item.id > marker) : 0;
  const rest = start < 0 ? [] : sorted.slice(start);
  return { page: rest.slice(0, limit), more: rest.length > limit };
}
