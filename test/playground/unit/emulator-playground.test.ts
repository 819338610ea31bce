/**
 * What the playground needs from the Slack emulator beyond the tests' needs: a response_url of an
 * ephemeral message acts on that user's copy, the state survives a save and restore, activity is
 * announced, and a long-running emulator keeps only recent calls.
 */
import { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeSlack, restoreState, saveState, startFakeSlack } from '#src/playground/slack/index.js';

const running: FakeSlack[] = [];

async function emulator(options?: Parameters<typeof startFakeSlack>[0]): Promise<FakeSlack> {
  const fake = await startFakeSlack(options);
  running.push(fake);
  return fake;
}

const botOf = (fake: FakeSlack) =>
  new WebClient('xoxb-test-token', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });

afterEach(async () => {
  await Promise.all(running.splice(0).map((fake) => fake.close()));
});

async function postTo(url: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

describe('the emulator for the playground', () => {
  it('replaces only the clicking user’s ephemeral message through its response_url', async () => {
    const fake = await emulator();
    const bot = botOf(fake);
    const { message_ts } = await bot.chat.postEphemeral({ channel: 'C0GEN', user: 'U0ANN', text: 'page 1' });
    await bot.chat.postEphemeral({ channel: 'C0GEN', user: 'U0BOB', text: 'page 1 for Bob' });
    const url = fake.issueResponseUrl({
      channelId: 'C0GEN',
      userId: 'U0ANN',
      messageTs: String(message_ts),
      ephemeral: true,
    });
    expect((await postTo(url, { replace_original: true, text: 'page 2' })).status).toBe(200);
    expect(fake.ephemerals('C0GEN').map((m) => [m.user, m.text])).toEqual([
      ['U0ANN', 'page 2'],
      ['U0BOB', 'page 1 for Bob'],
    ]);
    expect((await postTo(url, { delete_original: true })).status).toBe(200);
    expect(fake.ephemerals('C0GEN').map((m) => m.user)).toEqual(['U0BOB']);
    expect((await postTo(url, { replace_original: true, text: 'gone' })).body).toMatchObject({
      ok: false,
      error: 'message_not_found',
    });
  });

  it('keeps messages, ephemerals, Home tabs and step executions across a save and restore', async () => {
    const first = await emulator();
    const bot = botOf(first);
    const posted = await bot.chat.postMessage({ channel: 'C0GEN', text: 'hello *world*' });
    await bot.chat.update({ channel: 'C0GEN', ts: String(posted.ts), text: 'hello again' });
    await bot.chat.postEphemeral({ channel: 'C0GEN', user: 'U0ANN', text: 'just for Ann' });
    await bot.views.publish({ user_id: 'U0ANN', view: { type: 'home', blocks: [] } });
    const execution = first.startFunctionExecution('route_connection_approval', { service_id: 's' });
    const saved = JSON.parse(JSON.stringify(saveState(first.state)));

    const second = await emulator();
    restoreState(second.state, saved);
    expect(second.messages('C0GEN').map((m) => m.text)).toEqual(['hello again']);
    expect(second.ephemerals('C0GEN').map((m) => m.text)).toEqual(['just for Ann']);
    expect(second.homeView('U0ANN')?.type).toBe('home');
    const after = await botOf(second).chat.postMessage({ channel: 'C0GEN', text: 'later' });
    expect(Number(after.ts)).toBeGreaterThan(Number(posted.ts));
    const completed = await new WebClient(execution.botAccessToken, {
      slackApiUrl: second.apiUrl,
      retryConfig: { retries: 0 },
    }).functions.completeSuccess({ function_execution_id: execution.executionId, outputs: { a: 1 } });
    expect(completed.ok).toBe(true);
  });

  it('announces every answered call, and keeps only the newest calls when told to', async () => {
    const fake = await emulator({ keepCalls: 2 });
    let seen = 0;
    const stop = fake.onActivity(() => {
      seen += 1;
    });
    const bot = botOf(fake);
    for (const text of ['a', 'b', 'c']) await bot.chat.postMessage({ channel: 'C0GEN', text });
    stop();
    await bot.chat.postMessage({ channel: 'C0GEN', text: 'd' });
    expect(seen).toBe(3);
    expect(fake.callCount()).toBe(4);
    expect(fake.calls().map((c) => [c.index, c.args.text])).toEqual([
      [2, 'c'],
      [3, 'd'],
    ]);
  });
});
