import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { exposedGc, releaseMemoryWhenIdle } from '#src/platform/idle-memory.js';

const logger = pino({ level: 'silent' });
const MB = 1024 * 1024;

/** A process whose requests served and resident set the test moves, with the releaser watching it. */
function watched(onCollect: (state: { rss: number }) => void = () => undefined) {
  const state = { served: 0, rss: 100 * MB };
  const collect = vi.fn(() => onCollect(state));
  const releaser = releaseMemoryWhenIdle({
    served: () => state.served,
    rss: () => state.rss,
    quietMs: 1500,
    logger,
    collect,
  });
  return { state, collect, releaser };
}

describe('giving memory back when the bot goes quiet', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('should collect after a burst once requests stop, twice a second apart, and never while they come', () => {
    const { state, collect, releaser } = watched((s) => {
      s.rss = 110 * MB;
    });
    vi.advanceTimersByTime(5000);
    expect(collect).not.toHaveBeenCalled();
    for (let i = 0; i < 40; i++) {
      state.served += 3;
      state.rss += 3 * MB;
      vi.advanceTimersByTime(250);
    }
    expect(collect).not.toHaveBeenCalled();
    // Not before 1.5 s of quiet, and within one check after it.
    vi.advanceTimersByTime(1499);
    expect(collect).not.toHaveBeenCalled();
    let waited = 1499;
    while (collect.mock.calls.length === 0 && waited < 3000) {
      vi.advanceTimersByTime(10);
      waited += 10;
    }
    expect(collect).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(990);
    expect(collect).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(20);
    expect(collect).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(10_000);
    expect(collect).toHaveBeenCalledTimes(2);
    // The next burst is released again.
    state.served += 100;
    state.rss += 60 * MB;
    vi.advanceTimersByTime(4000);
    expect(collect).toHaveBeenCalledTimes(4);
    releaser.stop();
  });

  it('should leave a trickle of single requests alone: they do not grow the process', () => {
    const { state, collect, releaser } = watched();
    for (let i = 0; i < 30; i++) {
      state.served += 1;
      state.rss += 0.2 * MB;
      vi.advanceTimersByTime(5000);
    }
    expect(collect).not.toHaveBeenCalled();
    releaser.stop();
  });

  it("should find V8's own full collection, and run it", () => {
    vi.useRealTimers();
    const gc = exposedGc();
    expect(typeof gc).toBe('function');
    const held = Array.from({ length: 1000 }, (_, i) => ({ i }));
    expect(() => gc?.()).not.toThrow();
    expect(held.length).toBe(1000);
  });
});
