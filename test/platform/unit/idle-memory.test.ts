import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { releaseMemoryWhenIdle } from '#src/platform/idle-memory.js';

const logger = pino({ level: 'silent' });

describe('giving memory back when the bot goes quiet', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('should collect after a burst once requests stop, twice a second apart, and never while they come', () => {
    let served = 0;
    const collect = vi.fn();
    const releaser = releaseMemoryWhenIdle({ served: () => served, quietMs: 1500, logger, collect });
    vi.advanceTimersByTime(5000);
    expect(collect).not.toHaveBeenCalled();
    for (let i = 0; i < 40; i++) {
      served += 3;
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
    served += 1;
    vi.advanceTimersByTime(4000);
    expect(collect).toHaveBeenCalledTimes(4);
    releaser.stop();
  });
});
