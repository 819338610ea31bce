import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebClient,
  type WebClientOptions,
} from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '#src/playground/slack/index.js';
import { asBlocks, asView, input, modal, section, times } from './block-fixtures.js';

let fake: FakeSlack;
let bot: WebClient;

const client = (token: string, options: WebClientOptions = {}) =>
  new WebClient(token, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, ...options });

/** What a call threw (fails the test when it did not throw). */
async function thrown(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail');
}

/** The platform error a call failed with. */
async function platformError(call: Promise<unknown>): Promise<WebAPIPlatformError> {
  const err = await thrown(call);
  if (err instanceof WebAPIPlatformError) return err;
  throw err;
}

/** The Slack error code a call failed with. */
async function errorOf(call: Promise<unknown>): Promise<string> {
  return (await platformError(call)).data.error;
}

beforeAll(async () => {
  fake = await startFakeSlack();
  bot = client('xoxb-test-token');
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe('fake Slack Web API: auth and recording', () => {
  it('answers auth.test with the fake workspace and rejects a token that is not a bot token', async () => {
    const auth = await bot.auth.test();
    expect(auth).toMatchObject({ ok: true, team_id: 'T0TEST', user_id: 'UBOT', bot_id: 'BBOT' });
    expect(await errorOf(client('not-a-token').auth.test())).toBe('invalid_auth');
    expect(await errorOf(client('xapp-1-abc').chat.postMessage({ channel: 'C1', text: 'x' }))).toBe(
      'not_allowed_token_type',
    );
  });

  it('records the token from the Authorization header and parses JSON-string fields back into objects', async () => {
    await bot.chat.postMessage({
      channel: 'C0ALERTS',
      text: 'hi',
      blocks: asBlocks([section(1)]),
      metadata: { event_type: 'e', event_payload: {} },
    });
    const call = fake.lastCall('chat.postMessage');
    expect(call?.token).toBe('xoxb-test-token');
    expect(call?.args.blocks).toEqual([section(1)]);
    expect(call?.args.metadata).toEqual({ event_type: 'e', event_payload: {} });
    expect(call?.args.token).toBeUndefined();
  });

  it('accepts application/json bodies too', async () => {
    const res = await fetch(`${fake.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: 'Bearer xoxb-json' },
      body: JSON.stringify({ channel: 'C1', blocks: asBlocks([section(1)]) }),
    });
    expect(await res.json()).toMatchObject({ ok: true, channel: 'C1' });
    expect(fake.lastCall('chat.postMessage')?.args.blocks).toEqual([section(1)]);
  });

  it('answers unknown_method for methods it does not know', async () => {
    expect(await errorOf(bot.apiCall('chat.teleport', {}))).toBe('unknown_method');
  });

  it('waitForCall resolves with calls already recorded and with calls still to come, and times out', async () => {
    await bot.chat.postMessage({ channel: 'C1', text: 'first' });
    expect((await fake.waitForCall('chat.postMessage')).args.text).toBe('first');
    const since = fake.callCount();
    const later = fake.waitForCall('chat.postMessage', (c) => c.args.text === 'second', { since });
    await bot.chat.postMessage({ channel: 'C1', text: 'second' });
    expect((await later).index).toBeGreaterThanOrEqual(since);
    await expect(fake.waitForCall('views.open', undefined, 50)).rejects.toThrow(
      /no matching views.open call/,
    );
  });
});

describe('fake Slack Web API: limits on chat.*', () => {
  it('refuses a message with 51 blocks with invalid_blocks and lists it as a rejection', async () => {
    const err = await platformError(
      bot.chat.postMessage({ channel: 'C1', text: 'x', blocks: asBlocks(times(51, section)) }),
    );
    expect(err.data.error).toBe('invalid_blocks');
    expect(err.data.response_metadata?.messages?.[0]).toMatch(
      /\[ERROR\] must have at most 50 items.*json-pointer:\/blocks\]/,
    );
    expect(fake.rejections()).toHaveLength(1);
    expect(() => fake.assertNoRejections()).toThrow(/chat.postMessage: invalid_blocks/);
    expect(fake.messages('C1')).toHaveLength(0);
  });

  it('passes assertNoRejections when every payload was valid', async () => {
    await bot.chat.postMessage({ channel: 'C1', text: 'x', blocks: asBlocks(times(50, section)) });
    expect(() => fake.assertNoRejections()).not.toThrow();
  });

  it('checks chat.update and chat.postEphemeral like postMessage', async () => {
    const { ts } = await bot.chat.postMessage({ channel: 'C1', text: 'x' });
    expect(
      await errorOf(bot.chat.update({ channel: 'C1', ts: ts ?? '', blocks: asBlocks(times(51, section)) })),
    ).toBe('invalid_blocks');
    expect(await errorOf(bot.chat.postEphemeral({ channel: 'C1', user: 'U1', text: '' }))).toBe('no_text');
  });
});

describe('fake Slack Web API: messages', () => {
  it('keeps the current content of each message, including thread replies and updates', async () => {
    const parent = await bot.chat.postMessage({
      channel: 'C1',
      text: 'request',
      blocks: asBlocks([section(1)]),
    });
    const ts = parent.ts ?? '';
    await bot.chat.postMessage({ channel: 'C1', thread_ts: ts, text: 'reminder' });
    await bot.chat.update({ channel: 'C1', ts, text: 'approved by <@U2>', blocks: asBlocks([section(2)]) });
    expect(fake.message('C1', ts)).toMatchObject({
      text: 'approved by <@U2>',
      blocks: asBlocks([section(2)]),
    });
    expect(fake.replies('C1', ts).map((m) => m.text)).toEqual(['reminder']);
    expect(await errorOf(bot.chat.update({ channel: 'C1', ts: '1.000001', text: 'x' }))).toBe(
      'message_not_found',
    );
    await bot.chat.delete({ channel: 'C1', ts });
    expect(fake.message('C1', ts)).toBeUndefined();
  });

  it('posts to a user id into the DM channel conversations.open returns', async () => {
    const res = await bot.chat.postMessage({ channel: 'U2', text: 'hi' });
    const dm = await bot.conversations.open({ users: 'U2' });
    expect(res.channel).toMatch(/^D/);
    expect(dm.channel?.id).toBe(res.channel);
  });

  it('fails channels configured to fail, and unknown ids once strict', async () => {
    fake.setChannelError('C404', 'channel_not_found');
    fake.setChannelError('CPRIV', 'not_in_channel');
    expect(await errorOf(bot.chat.postMessage({ channel: 'C404', text: 'x' }))).toBe('channel_not_found');
    expect(await errorOf(bot.chat.postMessage({ channel: 'CPRIV', text: 'x' }))).toBe('not_in_channel');
    fake.setStrictness({ autoChannels: false });
    expect(await errorOf(bot.conversations.info({ channel: 'CNEW' }))).toBe('channel_not_found');
    fake.setStrictness({ autoChannels: true });
  });
});

describe('fake Slack Web API: views', () => {
  it('opens a valid 100-block modal once per trigger id and stores it with an id and hash', async () => {
    const trigger = fake.issueTriggerId({ userId: 'U1' });
    const blocks = [...times(60, (i) => input(`in${i}`)), ...times(40, section)];
    const { view } = await bot.views.open({ trigger_id: trigger, view: asView(modal(blocks)) });
    expect(view?.id).toMatch(/^V/);
    expect(fake.currentView(view?.id ?? '')).toMatchObject({
      callback_id: 'create_modal',
      state: { values: {} },
    });
    expect(fake.openViews()).toHaveLength(1);
    expect(await errorOf(bot.views.open({ trigger_id: trigger, view: asView(modal([section(1)])) }))).toBe(
      'exchanged_trigger_id',
    );
  });

  it('refuses expired and unknown trigger ids', async () => {
    const old = fake.issueTriggerId({ userId: 'U1' }, Date.now() - 3500);
    expect(await errorOf(bot.views.open({ trigger_id: old, view: asView(modal([section(1)])) }))).toBe(
      'expired_trigger_id',
    );
    expect(
      await errorOf(bot.views.open({ trigger_id: '123.456.abc', view: asView(modal([section(1)])) })),
    ).toBe('invalid_trigger_id');
  });

  it('refuses a modal with an input block and no submit button, without using the trigger', async () => {
    const trigger = fake.issueTriggerId({ userId: 'U1' });
    const err = await platformError(
      bot.views.open({ trigger_id: trigger, view: asView(modal([input('name')], { submit: undefined })) }),
    );
    expect(err.data.error).toBe('invalid_arguments');
    expect(err.data.response_metadata?.messages?.join()).toMatch(/json-pointer:\/view\/submit/);
    expect(fake.rejections()[0]?.method).toBe('views.open');
    await expect(
      bot.views.open({ trigger_id: trigger, view: asView(modal([section(1)])) }),
    ).resolves.toMatchObject({ ok: true });
  });

  it('updates by view id with a fresh hash and answers hash_conflict for a stale one', async () => {
    const { view } = await bot.views.open({
      trigger_id: fake.issueTriggerId(),
      view: asView(modal([section(1)])),
    });
    const id = view?.id ?? '';
    const updated = await bot.views.update({
      view_id: id,
      hash: view?.hash ?? '',
      view: asView(modal([section(2)])),
    });
    expect(updated.view?.hash).not.toBe(view?.hash);
    expect(fake.currentView(id)?.blocks).toEqual([section(2)]);
    expect(
      await errorOf(
        bot.views.update({ view_id: id, hash: view?.hash ?? '', view: asView(modal([section(3)])) }),
      ),
    ).toBe('hash_conflict');
    expect(await errorOf(bot.views.update({ view_id: 'VNOPE', view: asView(modal([section(3)])) }))).toBe(
      'not_found',
    );
  });

  it('allows two pushes onto a modal and refuses the third with push_limit_reached', async () => {
    const { view } = await bot.views.open({
      trigger_id: fake.issueTriggerId({ userId: 'U1' }),
      view: asView(modal([section(1)])),
    });
    const pushOn = (viewId: string) =>
      bot.views.push({
        trigger_id: fake.issueTriggerId({ userId: 'U1', viewId }),
        view: asView(modal([section(2)])),
      });
    const second = await pushOn(view?.id ?? '');
    const third = await pushOn(second.view?.id ?? '');
    expect(third.view?.previous_view_id).toBe(second.view?.id);
    expect(await errorOf(pushOn(third.view?.id ?? ''))).toBe('push_limit_reached');
  });

  it('publishes Home tabs of up to 100 blocks', async () => {
    await bot.views.publish({ user_id: 'U1', view: asView({ type: 'home', blocks: times(100, section) }) });
    expect(fake.homeView('U1')?.blocks).toHaveLength(100);
    expect(
      await errorOf(
        bot.views.publish({ user_id: 'U1', view: asView({ type: 'home', blocks: times(101, section) }) }),
      ),
    ).toBe('invalid_arguments');
  });
});

describe('fake Slack Web API: block ids', () => {
  const bare = (): Record<string, unknown>[] => [
    { type: 'divider' },
    {
      type: 'actions',
      elements: [{ type: 'button', action_id: 'go', text: { type: 'plain_text', text: 'Go' } }],
    },
    section(1),
  ];
  /** The generated ids of the first two blocks, and the block that came with an id keeps it. */
  const idsOf = (blocks: unknown): unknown[] => {
    const list = blocks as Array<{ block_id?: unknown }>;
    expect(list[2]?.block_id).toBe('s1');
    expect(list[0]?.block_id).not.toBe(list[1]?.block_id);
    return [list[0]?.block_id, list[1]?.block_id];
  };
  const generated = expect.stringMatching(/^[A-Za-z0-9]{5}$/);

  it('gives every message block without a block_id one of its own, as Slack returns and stores it', async () => {
    const posted = await bot.chat.postMessage({ channel: 'C1', text: 'x', blocks: asBlocks(bare()) });
    expect(idsOf(posted.message?.blocks)).toEqual([generated, generated]);
    expect(idsOf(fake.message('C1', posted.ts ?? '')?.blocks)).toEqual([generated, generated]);
    const updated = await bot.chat.update({ channel: 'C1', ts: posted.ts ?? '', blocks: asBlocks(bare()) });
    expect(idsOf(updated.message?.blocks)).toEqual([generated, generated]);
    await bot.chat.postEphemeral({ channel: 'C1', user: 'U1', text: 'x', blocks: asBlocks(bare()) });
    expect(idsOf(fake.ephemerals('C1').at(-1)?.blocks)).toEqual([generated, generated]);
    // What the bot sent is left as it was: the call log shows its own blocks.
    expect(fake.lastCall('chat.postEphemeral')?.args.blocks).toEqual(bare());
  });

  it('gives every view block without a block_id one in views.open, push, update and publish', async () => {
    const opened = await bot.views.open({
      trigger_id: fake.issueTriggerId({ userId: 'U1' }),
      view: asView(modal(bare(), { submit: undefined })),
    });
    const id = opened.view?.id ?? '';
    expect(idsOf(opened.view?.blocks)).toEqual([generated, generated]);
    expect(idsOf(fake.currentView(id)?.blocks)).toEqual([generated, generated]);
    const updated = await bot.views.update({
      view_id: id,
      view: asView(modal(bare(), { submit: undefined })),
    });
    expect(idsOf(updated.view?.blocks)).toEqual([generated, generated]);
    const pushed = await bot.views.push({
      trigger_id: fake.issueTriggerId({ userId: 'U1', viewId: id }),
      view: asView(modal(bare(), { submit: undefined })),
    });
    expect(idsOf(fake.currentView(pushed.view?.id ?? '')?.blocks)).toEqual([generated, generated]);
    const home = await bot.views.publish({ user_id: 'U1', view: asView({ type: 'home', blocks: bare() }) });
    expect(idsOf(home.view?.blocks)).toEqual([generated, generated]);
    expect(idsOf(fake.homeView('U1')?.blocks)).toEqual([generated, generated]);
  });
});

describe('fake Slack: view_submission acks', () => {
  const openModal = async () => {
    const { view } = await bot.views.open({
      trigger_id: fake.issueTriggerId({ userId: 'U1' }),
      view: asView(modal([input('name')])),
    });
    return view?.id ?? '';
  };

  it('updates the view in place for response_action update, with a new hash', async () => {
    const id = await openModal();
    const before = fake.currentView(id)?.hash;
    expect(fake.applyViewSubmissionAck(id, { response_action: 'update', view: modal([section(9)]) })).toEqual(
      [],
    );
    expect(fake.currentView(id)).toMatchObject({ blocks: [section(9)] });
    expect(fake.currentView(id)?.hash).not.toBe(before);
  });

  it('pushes for response_action push and closes the whole stack for clear', async () => {
    const id = await openModal();
    fake.applyViewSubmissionAck(id, { response_action: 'push', view: modal([section(2)]) });
    expect(fake.openViews()).toHaveLength(2);
    fake.applyViewSubmissionAck(id, { response_action: 'clear' });
    expect(fake.openViews()).toHaveLength(0);
  });

  it('refuses an update to a view that breaks the limits, and keeps the old view', async () => {
    const id = await openModal();
    const issues = fake.applyViewSubmissionAck(id, {
      response_action: 'update',
      view: modal(times(101, section)),
    });
    expect(issues.map((i) => i.path)).toEqual(['/view/blocks']);
    expect(fake.currentView(id)?.blocks).toEqual([input('name')]);
    expect(fake.rejections().map((r) => r.method)).toEqual(['view_submission.ack']);
  });
});

describe('fake Slack Web API: fault injection', () => {
  it('answers 429 with Retry-After, seen by a real WebClient as WebAPIRateLimitedError', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 2 });
    const strict = client('xoxb-test-token', { rejectRateLimitedCalls: true });
    const err = await thrown(strict.chat.postMessage({ channel: 'C1', text: 'x' }));
    expect(err).toBeInstanceOf(WebAPIRateLimitedError);
    expect((err as WebAPIRateLimitedError).retryAfter).toBe(2);
    await expect(strict.chat.postMessage({ channel: 'C1', text: 'x' })).resolves.toMatchObject({ ok: true });
  });

  it('answers 500 on demand (WebAPIHTTPError) and ok:false errors on demand', async () => {
    fake.failNext('users.info', { status: 500 });
    fake.failNext('users.info', { error: 'ratelimited' });
    const err = await thrown(bot.users.info({ user: 'U1' }));
    expect(err).toBeInstanceOf(WebAPIHTTPError);
    expect((err as WebAPIHTTPError).statusCode).toBe(500);
    expect(await errorOf(bot.users.info({ user: 'U1' }))).toBe('ratelimited');
    expect(fake.calls('users.info').map((c) => c.status)).toEqual([500, 200]);
  });

  it('delays answers of a method by the configured latency', async () => {
    fake.setLatency('users.info', 150);
    const started = Date.now();
    await bot.users.info({ user: 'U1' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('loses a held call whose caller hangs up when asked to, and delivers it otherwise', async () => {
    const hangUp = async (channel: string) => {
      const call = fetch(`${fake.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { authorization: 'Bearer xoxb-test-token', 'content-type': 'application/json' },
        body: JSON.stringify({ channel, text: 'held' }),
        signal: AbortSignal.timeout(50),
      });
      await expect(call).rejects.toThrow();
      await new Promise((done) => setTimeout(done, 250));
    };
    fake.setLatency('chat.postMessage', 150, { lostIfCallerGone: true });
    await hangUp('C0LOST');
    fake.setLatency('chat.postMessage', 150);
    await hangUp('C0KEPT');
    fake.setLatency('chat.postMessage', 0);
    expect(fake.messages('C0LOST')).toEqual([]);
    expect(fake.calls('chat.postMessage').map((c) => c.args.channel)).toEqual(['C0KEPT']);
    expect(fake.messages('C0KEPT')).toHaveLength(1);
  });
});

describe('fake Slack Web API: directory and custom steps', () => {
  it('answers user group membership as configured', async () => {
    fake.setUsergroup('S123', { handle: 'net-owners', name: 'Network owners', users: ['U1', 'U2'] });
    expect((await bot.usergroups.users.list({ usergroup: 'S123' })).users).toEqual(['U1', 'U2']);
    expect((await bot.usergroups.list({ include_users: true })).usergroups?.[0]).toMatchObject({
      handle: 'net-owners',
      users: ['U1', 'U2'],
    });
    expect(await errorOf(bot.usergroups.users.list({ usergroup: 'S999' }))).toBe('no_such_subteam');
  });

  it('answers users.info for known users and user_not_found once strict', async () => {
    fake.addUser({ id: 'U7', name: 'alice', real_name: 'Alice A' });
    expect((await bot.users.info({ user: 'U7' })).user).toMatchObject({
      id: 'U7',
      name: 'alice',
      real_name: 'Alice A',
    });
    fake.setStrictness({ autoUsers: false });
    expect(await errorOf(bot.users.info({ user: 'U8' }))).toBe('user_not_found');
    fake.setStrictness({ autoUsers: true });
  });

  it('completes a function execution once, only with its xwfp- token', async () => {
    const execution = fake.startFunctionExecution('route_connection_approval', { service_id: 's1' });
    const stepClient = client(execution.botAccessToken);
    const args = { function_execution_id: execution.executionId, outputs: { decision: 'approved' } };
    expect(await errorOf(bot.functions.completeSuccess(args))).toBe('not_allowed_token_type');
    await expect(stepClient.functions.completeSuccess(args)).resolves.toMatchObject({ ok: true });
    expect(fake.functionExecution(execution.executionId)?.completion).toEqual({
      kind: 'success',
      outputs: { decision: 'approved' },
    });
    expect(
      await errorOf(
        stepClient.functions.completeError({ function_execution_id: execution.executionId, error: 'x' }),
      ),
    ).toBe('execution_not_in_running_state');
  });
});

describe('fake Slack response_url', () => {
  const post = (url: string, body: unknown) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('accepts five posts and refuses the sixth with 404 used_too_many_times', async () => {
    const url = fake.issueResponseUrl({ channelId: 'C1', userId: 'U1' });
    for (let i = 0; i < 5; i += 1) expect((await post(url, { text: `answer ${i}` })).status).toBe(200);
    const sixth = await post(url, { text: 'one too many' });
    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toEqual({ ok: false, error: 'used_too_many_times' });
    expect(fake.responses(url)).toHaveLength(6);
    expect(fake.ephemerals('C1')).toHaveLength(5);
  });

  it('replaces and deletes the original message, and checks blocks like a message', async () => {
    const { ts } = await bot.chat.postMessage({
      channel: 'C1',
      text: 'pending',
      blocks: asBlocks([section(1)]),
    });
    const url = fake.issueResponseUrl({ channelId: 'C1', userId: 'U1', messageTs: ts ?? '' });
    expect((await post(url, { replace_original: true, blocks: asBlocks(times(51, section)) })).status).toBe(
      400,
    );
    expect(fake.rejections().map((r) => r.method)).toEqual(['response_url']);
    await post(url, { replace_original: true, text: 'approved' });
    expect(fake.message('C1', ts ?? '')).toMatchObject({ text: 'approved', blocks: [] });
    await post(url, { delete_original: true });
    expect(fake.message('C1', ts ?? '')).toBeUndefined();
  });
});
