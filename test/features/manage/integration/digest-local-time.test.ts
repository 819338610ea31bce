/**
 * A digest at the team's hour: set through `/vpcep digest daily HH:MM Asia/Kolkata` (UTC+05:30) for
 * the next minute on the real clock, it arrives in that minute, once, while two replicas run the
 * digest job every half second, also when the lead moves to the other replica after the post.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDigestStore } from '#src/features/manage/store/digest-schedules.js';
import { eventually } from '../../../helpers/eventually.js';
import { assertionClient } from '../../../helpers/redis-test.js';
import { type ManageWorld, startManageWorld } from './manage-harness.js';

const CHANNEL = 'C0LOCALTIME';
const ZONE = 'Asia/Kolkata';
const FAST = { digestIntervalMs: 500 };

let world: ManageWorld;
let second: ManageWorld;
const redis = assertionClient();

beforeAll(async () => {
  world = await startManageWorld({}, {}, FAST);
  second = await startManageWorld({}, { fake: world.fake, keyPrefix: world.bot.keyPrefix }, FAST);
  await world.sandbox.bulkSeed(world.projectId, { services: 2 });
});

afterAll(async () => {
  await second?.close();
  await world?.close();
  redis.disconnect();
});

/** `HH:MM` and the date of instant `ms` on the clocks of `timeZone`. */
function localClock(ms: number, timeZone: string): { time: string; date: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(ms);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    time: `${part('hour')}:${part('minute')}`,
    date: `${part('year')}-${part('month')}-${part('day')}`,
  };
}

const digestPosts = () =>
  world.fake
    .calls('chat.postMessage')
    .filter((c) => c.args.channel === CHANNEL && String(c.args.text).includes('digest: endpoint services'));

const digestLines = (w: ManageWorld) =>
  w.bot
    .logText()
    .split('\n')
    .filter((line) => line.includes('"job":"digests"'));

describe('a digest at a local time in a time zone', () => {
  it('should post a digest set for the next minute in that minute, once across two replicas', async () => {
    // The next whole minute, with room for the command to land before it.
    let minute = Math.ceil(Date.now() / 60_000) * 60_000;
    if (minute - Date.now() < 10_000) minute += 60_000;
    const local = localClock(minute, ZONE);

    const since = world.fake.callCount();
    await world.slack.command({
      text: `digest daily ${local.time} ${ZONE}`,
      userId: 'U0LEAD',
      channelId: CHANNEL,
    });
    const notice = await world.fake.waitForCall('chat.postMessage', (c) => c.args.channel === CHANNEL, {
      since,
    });
    expect(String(notice.args.text)).toContain(`every day at ${local.time} ${ZONE}`);
    expect(await createDigestStore(world.core.redis, world.core.keys).get(CHANNEL)).toMatchObject({
      frequency: 'daily',
      time: local.time,
      timeZone: ZONE,
    });
    expect(digestPosts()).toHaveLength(0);

    const [post] = await eventually(digestPosts, (posts) => posts.length >= 1, minute + 60_000 - Date.now());
    expect(post?.at).toBeGreaterThanOrEqual(minute);
    expect(post?.at).toBeLessThan(minute + 60_000);

    // The replica that posted loses the lead: the other one leads the next ticks and posts nothing.
    const posted = (w: ManageWorld) => w.bot.logText().includes('"msg":"digest posted"');
    const poster = [world, second].find(posted);
    const other = poster === world ? second : world;
    const before = digestLines(other).length;
    // The lease is taken back by whichever replica ticks first: drop it until the other one holds it.
    await eventually(
      async () => {
        if (
          !digestLines(other)
            .slice(before)
            .some((l) => l.includes('became leader for job'))
        )
          await redis.del(`${world.bot.keyPrefix}{leader:digests}:lease`);
        return digestLines(other).slice(before);
      },
      (lines) => {
        const became = lines.findIndex((l) => l.includes('became leader for job'));
        return became >= 0 && lines.slice(became + 1).some((l) => l.includes('"msg":"digest tick"'));
      },
      30_000,
    );
    await new Promise((done) => setTimeout(done, 1000));
    expect(digestPosts()).toHaveLength(1);
    expect(await createDigestStore(world.core.redis, world.core.keys).status(CHANNEL)).toMatchObject({
      period: `daily-${local.date}`,
    });
    world.fake.assertNoRejections();
  }, 120_000);
});
