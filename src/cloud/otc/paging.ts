/**
 * The paging styles of the APIs the bot reads (reference §8): VPCEP's item `offset` with
 * `total_count` (default page only 10), ECS/BMS page-number `offset` with `count`, VPC/ELB v3
 * `marker`, and ELB v2.0's `next` links. Each collects every page, de-duplicates by ID (items shift
 * when the list changes between pages) and has a stop that no wrong total or link can defeat.
 */
import { CloudError } from '../errors.js';

/** A query as the transport sends it; a repeated name has every value. */
export type QueryRecord = Readonly<Record<string, string | readonly string[]>>;

export interface Page<T> {
  readonly items: readonly T[];
  /** The total the cloud reports, when it reports one. */
  readonly total?: number | undefined;
}

function collector<T>(idOf: (item: T) => string) {
  const seen = new Set<string>();
  const all: T[] = [];
  return {
    all,
    add(items: readonly T[]): number {
      let added = 0;
      for (const item of items) {
        const id = idOf(item);
        if (seen.has(id)) continue;
        seen.add(id);
        all.push(item);
        added++;
      }
      return added;
    },
  };
}

/** `EndPoint.0010` (invalid offset): on a later page, the list shrank below the offset. */
function isOffsetPastEnd(error: unknown): boolean {
  return error instanceof CloudError && error.hasCode('EndPoint.0010');
}

/**
 * VPCEP lists: `offset` counts items, is omitted on the first page (`offset=0` may be refused), and
 * paging ends once `total_count` items were read or a page is shorter than `limit`. An invalid offset
 * (`EndPoint.0010`) on a later page means the list shrank meanwhile: what was read is the whole list.
 */
export async function collectByOffset<T>(
  limit: number,
  idOf: (item: T) => string,
  fetchPage: (offset: number | undefined) => Promise<Page<T>>,
): Promise<T[]> {
  const items = collector(idOf);
  let offset = 0;
  for (let pages = 0; ; pages++) {
    let page: Page<T>;
    try {
      page = await fetchPage(offset === 0 ? undefined : offset);
    } catch (error) {
      if (offset > 0 && isOffsetPastEnd(error)) return items.all;
      throw error;
    }
    items.add(page.items);
    offset += page.items.length;
    const done = page.items.length < limit || (page.total !== undefined && offset >= page.total);
    if (page.items.length === 0 || done || pages > 10_000) return items.all;
  }
}

/** ECS/BMS lists: `offset` is a page number starting at 1; `count` is the total. */
export async function collectByPageNumber<T>(
  limit: number,
  idOf: (item: T) => string,
  fetchPage: (pageNumber: number) => Promise<Page<T>>,
): Promise<T[]> {
  const items = collector(idOf);
  for (let pageNumber = 1; ; pageNumber++) {
    const page = await fetchPage(pageNumber);
    items.add(page.items);
    const done = page.items.length < limit || (page.total !== undefined && pageNumber * limit >= page.total);
    if (page.items.length === 0 || done || pageNumber > 10_000) return items.all;
  }
}

/**
 * VPC/ELB lists: each page names the `marker` of the next (or the last ID is the next marker). Paging
 * ends without a next marker, on a repeated marker, on a page adding nothing new, or (when `limit` is
 * given) on a page shorter than the limit.
 */
export async function collectByMarker<T>(
  idOf: (item: T) => string,
  fetchPage: (marker: string | undefined) => Promise<{ items: readonly T[]; nextMarker: string | undefined }>,
  limit?: number,
): Promise<T[]> {
  const items = collector(idOf);
  let marker: string | undefined;
  for (let pages = 0; ; pages++) {
    const page = await fetchPage(marker);
    const added = items.add(page.items);
    const short = limit !== undefined && page.items.length < limit;
    if (!page.nextMarker || page.nextMarker === marker || added === 0 || short || pages > 10_000)
      return items.all;
    marker = page.nextMarker;
  }
}

/**
 * ELB v2.0 (Neutron style, `loadbalancers_links`): a page names the next one by a `rel: next` link,
 * and the last page has none. The link, not the page size, decides: the server may cap the `limit`
 * asked for, so a page shorter than asked is not the last. Paging also ends on a link already
 * followed or a page adding nothing new.
 */
export async function collectByNextLink<T>(
  idOf: (item: T) => string,
  fetchPage: (
    link: URLSearchParams | undefined,
  ) => Promise<{ items: readonly T[]; next: URLSearchParams | undefined }>,
): Promise<T[]> {
  const items = collector(idOf);
  const followed = new Set<string>();
  let link: URLSearchParams | undefined;
  for (let pages = 0; ; pages++) {
    const page = await fetchPage(link);
    const added = items.add(page.items);
    const next = page.next?.toString();
    if (!page.next || next === undefined || followed.has(next) || added === 0 || pages > 10_000)
      return items.all;
    followed.add(next);
    link = page.next;
  }
}
