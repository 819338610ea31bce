import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '#src/playground/slack/index.js';
import { createSlackDriver, type SlackDriver } from '../../helpers/slack-driver.js';
import { nowSeconds } from '../../helpers/slack-signer.js';
import { asBlocks, asView, button, input, modal, plain, section } from './block-fixtures.js';
import { silentLogger, until } from './bolt-helpers.js';

const SECRET = 'test-signing-secret';
const CHANNEL = 'C0APPROVALS';

let fake: FakeSlack;
let app: App;
let driver: SlackDriver;

function registerListeners(bolt: App): void {
  bolt.command('/vpcep', async ({ ack, command, client, respond }) => {
    if (command.text === 'create') {
      await ack();
      await client.views.open({
        trigger_id: command.trigger_id,
        view: asView(modal([input('name_block'), section(1)])),
      });
    } else if (command.text === 'announce') {
      await ack();
      await respond({ response_type: 'in_channel', text: 'announced' });
    } else {
      await ack({ text: `you said ${command.text}` });
    }
  });
  bolt.view('create_modal', async ({ ack, view }) => {
    const name = view.state.values.name_block?.name_block_input?.value;
    if (name === 'taken') await ack({ response_action: 'errors', errors: { name_block: 'Name is taken' } });
    else if (name === 'wrong-key')
      await ack({ response_action: 'errors', errors: { s1: 'not an input block' } });
    else await ack();
  });
  bolt.action('approve_action', async ({ ack, respond, body }) => {
    await ack();
    await respond({ replace_original: true, text: `Approved by <@${body.user.id}>` });
  });
  bolt.options('region_external', async ({ ack, payload }) => {
    await ack({
      options: [{ text: { type: 'plain_text', text: `eu-${payload.value}` }, value: `eu-${payload.value}` }],
    });
  });
  bolt.event('app_mention', async ({ event, context, client }) => {
    await client.chat.postMessage({ channel: event.channel, text: `retry ${context.retryNum ?? 0}` });
  });
  bolt.function('route_connection_approval', async ({ inputs, complete }) => {
    await complete({ outputs: { decision: 'approved', endpoint_id: String(inputs.endpoint_id) } });
  });
}

beforeAll(async () => {
  fake = await startFakeSlack();
  app = new App({
    signingSecret: SECRET,
    token: 'xoxb-bot-token',
    logger: silentLogger(),
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
  });
  registerListeners(app);
  const server = await app.start(0);
  const { port } = server.address() as AddressInfo;
  driver = createSlackDriver({ baseUrl: `http://127.0.0.1:${port}`, signingSecret: SECRET, fake });
});
afterAll(async () => {
  await app.stop();
  await fake.close();
});
beforeEach(() => fake.reset());

describe('signed requests to a real Bolt app', () => {
  it('delivers a slash command exactly as Slack does, and returns the ack body', async () => {
    const res = await driver.command({ userId: 'U1', channelId: CHANNEL, text: 'hello' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ text: 'you said hello' });
  });

  it('is refused with 401 for a wrong signature or a stale timestamp, and 400 for a charset in the form type', async () => {
    expect(
      (await driver.command({ userId: 'U1', channelId: CHANNEL, text: 'x' }, { signingSecret: 'wrong' }))
        .status,
    ).toBe(401);
    expect(
      (
        await driver.command(
          { userId: 'U1', channelId: CHANNEL, text: 'x' },
          { timestampSec: nowSeconds() - 600 },
        )
      ).status,
    ).toBe(401);
    expect(
      (await driver.command({ userId: 'U1', channelId: CHANNEL, text: 'x' }, { signature: 'v0=00' })).status,
    ).toBe(401);
    const charset = { contentType: 'application/x-www-form-urlencoded; charset=utf-8' };
    expect((await driver.command({ userId: 'U1', channelId: CHANNEL, text: 'x' }, charset)).status).toBe(400);
  });

  it('answers url_verification with the challenge', async () => {
    expect((await driver.urlVerification('c-123')).body).toEqual({ challenge: 'c-123' });
  });
});

describe('interactions through the fake', () => {
  it('gives the command a trigger id the fake accepts for views.open, and refuses an expired one', async () => {
    await driver.command({ userId: 'U1', channelId: CHANNEL, text: 'create' });
    const open = await fake.waitForCall('views.open');
    expect(open.response.ok).toBe(true);
    expect(fake.openViews('U1').map((v) => v.callback_id)).toEqual(['create_modal']);
    expect(fake.openViews('U2')).toEqual([]);

    await driver.command({
      userId: 'U1',
      channelId: CHANNEL,
      text: 'create',
      triggerIssuedAtMs: Date.now() - 4000,
    });
    const late = await fake.waitForCall('views.open', (c) => !c.response.ok);
    expect(late.response.error).toBe('expired_trigger_id');
  });

  it('submits a view, returns inline errors, and closes it on an empty ack', async () => {
    await driver.command({ userId: 'U1', channelId: CHANNEL, text: 'create' });
    await fake.waitForCall('views.open');
    const [view] = fake.openViews();
    if (!view) throw new Error('no view opened');

    const taken = await driver.viewSubmission({
      userId: 'U1',
      view,
      values: { name_block: { name_block_input: 'taken' } },
    });
    expect(taken.body).toEqual({ response_action: 'errors', errors: { name_block: 'Name is taken' } });
    expect(taken.ackIssues).toEqual([]);
    expect(fake.openViews()).toHaveLength(1);

    const ok = await driver.viewSubmission({
      userId: 'U1',
      view,
      values: { name_block: { name_block_input: 'vpcep-1' } },
    });
    expect(ok.status).toBe(200);
    expect(fake.openViews()).toHaveLength(0);
    fake.assertNoRejections();
  });

  it('flags a response_action errors keyed to a block that is not an input', async () => {
    await driver.command({ userId: 'U1', channelId: CHANNEL, text: 'create' });
    await fake.waitForCall('views.open');
    const [view] = fake.openViews();
    if (!view) throw new Error('no view opened');
    const res = await driver.viewSubmission({
      userId: 'U1',
      view,
      values: { name_block: { name_block_input: 'wrong-key' } },
    });
    expect(res.ackIssues.map((i) => i.path)).toEqual(['/errors/s1']);
    expect(fake.checkViewErrorsResponse(view, res.body)).toHaveLength(1);
    expect(() => fake.assertNoRejections()).toThrow(/view_submission.ack/);
  });

  it('refuses state values for blocks the view does not have', async () => {
    const view = { id: 'V1', ...modal([input('name_block')]) };
    await expect(
      driver.viewSubmission({ userId: 'U1', view, values: { other: { x: 'y' } } }),
    ).rejects.toThrow(/no such block_id/);
  });

  it('clicks a button in a message; respond() replaces the original message through the response_url', async () => {
    const posted = await app.client.chat.postMessage({
      channel: CHANNEL,
      text: 'Connection request',
      blocks: asBlocks([section(1), { type: 'actions', block_id: 'decision', elements: [button()] }]),
    });
    const message = fake.message(CHANNEL, posted.ts ?? '');
    if (!message) throw new Error('message not stored');
    const click = await driver.blockActions({
      userId: 'U2',
      message,
      actions: [{ action_id: 'approve_action' }],
    });
    expect(click.status).toBe(200);
    await until(() => fake.responses(click.responseUrl).length === 1);
    expect(fake.message(CHANNEL, message.ts)?.text).toBe('Approved by <@U2>');
  });

  it('posts in_channel responses as channel messages', async () => {
    const res = await driver.command({ userId: 'U1', channelId: CHANNEL, text: 'announce' });
    await until(() => fake.responses(res.responseUrl).length === 1);
    expect(fake.messages(CHANNEL).map((m) => m.text)).toEqual(['announced']);
  });

  it('asks for external select options with block_suggestion', async () => {
    const res = await driver.blockSuggestion({
      userId: 'U1',
      actionId: 'region_external',
      blockId: 'region',
      value: 'de',
    });
    expect(res.body).toEqual({ options: [{ text: plain('eu-de'), value: 'eu-de' }] });
  });

  it('delivers Events API callbacks with retry headers', async () => {
    const event = {
      type: 'app_mention',
      user: 'U1',
      text: '<@UBOT> hi',
      channel: CHANNEL,
      ts: '1700000000.000100',
    };
    expect((await driver.event(event, { retryNum: 2 })).status).toBe(200);
    const call = await fake.waitForCall('chat.postMessage');
    expect(call.args.text).toBe('retry 2');
  });

  it('runs a custom step: function_executed with an xwfp- token ends in functions.completeSuccess', async () => {
    const res = await driver.functionExecuted({
      callbackId: 'route_connection_approval',
      inputs: { endpoint_id: 'ep-1' },
    });
    expect(res.status).toBe(200);
    const call = await fake.waitForCall('functions.completeSuccess');
    expect(call.token).toBe(res.execution.botAccessToken);
    expect(call.response.ok).toBe(true);
    expect(fake.functionExecution(res.execution.executionId)?.completion).toEqual({
      kind: 'success',
      outputs: { decision: 'approved', endpoint_id: 'ep-1' },
    });
  });
});
