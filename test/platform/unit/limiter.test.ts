import { describe, expect, it } from 'vitest';
import { createLimiter } from '#src/platform/map-limit.js';

describe('limiter', () => {
  it('should run tasks handed in over time with at most the limit in flight, and tell when all are done', async () => {
    const limiter = createLimiter(2);
    let active = 0;
    let most = 0;
    const done: number[] = [];
    const task = (n: number) => async () => {
      active++;
      most = Math.max(most, active);
      await new Promise((r) => setTimeout(r, 10));
      active--;
      done.push(n);
    };
    limiter.run(task(1));
    limiter.run(task(2));
    limiter.run(task(3));
    await new Promise((r) => setTimeout(r, 5));
    limiter.run(task(4));
    limiter.run(async () => {
      throw new Error('a failing task does not stop the others');
    });
    await limiter.idle();
    expect(done.sort()).toEqual([1, 2, 3, 4]);
    expect(most).toBe(2);
    await expect(createLimiter(1).idle()).resolves.toBeUndefined();
  });
});
