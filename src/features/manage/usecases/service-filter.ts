/**
 * The `[filter]` of `/vpcep list`: words that must all match a service. A word matches the service's
 * name (or full name, or the start of its ID), its status, or a tag (`key`, `value` or `key=value`),
 * ignoring case.
 */
import type { EndpointService } from '../../../cloud/types.js';

/** The longest filter accepted: it travels in button values. */
export const FILTER_MAX = 100;

function wordMatches(service: EndpointService, word: string): boolean {
  if (service.status === word) return true;
  if ((service.name ?? '').toLowerCase().includes(word)) return true;
  if (service.serviceName.toLowerCase().includes(word)) return true;
  if (service.id.toLowerCase().startsWith(word)) return true;
  return service.tags.some((tag) => {
    const key = tag.key.toLowerCase();
    const value = tag.value.toLowerCase();
    return key === word || value === word || `${key}=${value}` === word;
  });
}

/** Normalises typed filter text: trimmed, single spaces, lower case; undefined when empty. */
export function normaliseFilter(text: string | undefined): string | undefined {
  const normal = (text ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
  return normal === '' ? undefined : normal;
}

export function matchesFilter(service: EndpointService, filter: string | undefined): boolean {
  if (!filter) return true;
  return filter.split(' ').every((word) => wordMatches(service, word));
}

/** Stable reading order: named services by name, then unnamed ones, ties by ID. */
export function compareServices(a: EndpointService, b: EndpointService): number {
  if (a.name && !b.name) return -1;
  if (!a.name && b.name) return 1;
  const byName = (a.name ?? '').localeCompare(b.name ?? '', 'en', { numeric: true, sensitivity: 'base' });
  return byName !== 0 ? byName : a.id.localeCompare(b.id);
}
