/**
 * The bot as real processes (`node dist/main.js`, as `npm start` runs it; `npm test` builds first):
 * stopped after the form was opened, and again while the cloud was creating the service. The next
 * process carries the flow on and finishes the creation, and the cloud has the service once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_VIEW } from '#src/features/create/views/create-ids.js';
import { type FakeSlack, startFakeSlack } from '#src/playground/slack/index.js';
import {
  change,
  currentView,
  EU_DE,
  formState,
  optionValue,
  runCreate,
} from '../features/create/integration/create-harness.js';
import { startTestBot } from '../helpers/bot-harness.js';
import { type ProcessSeries, processSeries } from '../helpers/bot-process-series.js';
import { uniquePrefix } from '../helpers/redis-test.js';

const USER = 'U0PROCESS';
let fake: FakeSlack;
let prefix: string;
let processes: ProcessSeries;

beforeAll(async () => {
  fake = await startFakeSlack();
  prefix = uniquePrefix('createproc');
  processes = processSeries(fake, prefix);
});

afterAll(async () => {
  await processes.kill();
  await fake.close();
});

async function stopProcess(): Promise<void> {
  const stopped = await processes.current()?.signal('SIGTERM');
  expect(stopped?.code).toBe(0);
}

describe('/vpcep create across bot processes', () => {
  it('should finish the flow and the creation after the process is stopped twice', async () => {
    let bot = await processes.next();
    let view = await runCreate(bot, USER, 'C0PROC');
    view = await change(bot, view, USER, 'vpc', optionValue(view, 'vpc', 'vpc-demo-b'));
    const values = formState(view, {
      name: 'proc-svc',
      backend: optionValue(view, 'backend', 'elb-dedicated-b'),
      ports: '2001:80',
    });
    await stopProcess();

    bot = await processes.next();
    await bot.slack.viewSubmission({ userId: USER, view, values });
    const review = currentView(bot, view.id);
    expect(review.callback_id).toBe(CREATE_VIEW.review);
    const since = fake.callCount();
    await bot.slack.viewSubmission({ userId: USER, view: review });
    expect(currentView(bot, view.id).callback_id).toBe(CREATE_VIEW.progress);
    // The sandbox cloud of a process takes 3 s to create: the process stops while it does.
    await fake.waitForCall(
      'views.update',
      (c) => c.args.view_id === view.id && JSON.stringify(c.args.view).includes('The cloud is creating'),
      {
        since,
        timeoutMs: 10_000,
      },
    );
    await stopProcess();

    await processes.next();
    const dm = await fake.waitForCall('chat.postMessage', (c) => c.args.channel === USER, {
      since,
      timeoutMs: 30_000,
    });
    expect(String(dm.args.text)).toContain('is available');
    expect(String(dm.args.text)).toContain('proc-svc');
    await fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0PROC', {
      since,
      timeoutMs: 5000,
    });

    // The same state, read by an in-process bot: the cloud holds the service once.
    const reader = await startTestBot({ apiUrl: fake.apiUrl, keyPrefix: prefix });
    try {
      const services = await reader.bot.cloud.project(EU_DE).listServices({ name: 'proc-svc' });
      expect(services).toHaveLength(1);
      expect(services[0]?.status).toBe('available');
      expect(String(dm.args.text)).toContain(services[0]?.id ?? '?');
    } finally {
      await reader.stop();
    }
    fake.assertNoRejections();
  }, 90_000);
});
