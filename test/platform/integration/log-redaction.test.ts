import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '#src/platform/logging/logger.js';
import { type FakeSlack, startFakeSlack } from '#src/playground/slack/index.js';
import {
  startTestBot,
  TEST_BOT_TOKEN,
  TEST_SIGNING_SECRET,
  type TestBot,
} from '../../helpers/bot-harness.js';
import { createSlackDriver } from '../../helpers/slack-driver.js';

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('secrets in logs', () => {
  it('should censor tokens, secrets and auth headers wherever they appear in a record', async () => {
    const out = capture();
    const log = createLogger({
      level: 'trace',
      secrets: ['otc-secret-key-123', 'hunter2-password'],
      destination: out.stream,
    });
    log.info({ headers: { authorization: 'Bearer xoxb-1-2-3', 'x-auth-token': 'MIIabc' } }, 'outgoing');
    log.info({ nested: { deeper: { note: 'token xapp-1-A0-123-abc was used' } } }, 'nested');
    log.warn({ err: new Error('auth failed for xwfp-999-secretvalue') }, 'step failed');
    log.debug('sk is otc-secret-key-123 and pw is hunter2-password');
    log.info(
      { signed: 'SDK-HMAC-SHA256 Access=AKXYZ, SignedHeaders=host;x-sdk-date, Signature=abcdef0123' },
      'request',
    );
    log.info(
      { config: { slack: { botToken: 'plain-bot-token-value', signingSecret: 'plain-signing' } } },
      'config',
    );
    await new Promise((r) => setImmediate(r));
    const text = out.text();
    for (const secret of [
      'xoxb-1-2-3',
      'MIIabc',
      'xapp-1-A0-123-abc',
      'xwfp-999-secretvalue',
      'otc-secret-key-123',
      'hunter2-password',
      'AKXYZ',
      'abcdef0123',
      'plain-bot-token-value',
      'plain-signing',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[REDACTED]');
    expect(text).toContain('auth failed for [REDACTED]');
  });

  describe('after real requests through the bot', () => {
    let fake: FakeSlack;
    let bot: TestBot;

    beforeAll(async () => {
      fake = await startFakeSlack();
      bot = await startTestBot({ apiUrl: fake.apiUrl, env: { LOG_LEVEL: 'trace' } });
    });
    afterAll(async () => {
      await bot.stop();
      await fake.close();
    });

    it('should keep the bot token, signing secret and function tokens out of the captured output', async () => {
      const slack = createSlackDriver({ baseUrl: bot.baseUrl, signingSecret: TEST_SIGNING_SECRET, fake });
      await slack.command({ text: 'help', userId: 'U0ALICE', channelId: 'C0OPS' });
      await slack.command({ text: 'list', userId: 'U0ALICE', channelId: 'C0OPS' });
      await slack.command(
        { text: 'help', userId: 'U0ALICE', channelId: 'C0OPS' },
        { signingSecret: 'wrong-secret' },
      );
      const step = await slack.functionExecuted({
        callbackId: 'route_connection_approval',
        inputs: { service_id: 's', endpoint_id: 'e' },
        botAccessToken: 'xwfp-7-function-token-secret',
      });
      await fake.waitForCall('functions.completeError');
      bot.bot.logger.error({ err: new Error(`failure with ${TEST_BOT_TOKEN}`) }, 'simulated failure');
      await new Promise((r) => setTimeout(r, 50));
      const text = bot.logText();
      expect(text.length).toBeGreaterThan(0);
      expect(step.status).toBe(200);
      for (const secret of [TEST_BOT_TOKEN, TEST_SIGNING_SECRET, 'xwfp-7-function-token-secret']) {
        expect(text).not.toContain(secret);
      }
    });
  });
});
