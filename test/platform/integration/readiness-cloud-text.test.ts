/**
 * The attacker controls what the cloud (or a proxy in front of it) answers, and reads `/readyz`, which
 * anyone who reaches the port can. The cloud's error text and codes must never appear in it: the probe
 * says what state the cloud is in, in the bot's own words, and keeps the cloud's text for the log.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '#src/playground/slack/index.js';
import { FAST_CLOUD, startTestBot, type TestBot } from '../../helpers/bot-harness.js';
import { eventually } from '../../helpers/eventually.js';

const LEAK = 'db-primary.internal:5432 user=vpcep password=hunter2-from-the-cloud';
const CODE = 'LEAK.9999-internal-trace-7f3a';

let fake: FakeSlack;
let bot: TestBot;

beforeAll(async () => {
  fake = await startFakeSlack();
  // No cache: every /readyz runs the probe, so each fault below is what the probe meets.
  bot = await startTestBot({
    apiUrl: fake.apiUrl,
    cloud: { ...FAST_CLOUD, health: { ttlMs: 0, maxWaitMs: 800 } },
  });
});

afterAll(async () => {
  await bot.stop();
  await fake.close();
});

beforeEach(() => {
  bot.bot.cloud.sandbox?.clearFaults();
});

async function readyzWhile(state: string): Promise<{ status: number; text: string }> {
  return eventually(
    async () => {
      const response = await fetch(`${bot.baseUrl}/readyz`, { signal: AbortSignal.timeout(1500) });
      return { status: response.status, text: await response.text() };
    },
    (r) => (JSON.parse(r.text) as { cloud: { state: string } }).cloud.state === state,
  );
}

describe('/readyz while the cloud fails with text of its own', () => {
  it.each([
    ['a server error', { status: 503 }, 'unavailable'],
    ['a refused request', { status: 400 }, 'unavailable'],
    ['refused credentials', { status: 401 }, 'auth_failed'],
  ])('should not repeat the cloud text of %s', async (_what, fault, state) => {
    bot.bot.cloud.sandbox?.addFault({ match: '/quotas$', ...fault, errorCode: CODE, errorMsg: LEAK });
    const answer = await readyzWhile(state);
    expect(answer.text).not.toContain('hunter2');
    expect(answer.text).not.toContain('db-primary.internal');
    expect(answer.text).not.toContain(CODE);
    expect(answer.status).toBe(state === 'auth_failed' ? 503 : 200);
    // The operator still learns what happened: from the bot's log.
    expect(bot.logText()).toContain('cloud check failed');
  });
});
