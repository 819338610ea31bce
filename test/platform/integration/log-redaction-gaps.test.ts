/**
 * The attacker reads the bot's logs (a shared log pipeline, a support bundle). Whatever they find there must
 * hold no secret: not a token nested deeper than any fixed limit, not the password inside REDIS_URL, not a
 * `response_url` (a bearer link that posts into the conversation as the bot).
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '#src/platform/logging/logger.js';
import { type FakeSlack, startFakeSlack } from '#src/playground/slack/index.js';
import { startTestBot, TEST_SIGNING_SECRET, type TestBot } from '../../helpers/bot-harness.js';
import { testRedisUrl } from '../../helpers/redis-test.js';
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

/** `{ level1: { level2: … { leaf } } }`, `depth` levels deep. */
function nest(depth: number, leaf: Record<string, unknown>): Record<string, unknown> {
  let value: Record<string, unknown> = leaf;
  for (let level = depth; level >= 1; level--) value = { [`level${level}`]: value };
  return value;
}

describe('secrets the redaction used to miss', () => {
  it('should censor a token and a secret field twenty levels deep, and survive a cycle there', async () => {
    const out = capture();
    const log = createLogger({ level: 'trace', secrets: [], destination: out.stream });
    log.info(
      nest(20, {
        note: 'deep token xoxb-20-levels-deep-secret',
        password: 'deep-password-field-value',
        list: [[[['xapp-1-A0-deep-in-arrays']]]],
      }),
      'deep record',
    );
    const cyclic: Record<string, unknown> = { note: 'cyclic xoxe-cyclic-deep-token' };
    cyclic.self = cyclic;
    log.info(nest(20, cyclic), 'cyclic record');
    log.info(nest(40, { err: new Error('boom with xwfp-40-levels-deep-token') }), 'deeper error');
    await new Promise((r) => setImmediate(r));
    const text = out.text();
    expect(text).toContain('deep record');
    for (const secret of [
      'xoxb-20-levels-deep-secret',
      'deep-password-field-value',
      'xapp-1-A0-deep-in-arrays',
      'xwfp-40-levels-deep-token',
      'xoxe-cyclic-deep-token',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('cyclic record');
    expect(text).toContain('[Circular]');
  });

  it('should leave out what is too large to scrub rather than write it unscrubbed', async () => {
    const out = capture();
    const log = createLogger({ level: 'info', secrets: [], destination: out.stream });
    const huge = Array.from({ length: 50_000 }, (_, i) => ({ i, note: `xoxb-${i}-flood-token` }));
    log.info({ huge }, 'huge record');
    await new Promise((r) => setImmediate(r));
    const text = out.text();
    expect(text).toContain('huge record');
    expect(text).not.toMatch(/xoxb-\d+-flood-token/);
    expect(text).toContain('[Truncated]');
  });

  describe('a bot with a password in REDIS_URL, logging Slack payloads at trace level', () => {
    const user = `vpcep_log_${randomBytes(3).toString('hex')}`;
    const password = `redisPw${randomBytes(6).toString('hex')}`;
    let admin: Redis;
    let fake: FakeSlack;
    let bot: TestBot;
    let redisUrl: string;

    beforeAll(async () => {
      // A real ACL user on the test Redis, so the bot really connects with the password in its URL.
      admin = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
      await admin.call('ACL', 'SETUSER', user, 'on', `>${password}`, '~*', '&*', '+@all');
      const url = new URL(testRedisUrl());
      url.username = user;
      url.password = password;
      redisUrl = url.toString();
      fake = await startFakeSlack();
      bot = await startTestBot({ apiUrl: fake.apiUrl, redisUrl, env: { LOG_LEVEL: 'trace' } });
    });
    afterAll(async () => {
      await bot.stop();
      await fake.close();
      await admin.call('ACL', 'DELUSER', user);
      admin.disconnect();
    });

    it('should keep the REDIS_URL password and every response_url out of the captured output', async () => {
      expect(await bot.bot.redis.ping()).toBe('PONG');
      const slack = createSlackDriver({ baseUrl: bot.baseUrl, signingSecret: TEST_SIGNING_SECRET, fake });
      const help = await slack.command({ text: 'help', userId: 'U0ALICE', channelId: 'C0OPS' });
      const list = await slack.command({ text: 'list', userId: 'U0ALICE', channelId: 'C0OPS' });
      const hook = 'https://hooks.slack.com/commands/T0FAKE/1234567890/AbCdEfGhIjKlMnOpQrStUvWx';
      // What a library echoing its connection string, or a handler logging its reply target, would write.
      bot.bot.logger.warn({ redis: { url: redisUrl } }, `redis at ${redisUrl} is slow`);
      bot.bot.logger.info({ target: hook, nested: { response_url: hook } }, `replying via ${hook}`);
      // Payloads that reach a log as text (Bolt stringifies what it logs): JSON and form-encoded.
      const responseUrl = help.responseUrl;
      bot.bot.logger.debug(`payload ${JSON.stringify({ type: 'block_actions', response_url: responseUrl })}`);
      bot.bot.logger.debug(`body ${new URLSearchParams({ command: '/vpcep', response_url: responseUrl })}`);
      await new Promise((r) => setTimeout(r, 50));
      const text = bot.logText();
      expect(text).toContain('slack request');
      expect(text).toContain('redis at');
      for (const secret of [help.responseUrl, list.responseUrl, hook, password, '/1234567890/AbCdEf']) {
        expect(text).not.toContain(secret);
      }
    });
  });
});
