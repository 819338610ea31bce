/**
 * With a Slack token the bot is the production bot: not one playground module is loaded (the import is
 * lazy, behind the token check). Without a token but with PLAYGROUND=off, the missing token is the usual
 * configuration error.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '#src/playground/slack/index.js';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../../helpers/bot-harness.js';
import { exited, MAIN, REPO_ROOT, spawnBot } from '../../helpers/bot-process.js';
import { freePort } from '../../helpers/redis-server.js';
import { testRedisUrl, uniquePrefix } from '../../helpers/redis-test.js';

const HOOK = resolve(REPO_ROOT, 'test/helpers/module-log-hook.mjs');
let fake: FakeSlack;
let dir: string;

beforeAll(async () => {
  fake = await startFakeSlack();
  dir = mkdtempSync(join(tmpdir(), 'vpcep-slack-mode-'));
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the built bot with the module log hook until `ready` says so; returns the modules it loaded. */
async function loadedModules(
  env: Record<string, string>,
  ready: (output: string) => boolean,
): Promise<string[]> {
  const log = join(dir, `${uniquePrefix('modules')}.log`.replace(/:/g, '-'));
  const proc = spawn(process.execPath, ['--import', HOOK, MAIN], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', MODULE_LOG: log, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout?.on('data', (d) => {
    output += String(d);
  });
  proc.stderr?.on('data', (d) => {
    output += String(d);
  });
  try {
    const deadline = Date.now() + 20_000;
    while (!ready(output)) {
      if (proc.exitCode !== null) throw new Error(`the bot exited with ${proc.exitCode}:\n${output}`);
      if (Date.now() > deadline) throw new Error(`the bot did not get ready:\n${output}`);
      await sleep(100);
    }
    return readFileSync(log, 'utf8').split('\n').filter(Boolean);
  } finally {
    proc.kill('SIGTERM');
    await exited(proc);
  }
}

const ours = (modules: string[]) => modules.filter((url) => url.includes('/dist/'));

describe('Slack mode and the playground switch', () => {
  it('should load no playground module when SLACK_BOT_TOKEN is set', async () => {
    const modules = await loadedModules(
      {
        SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: fake.apiUrl,
        REDIS_URL: testRedisUrl(),
        REDIS_KEY_PREFIX: uniquePrefix('slack-mode'),
        PORT: String(await freePort()),
      },
      (output) => output.includes('vpcep-bot ready'),
    );
    expect(ours(modules).some((url) => url.endsWith('/dist/app.js'))).toBe(true);
    expect(ours(modules).filter((url) => url.includes('/dist/playground/'))).toEqual([]);
  });

  it('should load no sandbox module either when the cloud is OTC (credentials set)', async () => {
    const modules = await loadedModules(
      {
        SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: fake.apiUrl,
        REDIS_URL: testRedisUrl(),
        REDIS_KEY_PREFIX: uniquePrefix('otc-mode'),
        PORT: String(await freePort()),
        OTC_REGION: 'eu-de',
        OTC_PROJECT_ID: '0123456789abcdef0123456789abcdef',
        OTC_ACCESS_KEY: 'AKTESTONLY',
        OTC_SECRET_KEY: 'sk-test-only',
        // Nothing listens there: the bot starts all the same, and only the load of modules matters here.
        OTC_ENDPOINT_TEMPLATE: `http://127.0.0.1:${await freePort()}`,
      },
      (output) => output.includes('vpcep-bot ready'),
    );
    expect(ours(modules).some((url) => url.endsWith('/dist/cloud/otc/project-cloud.js'))).toBe(true);
    expect(ours(modules).filter((url) => url.includes('/dist/cloud/sandbox/'))).toEqual([]);
    expect(ours(modules).filter((url) => url.includes('/dist/playground/'))).toEqual([]);
  });

  it('should load the playground when no token is set (so the check above can see it)', async () => {
    const modules = await loadedModules(
      {
        REDIS_URL: testRedisUrl(),
        REDIS_KEY_PREFIX: uniquePrefix('playground-mode'),
        PORT: String(await freePort()),
        PLAYGROUND_PORT: '0',
      },
      (output) => output.includes('playground: open http://127.0.0.1:'),
    );
    expect(ours(modules).some((url) => url.endsWith('/dist/playground/index.js'))).toBe(true);
  });

  it('should fail with the configuration error when PLAYGROUND=off and no token is set', async () => {
    const { proc, output } = spawnBot({ PLAYGROUND: 'off', REDIS_URL: testRedisUrl() }, dir);
    expect(await exited(proc)).toBe(1);
    expect(output()).toContain('Invalid configuration');
    expect(output()).toContain('SLACK_BOT_TOKEN: required');
    expect(output()).not.toContain('playground: open');
  });

  it('should name PLAYGROUND when it is neither on nor off', async () => {
    const { proc, output } = spawnBot({ PLAYGROUND: 'of', REDIS_URL: testRedisUrl() }, dir);
    expect(await exited(proc)).toBe(1);
    expect(output()).toContain('PLAYGROUND: expected on or off, got "of"');
  });
});
