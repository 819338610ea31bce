import { describe, expect, it } from 'vitest';
import { createPacer } from '#src/platform/pacer.js';

/** Start times of `count` turns taken through `pacer` by `workers` at once, in ms after the first. */
async function startTimes(
  rate: number,
  count: number,
  workers: number,
  workMs: (call: number) => number = () => 0,
): Promise<number[]> {
  const pacer = createPacer(rate);
  const starts: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < count) {
        const call = next++;
        await pacer.turn();
        starts.push(performance.now());
        const ms = workMs(call);
        if (ms) await new Promise((done) => setTimeout(done, ms));
      }
    }),
  );
  const first = starts[0] ?? 0;
  return starts.map((t) => t - first);
}

describe('pacer', () => {
  it('should space turns evenly at the rate, with the first at once, also when taken side by side', async () => {
    const started = performance.now();
    const starts = await startTimes(50, 6, 4);
    expect(starts).toHaveLength(6);
    const gaps = starts.slice(1).map((t, i) => t - (starts[i] ?? 0));
    // 50/s: at least 20 ms apart, however late a timer fires (never two at once).
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(20);
    expect(starts[0]).toBe(0);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('should not catch up after a slow call: the turns after it keep the spacing', async () => {
    // One worker at 50/s (20 ms apart) whose first call takes 100 ms: the four turns after it do not
    // start together to make the lost time good.
    const starts = await startTimes(50, 5, 1, (call) => (call === 0 ? 100 : 0));
    const gaps = starts.slice(1).map((t, i) => t - (starts[i] ?? 0));
    expect(gaps[0]).toBeGreaterThanOrEqual(95);
    for (const gap of gaps.slice(1)) expect(gap).toBeGreaterThanOrEqual(20);
  });

  it('should stop waiting when the pass is aborted', async () => {
    const pacer = createPacer(0.5);
    const stop = new AbortController();
    await pacer.turn(stop.signal);
    const waiting = pacer.turn(stop.signal);
    stop.abort();
    await expect(waiting).rejects.toThrow();
  });
});
