/**
 * A creation's result is sent once, also across a crash: the bot process (`node dist/main.js`) is
 * killed after it announced the new service in the channel and while Slack still holds its direct
 * message to the creator. The next process, on the same Redis, takes the attempt over and sends only
 * what was not out yet: one announcement and one direct message in all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_VIEW } from '#src/features/create/views/create-ids.js';
import { type FakeSlack, type SlackCall, startFakeSlack } from '#src/playground/slack/index.js';
import {
  change,
  currentView,
  formState,
  optionValue,
  runCreate,
} from '../features/create/integration/create-harness.js';
import { type ProcessSeries, processSeries } from '../helpers/bot-process-series.js';
import { uniquePrefix } from '../helpers/redis-test.js';

const USER = 'U0CRASHED';
const CHANNEL = 'C0CRASH';
/** How long Slack holds each `chat.postMessage`: the kill lands while the direct message is held. */
const HOLD_MS = 4000;

let fake: FakeSlack;
let prefix: string;
let processes: ProcessSeries;

beforeAll(async () => {
  fake = await startFakeSlack();
  prefix = uniquePrefix('createcrash');
  processes = processSeries(fake, prefix);
});

afterAll(async () => {
  await processes.kill();
  await fake.close();
});

const announcements = (): SlackCall[] =>
  fake.calls('chat.postMessage').filter((c) => c.args.channel === CHANNEL);
const directMessages = (): SlackCall[] =>
  fake.calls('chat.postMessage').filter((c) => c.args.channel === USER);

describe('the result of a creation across a crash', () => {
  it('should announce once and send the direct message once when the process dies between them', async () => {
    const bot = await processes.next();
    let view = await runCreate(bot, USER, CHANNEL);
    view = await change(bot, view, USER, 'vpc', optionValue(view, 'vpc', 'vpc-demo-b'));
    await bot.slack.viewSubmission({
      userId: USER,
      view,
      values: formState(view, {
        name: 'crash-svc',
        backend: optionValue(view, 'backend', 'elb-dedicated-b'),
        ports: '2002:80',
      }),
    });
    const review = currentView(bot, view.id);
    expect(review.callback_id).toBe(CREATE_VIEW.review);
    // Every post is held; a held post whose caller died never reaches Slack.
    fake.setLatency('chat.postMessage', HOLD_MS, { lostIfCallerGone: true });
    const since = fake.callCount();
    await bot.slack.viewSubmission({ userId: USER, view: review });

    // The announcement is out; the modal shows the result next; then the direct message is sent and held.
    const announced = await fake.waitForCall('chat.postMessage', (c) => c.args.channel === CHANNEL, {
      since,
      timeoutMs: 30_000,
    });
    await fake.waitForCall(
      'views.update',
      (c) => c.args.view_id === view.id && JSON.stringify(c.args.view).includes('is available.'),
      { since: announced.index, timeoutMs: 10_000 },
    );
    await processes.kill();
    fake.setLatency('chat.postMessage', 0);
    expect(directMessages()).toHaveLength(0);

    // The next process takes the attempt over once the dead one's lease lapses.
    await processes.next();
    const dm = await fake.waitForCall('chat.postMessage', (c) => c.args.channel === USER, {
      since,
      timeoutMs: 60_000,
    });
    expect(String(dm.args.text)).toContain('crash-svc');
    expect(String(dm.args.text)).toContain('is available');
    // Anything repeated would come before the direct message, and nothing is left to send after it.
    await new Promise((done) => setTimeout(done, 1000));
    expect(announcements()).toHaveLength(1);
    expect(directMessages()).toHaveLength(1);
    fake.assertNoRejections();
  }, 120_000);
});
