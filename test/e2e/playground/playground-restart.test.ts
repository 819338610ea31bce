/**
 * The playground keeps its conversation in the bot's Redis: after a restart the page shows the same
 * messages (the welcome once) and the same Home tab.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from '../../helpers/eventually.js';
import { type PlaygroundProcess, startPlayground } from '../../helpers/playground-process.js';
import { testRedisUrl, uniquePrefix } from '../../helpers/redis-test.js';

const ADMIN = 'UPLAYADMIN';
const GENERAL = 'C0GENERAL';
const running: PlaygroundProcess[] = [];

afterAll(async () => {
  await Promise.all(running.map((p) => p.stop()));
});

async function start(env: Record<string, string>): Promise<PlaygroundProcess> {
  const playground = await startPlayground(env);
  running.push(playground);
  return playground;
}

interface State {
  messages: Array<{ text: string; user: string }>;
  home: { blocks: unknown[] } | null;
}

async function stateOf(playground: PlaygroundProcess): Promise<State> {
  const res = await fetch(`${playground.url}api/state?user=${ADMIN}&channel=${GENERAL}`);
  return (await res.json()) as State;
}

async function call(playground: PlaygroundProcess, route: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${playground.url}api/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return res.json();
}

describe('the playground across a restart', () => {
  it('should show the same messages and Home tab after a restart, and the welcome only once', async () => {
    const env = { REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix('playground-restart') };
    const first = await start(env);
    expect(
      await call(first, 'send', { user: ADMIN, channel: GENERAL, text: 'remember *me* <tomorrow>' }),
    ).toEqual({
      ok: true,
    });
    expect(await call(first, 'home', { user: ADMIN })).toEqual({ ok: true });
    await eventually(
      () => stateOf(first),
      (state) => state.home !== null,
    );
    await first.stop();

    const second = await start(env);
    const state = await stateOf(second);
    expect(state.messages.map((m) => m.text)).toEqual([
      'Welcome to the vpcep-bot playground',
      'remember *me* &lt;tomorrow&gt;',
    ]);
    expect(state.messages[1]?.user).toBe(ADMIN);
    expect(state.home?.blocks.length).toBeGreaterThan(0);
  });
});
