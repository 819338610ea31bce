/**
 * A careless operator's configuration, as the real process meets it: the bot refuses to start (exit 1)
 * with one error naming the variable and the fix, before it touches Slack, Redis or the cloud.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../helpers/bot-harness.js';
import { exited, spawnBot } from '../helpers/bot-process.js';

const dir = mkdtempSync(join(tmpdir(), 'vpcep-careless-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = { SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET };

describe('a careless configuration', () => {
  it.each([
    [
      'a plain-http Slack API',
      { SLACK_API_URL: 'http://slack.evil.example/api/' },
      'SLACK_API_URL: expected an https:// URL',
    ],
    [
      'a plain-http cloud endpoint',
      {
        OTC_REGION: 'eu-de',
        OTC_PROJECT_ID: '0123456789abcdef0123456789abcdef',
        OTC_ACCESS_KEY: 'AKAKAKAK',
        OTC_SECRET_KEY: 'SKSKSKSK',
        OTC_ENDPOINT_TEMPLATE: 'http://{service}.{region}.proxy.example',
      },
      'OTC_ENDPOINT_TEMPLATE: expected an https:// URL',
    ],
    ['an empty OTC_ACCESS_KEY', { OTC_ACCESS_KEY: '' }, 'OTC_ACCESS_KEY: set but empty'],
  ])('should refuse to start with %s, naming the variable', async (_what, env, problem) => {
    const { proc, output } = spawnBot({ ...base, ...env }, dir);
    expect(await exited(proc)).toBe(1);
    expect(output()).toContain('Invalid configuration');
    expect(output()).toContain(problem);
    expect(output()).not.toMatch(/\n\s+at /);
  });
});
