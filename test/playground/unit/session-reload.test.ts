/**
 * A fresh load of the playground page drops the person's modals, as Slack's client does on reload: a real
 * Bolt app opens a stack of two modals through the emulator, and the reload closes both, with
 * `view_closed` only for the view that asked for it.
 */
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Activity } from '#src/playground/activity.js';
import { Session } from '#src/playground/session.js';
import { createSlackDriver, type SlackDriver } from '#src/playground/slack/bot-driver.js';
import { type FakeSlack, startFakeSlack } from '#src/playground/slack/index.js';
import { ADMIN, GENERAL, OWNER } from '#src/playground/workspace.js';
import { asView, modal, section } from './block-fixtures.js';
import { silentLogger, until } from './bolt-helpers.js';

const SECRET = 'test-signing-secret';

let fake: FakeSlack;
let app: App;
let driver: SlackDriver;
let session: Session;
const closed: Array<{ callbackId: string; user: string; isCleared: boolean }> = [];

beforeAll(async () => {
  fake = await startFakeSlack();
  app = new App({
    signingSecret: SECRET,
    token: 'xoxb-bot-token',
    logger: silentLogger(),
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
  });
  // `/vpcep create` opens a form that wants view_closed, with a details view (that does not) on top.
  app.command('/vpcep', async ({ ack, command, client }) => {
    await ack();
    const opened = await client.views.open({
      trigger_id: command.trigger_id,
      view: asView(modal([section(1)], { callback_id: 'form', submit: undefined, notify_on_close: true })),
    });
    await client.views.push({
      trigger_id: fake.issueTriggerId({ userId: command.user_id, viewId: opened.view?.id ?? '' }),
      view: asView(modal([section(2)], { callback_id: 'details', submit: undefined })),
    });
  });
  app.view({ type: 'view_closed' }, async ({ ack, body }) => {
    await ack();
    const isCleared = body.type === 'view_closed' && body.is_cleared;
    closed.push({ callbackId: body.view.callback_id, user: body.user.id, isCleared });
  });
  const server = await app.start(0);
  const { port } = server.address() as AddressInfo;
  driver = createSlackDriver({ baseUrl: `http://127.0.0.1:${port}`, signingSecret: SECRET, fake });
  session = new Session(fake, driver, new Activity());
});
afterAll(async () => {
  await app.stop();
  await fake.close();
});
beforeEach(() => {
  closed.length = 0;
  fake.reset();
});

describe('the playground session on a reload of the page', () => {
  it('closes the person’s open modals and sends view_closed where the bot set notify_on_close', async () => {
    await driver.command({ userId: ADMIN.id, channelId: GENERAL.id, text: 'create' });
    await until(() => fake.openViews(ADMIN.id).length === 2);
    await driver.command({ userId: OWNER.id, channelId: GENERAL.id, text: 'create' });
    await until(() => fake.openViews(OWNER.id).length === 2);

    expect(await session.reloaded(ADMIN)).toEqual({ ok: true });

    expect(fake.openViews(ADMIN.id)).toEqual([]);
    expect(closed).toEqual([{ callbackId: 'form', user: ADMIN.id, isCleared: true }]);
    // Another person's modals are theirs: a reload of this page as Ada leaves them open.
    expect(fake.openViews(OWNER.id).map((v) => v.callback_id)).toEqual(['form', 'details']);
  });

  it('does nothing when the person has no modal open', async () => {
    expect(await session.reloaded(ADMIN)).toEqual({ ok: true });
    expect(closed).toEqual([]);
  });
});
