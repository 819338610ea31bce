import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createJobRunner } from '../../../src/jobs/job-runner.js';
import { createKeys } from '../../../src/stores/keys.js';
import { createLeaderLock } from '../../../src/stores/leader-lock.js';
import { assertionClient, uniquePrefix } from '../../helpers/redis-test.js';

const redis = assertionClient();
afterAll(() => redis.disconnect());
const silent = pino({ level: 'silent' });

describe('job runner', () => {
  it('should run a job on one of several replicas only, and move it when the leader stops', async () => {
    const keys = createKeys(uniquePrefix());
    const ticks: string[] = [];
    const runners = ['a', 'b', 'c'].map((name) => {
      const runner = createJobRunner(createLeaderLock(redis, keys, name), silent);
      runner.add({ name: 'count', intervalMs: 50, run: async () => void ticks.push(name) });
      runner.start();
      return { name, runner };
    });
    await new Promise((r) => setTimeout(r, 400));
    const leaders = new Set(ticks);
    expect(leaders.size).toBe(1);
    const [leader] = [...leaders];
    const leaving = runners.find((r) => r.name === leader);
    await leaving?.runner.stop();
    ticks.length = 0;
    await new Promise((r) => setTimeout(r, 400));
    expect(ticks.length).toBeGreaterThan(0);
    expect(new Set(ticks).size).toBe(1);
    expect(ticks).not.toContain(leader);
    await Promise.all(runners.map((r) => r.runner.stop()));
  });

  it('should keep running after a tick fails', async () => {
    const keys = createKeys(uniquePrefix());
    let calls = 0;
    const runner = createJobRunner(createLeaderLock(redis, keys, 'solo'), silent);
    runner.add({
      name: 'flaky',
      intervalMs: 30,
      run: async () => {
        calls++;
        if (calls === 1) throw new Error('boom');
      },
    });
    runner.start();
    await new Promise((r) => setTimeout(r, 250));
    await runner.stop();
    expect(calls).toBeGreaterThan(2);
  });
});
