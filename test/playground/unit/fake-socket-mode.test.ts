import { App, SocketModeReceiver } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '#src/playground/slack/index.js';
import { type FakeSocketMode, startFakeSocketMode } from '../../fakes/fake-socket-mode.js';
import { slashCommandPayload, viewSubmissionPayload } from '../../helpers/slack-payloads.js';
import { input, modal } from './block-fixtures.js';
import { silentLogger } from './bolt-helpers.js';

let fake: FakeSlack;
let socket: FakeSocketMode;
let app: App;

beforeAll(async () => {
  fake = await startFakeSlack();
  socket = await startFakeSocketMode();
  fake.attachSocketMode(socket);
  app = new App({
    socketMode: true,
    appToken: 'xapp-1-A0TEST-1-secret',
    token: 'xoxb-bot-token',
    logger: silentLogger(),
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
  });
  app.command('/vpcep', async ({ ack, command }) => {
    await ack({ text: `socket says ${command.text}` });
  });
  app.view('create_modal', async ({ ack }) => {
    await ack({ response_action: 'errors', errors: { name_block: 'Name is taken' } });
  });
  app.event('app_mention', async ({ client, event }) => {
    await client.chat.postMessage({ channel: event.channel, text: 'seen' });
  });
  await app.start();
  await socket.connected();
});
afterAll(async () => {
  await app.stop();
  await socket.close();
  await fake.close();
});

describe('fake Socket Mode with a real Bolt SocketModeReceiver', () => {
  it('is reached through apps.connections.open with the xapp- token', () => {
    const open = fake.lastCall('apps.connections.open');
    expect(open?.token).toBe('xapp-1-A0TEST-1-secret');
    expect(open?.response).toEqual({ ok: true, url: socket.url });
    expect(socket.connectionCount()).toBe(1);
  });

  it("returns a slash command listener's ack({ text }) in the ack envelope", async () => {
    const payload = slashCommandPayload({
      userId: 'U1',
      channelId: 'C1',
      text: 'hello',
      responseUrl: `${fake.baseUrl}/response/x`,
    });
    const ack = await socket.send('slash_commands', payload);
    expect(ack.payload).toEqual({ text: 'socket says hello' });
  });

  it('returns view_submission errors in the ack envelope', async () => {
    const view = { id: 'V1', hash: 'h', ...modal([input('name_block')]) };
    const ack = await socket.send('interactive', viewSubmissionPayload({ userId: 'U1', view }));
    expect(ack.payload).toEqual({ response_action: 'errors', errors: { name_block: 'Name is taken' } });
  });

  it('delivers events_api envelopes, acked before the listener runs', async () => {
    const payload = {
      type: 'event_callback',
      team_id: 'T0TEST',
      api_app_id: 'A0TEST',
      event_id: 'Ev1',
      event_time: 1,
      event: { type: 'app_mention', user: 'U1', text: '<@UBOT> hi', channel: 'C1', ts: '1.000001' },
    };
    const ack = await socket.send('events_api', payload);
    expect(ack.envelope_id).toEqual(expect.any(String));
    expect((await fake.waitForCall('chat.postMessage')).args.text).toBe('seen');
  });

  it('rejects a send that is never acked', async () => {
    const ack = socket.send('interactive', { type: 'unknown_payload_type' }, { timeoutMs: 300 });
    await expect(ack).rejects.toThrow(/not acked/);
  });
});

describe('fake Socket Mode heartbeat', () => {
  it("answers the client's pings, so a client with a 600 ms pong timeout stays connected", async () => {
    const api = await startFakeSlack();
    const server = await startFakeSocketMode();
    api.attachSocketMode(server);
    const receiver = new SocketModeReceiver({
      appToken: 'xapp-1-A0TEST-2-secret',
      clientPingTimeout: 600,
      logger: silentLogger(),
      installerOptions: { clientOptions: { slackApiUrl: api.apiUrl, retryConfig: { retries: 0 } } },
    });
    const bolt = new App({
      receiver,
      token: 'xoxb-bot-token',
      logger: silentLogger(),
      clientOptions: { slackApiUrl: api.apiUrl },
    });
    await bolt.start();
    await server.connected();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(api.calls('apps.connections.open')).toHaveLength(1);
    expect(server.connectionCount()).toBe(1);
    await bolt.stop();
    await server.close();
    await api.close();
  });
});
