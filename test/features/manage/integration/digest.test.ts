import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDigestJob } from '#src/features/manage/jobs/digest-job.js';
import { manageDeps } from '#src/features/manage/manage-wiring.js';
import { createDigestStore } from '#src/features/manage/store/digest-schedules.js';
import type { JobContext } from '#src/redis/job-runner.js';
import { eventually, until } from '../../../helpers/eventually.js';
import { type ManageWorld, responded, startManageWorld } from './manage-harness.js';

let world: ManageWorld;
let second: ManageWorld;

beforeAll(async () => {
  world = await startManageWorld();
  second = await startManageWorld({}, { fake: world.fake, keyPrefix: world.bot.keyPrefix });
  await world.sandbox.bulkSeed(world.projectId, { services: 3 });
});

afterAll(async () => {
  await second?.close();
  await world?.close();
});

const store = () => createDigestStore(world.core.redis, world.core.keys);

async function digest(text: string, channel: string) {
  const res = await world.slack.command({
    text: `digest ${text}`.trim(),
    userId: 'U0LEAD',
    channelId: channel,
  });
  return res;
}

const context = (w: ManageWorld): JobContext => ({
  lease: { name: 'digests', token: 1, isCurrent: async () => true },
  log: w.core.logger,
});

/** A job tick as the runner makes it, on a lease that stays current. */
function tick(w: ManageWorld, now: number): Promise<void> {
  const job = createDigestJob(manageDeps(w.core), { now: () => now });
  return job.run(context(w));
}

const digestsIn = (channel: string) =>
  world.fake
    .calls('chat.postMessage')
    .filter((c) => c.args.channel === channel && String(c.args.text).includes('digest: endpoint services'));

describe('/vpcep digest', () => {
  it('should say when a channel gets no digest', async () => {
    const res = await digest('', 'C0QUIET');
    expect((await responded(world, res.responseUrl)).text).toContain('This channel gets no digest');
  });

  it('should set a daily digest with a notice in the channel, and show it', async () => {
    const since = world.fake.callCount();
    await digest('daily', 'C0DAILY');
    const notice = await world.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0DAILY', {
      since,
    });
    expect(String(notice.args.text)).toContain(
      'U0LEAD> set up a daily digest of the endpoint services in this channel',
    );
    // The schedule is saved once the notice is in the channel.
    expect(await eventually(() => store().get('C0DAILY'), Boolean)).toMatchObject({
      frequency: 'daily',
      createdBy: 'U0LEAD',
    });
    const res = await digest('', 'C0DAILY');
    expect((await responded(world, res.responseUrl)).text).toContain(
      'This channel gets a *daily digest* (every day at 09:00 UTC',
    );
  });

  it('should refuse, saving nothing, in a channel the bot cannot post in, saying how to fix it', async () => {
    world.fake.setChannelError('C0LOCKED', 'not_in_channel');
    const res = await digest('weekly', 'C0LOCKED');
    const answer = await responded(world, res.responseUrl);
    expect(answer.text).toContain('Nothing was set up');
    expect(answer.text).toContain('Invite me with `/invite @vpcep-bot`');
    expect(await store().get('C0LOCKED')).toBeUndefined();
  });

  it('should answer usage for an unknown frequency', async () => {
    const res = await digest('hourly', 'C0DAILY');
    expect((res.body as { text: string }).text).toContain('Usage: `/vpcep digest daily`');
  });

  it('should name a time zone it does not know, and set nothing', async () => {
    const res = await digest('daily 08:30 Europe/Berln', 'C0BADZONE');
    const text = (res.body as { text: string }).text;
    expect(text).toContain("I don't know the time zone `Europe/Berln`");
    expect(text).toContain('`/vpcep digest daily 08:30 Europe/Berlin`');
    expect(await store().get('C0BADZONE')).toBeUndefined();
  });

  it('should set a weekly digest at a local time and show it in the zone it was given', async () => {
    await digest('weekly fri 16:00 America/New_York', 'C0WEEKLYNY');
    expect(await eventually(() => store().get('C0WEEKLYNY'), Boolean)).toMatchObject({
      frequency: 'weekly',
      weekday: 5,
      time: '16:00',
      timeZone: 'America/New_York',
    });
    const res = await digest('', 'C0WEEKLYNY');
    expect((await responded(world, res.responseUrl)).text).toContain(
      'This channel gets a *weekly digest* (every Friday at 16:00 America/New_York',
    );
    // Off again: the ticks of the tests below run at dates in 2030, when this one would be due too.
    await digest('off', 'C0WEEKLYNY');
    await eventually(
      () => store().get('C0WEEKLYNY'),
      (schedule) => schedule === undefined,
    );
  });

  it('should post once per period when two replicas run the job at the same moment', async () => {
    await store().set({
      channel: 'C0TWICE',
      frequency: 'daily',
      createdBy: 'U0LEAD',
      createdAt: Date.parse('2030-01-01T12:00:00Z'),
    });
    const day2 = Date.parse('2030-01-02T09:00:05Z');
    await Promise.all([tick(world, day2), tick(second, day2), tick(world, day2), tick(second, day2)]);
    expect(digestsIn('C0TWICE')).toHaveLength(1);
    await Promise.all([tick(world, day2 + 6 * 3600_000), tick(second, day2 + 6 * 3600_000)]);
    expect(digestsIn('C0TWICE')).toHaveLength(1);
    const day3 = Date.parse('2030-01-03T09:00:01Z');
    await Promise.all([tick(second, day3), tick(world, day3)]);
    const posts = digestsIn('C0TWICE');
    expect(posts).toHaveLength(2);
    expect(String(posts[1]?.args.text)).toContain('[sandbox] Daily digest: endpoint services: 3 services');
    expect(await store().status('C0TWICE')).toMatchObject({ period: 'daily-2030-01-03' });
  });

  it('should still post a period whose first poster died while posting, once its lease ran out', async () => {
    await store().set({
      channel: 'C0CRASH',
      frequency: 'daily',
      createdBy: 'U0LEAD',
      createdAt: Date.parse('2030-02-01T12:00:00Z'),
    });
    const day = Date.parse('2030-02-02T09:00:05Z');
    // A replica that never comes back from chat.postMessage, as if it died right there.
    let stuck = false;
    const base = manageDeps(world.core);
    const dying = {
      ...base,
      instanceId: 'dying-replica',
      digests: {
        ...base.digests,
        list: async () => (await base.digests.list()).filter((d) => d.channel === 'C0CRASH'),
      },
      messages: {
        ...base.messages,
        postSummary: () => {
          stuck = true;
          return new Promise<never>(() => undefined);
        },
      },
    };
    void createDigestJob(dying, { now: () => day, postingLeaseMs: 2000 }).run(context(world));
    await until(() => stuck);
    // While its lease holds, nobody else posts that period.
    await tick(second, day);
    expect(digestsIn('C0CRASH')).toHaveLength(0);
    // Once it has run out, the next tick posts the period, once.
    for (let i = 0; i < 60 && digestsIn('C0CRASH').length === 0; i++) {
      await new Promise((r) => setTimeout(r, 200));
      await tick(second, day);
    }
    expect(digestsIn('C0CRASH')).toHaveLength(1);
    await tick(world, day);
    expect(digestsIn('C0CRASH')).toHaveLength(1);
  });

  it('should give the period back when the cloud fails, and post on the next tick', async () => {
    await store().set({
      channel: 'C0RETRY',
      frequency: 'weekly',
      createdBy: 'U0LEAD',
      createdAt: Date.parse('2030-01-01T00:00:00Z'),
    });
    const monday = Date.parse('2030-01-07T10:00:00Z');
    world.sandbox.addFault({ match: 'vpc-endpoint-services$', method: 'GET', status: 503, count: 20 });
    second.sandbox.addFault({ match: 'vpc-endpoint-services$', method: 'GET', status: 503, count: 20 });
    await tick(world, monday);
    expect(digestsIn('C0RETRY')).toHaveLength(0);
    world.sandbox.clearFaults();
    second.sandbox.clearFaults();
    await tick(second, monday);
    expect(digestsIn('C0RETRY')).toHaveLength(1);
    expect(String(digestsIn('C0RETRY')[0]?.args.text)).toContain('Weekly digest');
  });

  it('should stop a digest with a notice in the channel', async () => {
    const since = world.fake.callCount();
    await digest('off', 'C0DAILY');
    const notice = await world.fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0DAILY', {
      since,
    });
    expect(String(notice.args.text)).toContain('stopped the daily digest');
    expect(await store().get('C0DAILY')).toBeUndefined();
  });

  it('should never send a payload Slack would refuse', () => {
    world.fake.assertNoRejections();
  });
});
