import { describe, expect, it } from 'vitest';
import { errorFromResponse } from '#src/cloud/otc/classify.js';
import { AKSK_HINT } from '#src/cloud/otc/otc-auth.js';
import {
  collectByMarker,
  collectByNextLink,
  collectByOffset,
  collectByPageNumber,
} from '#src/cloud/otc/paging.js';

const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ id: `s${from + i}` }));

describe('paging helpers', () => {
  it('omits the offset on the first page and stops once total_count items were read', async () => {
    const asked: (number | undefined)[] = [];
    const all = await collectByOffset(
      10,
      (x: { id: string }) => x.id,
      async (offset) => {
        asked.push(offset);
        const start = offset ?? 0;
        return { items: ids(Math.min(10, 25 - start), start), total: 25 };
      },
    );
    expect(all).toHaveLength(25);
    expect(asked).toEqual([undefined, 10, 20]);
  });

  it('de-duplicates items that shift between pages, and ends on an empty page despite a wrong total', async () => {
    const pages = [ids(3), ids(3, 2), []];
    const all = await collectByOffset(
      3,
      (x: { id: string }) => x.id,
      async () => ({ items: pages.shift() ?? [], total: 99 }),
    );
    expect(all.map((x) => x.id)).toEqual(['s0', 's1', 's2', 's3', 's4']);
  });

  it('counts ECS/BMS pages from 1 and stops at a short page', async () => {
    const asked: number[] = [];
    const all = await collectByPageNumber(
      2,
      (x: { id: string }) => x.id,
      async (page) => {
        asked.push(page);
        return { items: page < 3 ? ids(2, page * 2) : ids(1, 6), total: 5 };
      },
    );
    expect(asked).toEqual([1, 2, 3]);
    expect(all).toHaveLength(5);
  });

  it('follows markers and stops when a marker repeats', async () => {
    const asked: (string | undefined)[] = [];
    const all = await collectByMarker(
      (x: { id: string }) => x.id,
      async (marker) => {
        asked.push(marker);
        return { items: marker ? ids(1, 9) : ids(2), nextMarker: 'same' };
      },
    );
    expect(asked).toEqual([undefined, 'same']);
    expect(all).toHaveLength(3);
  });

  it('stops at a page shorter than the limit, even when total_count claims more', async () => {
    const asked: (number | undefined)[] = [];
    const all = await collectByOffset(
      10,
      (x: { id: string }) => x.id,
      async (offset) => {
        asked.push(offset);
        return { items: offset === undefined ? ids(10) : ids(4, 10), total: 99 };
      },
    );
    expect(asked).toEqual([undefined, 10]);
    expect(all).toHaveLength(14);
  });

  it('takes EndPoint.0010 (invalid offset) on a later page as the end of a list that shrank', async () => {
    const invalidOffset = errorFromResponse(
      400,
      { code: 'EndPoint.0010', message: 'Invalid offset.' },
      'list endpoint services',
      AKSK_HINT,
    );
    const all = await collectByOffset(
      10,
      (x: { id: string }) => x.id,
      async (offset) => {
        if (offset !== undefined) throw invalidOffset;
        return { items: ids(10), total: 20 };
      },
    );
    expect(all).toHaveLength(10);
    // On the first page it is a real refusal.
    await expect(
      collectByOffset(
        10,
        (x: { id: string }) => x.id,
        async () => {
          throw invalidOffset;
        },
      ),
    ).rejects.toBe(invalidOffset);
  });

  it('stops marker paging at a page shorter than the limit', async () => {
    const asked: (string | undefined)[] = [];
    const all = await collectByMarker(
      (x: { id: string }) => x.id,
      async (marker) => {
        asked.push(marker);
        return { items: ids(2), nextMarker: 's1' };
      },
      3,
    );
    expect(asked).toEqual([undefined]);
    expect(all).toHaveLength(2);
  });
});

describe('next-link paging (ELB v2.0)', () => {
  it('reads on while pages carry a next link, however short they are', async () => {
    const asked: (string | undefined)[] = [];
    const all = await collectByNextLink(
      (x: { id: string }) => x.id,
      async (link) => {
        asked.push(link?.get('marker') ?? undefined);
        const start = Number(link?.get('marker')?.slice(1) ?? -1) + 1;
        const items = ids(1, start);
        return {
          items,
          next: start < 4 ? new URLSearchParams({ marker: `s${start}`, limit: '1' }) : undefined,
        };
      },
    );
    expect(all.map((x) => x.id)).toEqual(['s0', 's1', 's2', 's3', 's4']);
    expect(asked).toEqual([undefined, 's0', 's1', 's2', 's3']);
  });

  it('stops on a link it already followed or a page that adds nothing', async () => {
    let calls = 0;
    const all = await collectByNextLink(
      (x: { id: string }) => x.id,
      async () => {
        calls++;
        return { items: ids(2), next: new URLSearchParams({ marker: 's1' }) };
      },
    );
    expect(all).toHaveLength(2);
    expect(calls).toBe(2);
  });
});
