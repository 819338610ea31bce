import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createJobRunner } from '#src/redis/job-runner.js';
import { createKeys } from '#src/redis/keys.js';
import { createLeaderLock } from '#src/redis/leader-lock.js';
import { assertionClient, uniquePrefix } from '../../helpers/redis-test.js';

const redis = assertionClient();
afterAll(() => redis.disconnect());
const silent = pino({ level: 'silent' });

async function eventuallyAbove(read: () => number, floor: number): Promise<void> {
  for (let i = 0; i < 200 && read() <= floor; i++) await new Promise((r) => setTimeout(r, 10));
}

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

  it('should count the interval from the start of a tick for a job that asks, so a long tick is followed at once', async () => {
    const keys = createKeys(uniquePrefix());
    const starts: Record<string, number[]> = { fromStart: [], fromEnd: [] };
    const runner = createJobRunner(createLeaderLock(redis, keys, 'paced'), silent);
    for (const name of ['fromStart', 'fromEnd'] as const)
      runner.add({
        name,
        intervalMs: 300,
        fromTickStart: name === 'fromStart',
        run: async () => {
          starts[name]?.push(Date.now());
          await new Promise((r) => setTimeout(r, 400));
        },
      });
    runner.start();
    await new Promise((r) => setTimeout(r, 1500));
    await runner.stop();
    const gaps = (list: number[] = []) => list.slice(1).map((t, i) => t - (list[i] ?? 0));
    // A 400 ms tick every 300 ms: back to back (about 400 ms apart) rather than 700 ms apart.
    for (const gap of gaps(starts.fromStart)) expect(gap).toBeLessThan(600);
    for (const gap of gaps(starts.fromEnd)) expect(gap).toBeGreaterThanOrEqual(690);
    expect(starts.fromStart?.length).toBeGreaterThan(starts.fromEnd?.length ?? 0);
  });

  it('should tell a running tick to stop between items when the runner stops', async () => {
    const keys = createKeys(uniquePrefix());
    const runner = createJobRunner(createLeaderLock(redis, keys, 'stopping'), silent);
    let items = 0;
    let stoppedAfter: number | undefined;
    runner.add({
      name: 'long-pass',
      intervalMs: 1000,
      run: async ({ lost }) => {
        for (let i = 0; i < 100; i++) {
          if (lost?.aborted) {
            stoppedAfter = items;
            return;
          }
          items++;
          await new Promise((r) => setTimeout(r, 20));
        }
      },
    });
    runner.start();
    await eventuallyAbove(() => items, 3);
    const stopping = Date.now();
    await runner.stop();
    expect(Date.now() - stopping).toBeLessThan(1000);
    expect(stoppedAfter).toBeDefined();
    expect(stoppedAfter).toBeLessThan(100);
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

  it('should keep leadership through a tick longer than the lease, and tell the job when it is lost', async () => {
    const keys = createKeys(uniquePrefix());
    const lock = createLeaderLock(redis, keys, 'long');
    const runner = createJobRunner(lock, silent);
    const seen: { leaderAtEnd?: boolean; lostAtEnd?: boolean } = {};
    let ticks = 0;
    let started: () => void = () => undefined;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    let finished: () => void = () => undefined;
    const done = new Promise<void>((resolve) => {
      finished = resolve;
    });
    // The lease TTL is 3 intervals, at least 5 s: this tick lasts longer than that.
    runner.add({
      name: 'slow',
      intervalMs: 50,
      run: async ({ lost, stillLeader }) => {
        ticks++;
        if (ticks > 1) return;
        started();
        await new Promise((r) => setTimeout(r, 6500));
        seen.leaderAtEnd = await stillLeader?.();
        seen.lostAtEnd = lost?.aborted;
        finished();
      },
    });
    runner.start();
    await running;
    const rival = createJobRunner(createLeaderLock(redis, keys, 'rival'), silent);
    let rivalTicks = 0;
    rival.add({ name: 'slow', intervalMs: 50, run: async () => void rivalTicks++ });
    rival.start();
    await done;
    expect(seen).toEqual({ leaderAtEnd: true, lostAtEnd: false });
    expect(rivalTicks).toBe(0);

    // Another replica takes the lease over (as after a partition): the runner notices on its next renewal.
    const stolen = new Promise<boolean | undefined>((resolve) => {
      runner.add({
        name: 'stolen',
        intervalMs: 3000,
        run: async ({ lost, stillLeader }) => {
          await redis.set(`${keys.prefix}{leader:stolen}:lease`, 'someone-else|999', 'PX', 60_000);
          await new Promise((r) => setTimeout(r, 4000));
          resolve(lost?.aborted && !(await stillLeader?.()));
        },
      });
    });
    expect(await stolen).toBe(true);
    await Promise.all([runner.stop(), rival.stop()]);
  }, 20_000);
});
