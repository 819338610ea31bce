/**
 * Digests with two real bot processes (`node dist/main.js`; run `npm run build` first) sharing one
 * Redis and the fake Slack. Both run when the digest falls due: it is posted once. Then the other
 * process is made leader while the first still runs (its leader lease is taken away, as when a
 * leader stalls), so both have led the job for the same period: still one post.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDigestStore } from '#src/features/manage/store/digest-schedules.js';
import { type FakeSlack, startFakeSlack } from '#src/playground/slack/index.js';
import { createKeys } from '#src/redis/keys.js';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../helpers/bot-harness.js';
import { type BotProcess, startBotProcess } from '../helpers/bot-process.js';
import { eventually } from '../helpers/eventually.js';
import { freePort } from '../helpers/redis-server.js';
import { assertionClient, testRedisUrl, uniquePrefix } from '../helpers/redis-test.js';

const CHANNEL = 'C0REPLICADIGEST';
const prefix = uniquePrefix('digest-replicas');
const redis = assertionClient();
let fake: FakeSlack;
const processes: BotProcess[] = [];

function startReplica(): Promise<BotProcess> {
  return freePort().then((port) =>
    startBotProcess(
      {
        SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: fake.apiUrl,
        SLACK_API_RETRIES: '0',
        REDIS_URL: testRedisUrl(),
        REDIS_KEY_PREFIX: prefix,
        LOG_LEVEL: 'debug',
      },
      port,
    ),
  );
}

const digestPosts = () =>
  fake
    .calls('chat.postMessage')
    .filter((c) => c.args.channel === CHANNEL && String(c.args.text).includes('Daily digest'));

/** Log lines of the digest job (pino JSON, one a line). */
const digestLog = (p: BotProcess) =>
  p
    .output()
    .split('\n')
    .filter((line) => line.includes('"job":"digests"'));

beforeAll(async () => {
  fake = await startFakeSlack();
  // One after the other: two cold starts at once can outlast the helper's start timeout on a busy machine.
  processes.push(await startReplica());
  processes.push(await startReplica());
});

afterAll(async () => {
  await Promise.all(processes.map((p) => p.kill()));
  await fake?.close();
  redis.disconnect();
});

describe('digests with two bot processes', () => {
  it('should post a digest that falls due while both run once, also when the other process takes the lead', async () => {
    // A daily digest set up a week ago, written while both processes run: due at their next look.
    await createDigestStore(redis, createKeys(prefix)).set({
      channel: CHANNEL,
      frequency: 'daily',
      createdBy: 'U0LEAD',
      createdAt: Date.now() - 7 * 86_400_000,
    });
    await eventually(digestPosts, (posts) => posts.length >= 1, 30_000);
    const posted = (p: BotProcess) => p.output().includes('"msg":"digest posted"');
    const poster = await eventually(() => processes.find(posted), Boolean, 30_000);
    const other = processes.find((p) => p !== poster);
    if (!other) throw new Error('two processes expected');
    const before = digestLog(other).length;

    // The leader keeps running, but loses its lease: the other process leads the next tick.
    await redis.del(`${prefix}{leader:digests}:lease`);
    const takeover = await eventually(
      () => digestLog(other).slice(before),
      (lines) => {
        const became = lines.findIndex((l) => l.includes('became leader for job'));
        return became >= 0 && lines.slice(became).some((l) => l.includes('"msg":"digest tick"'));
      },
      30_000,
    );
    const tick = takeover.filter((l) => l.includes('"msg":"digest tick"')).at(-1) ?? '';
    expect(JSON.parse(tick)).toMatchObject({ due: 1, posted: 0 });
    expect(digestPosts()).toHaveLength(1);
    expect(processes.every((p) => p.proc.exitCode === null)).toBe(true);
    fake.assertNoRejections();
  });
});
