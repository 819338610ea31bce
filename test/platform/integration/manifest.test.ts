/**
 * The manifests and the code agree: every command, custom step and bot event in a manifest has a
 * listener, and every listener the app registers is declared in both manifests.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { App } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type FakeSlack, startFakeSlack } from '#src/playground/slack/index.js';
import { startTestBot, TEST_SIGNING_SECRET, type TestBot } from '../../helpers/bot-harness.js';
import { createSlackDriver } from '../../helpers/slack-driver.js';

interface Manifest {
  features: { slash_commands: { command: string; should_escape: boolean; url?: string }[] };
  settings: {
    event_subscriptions: { bot_events: string[]; request_url?: string };
    interactivity: { is_enabled: boolean; request_url?: string; message_menu_options_url?: string };
    socket_mode_enabled: boolean;
    org_deploy_enabled: boolean;
    function_runtime: string;
  };
  oauth_config: { scopes: { bot: string[] } };
  functions: Record<
    string,
    {
      input_parameters: { properties: Record<string, { type: string }>; required: string[] };
      output_parameters: { properties: Record<string, { type: string }>; required: string[] };
    }
  >;
}

const load = (name: string) =>
  parse(readFileSync(resolve(import.meta.dirname, '../../../manifests/slack', name), 'utf8')) as Manifest;
const manifests = { socket: load('manifest.socket.yaml'), http: load('manifest.http.yaml') };

/** Records the events and custom steps the app registers with Bolt, by wrapping Bolt's methods. */
function recordRegistrations(app: App): { functions: string[]; events: string[] } {
  const seen = { functions: [] as string[], events: [] as string[] };
  const wrap = <K extends 'function' | 'event'>(method: K, into: string[]) => {
    const original = app[method] as (...args: unknown[]) => unknown;
    (app as unknown as Record<string, unknown>)[method] = function (this: App, ...args: unknown[]) {
      into.push(String(args[0]));
      return original.apply(this, args);
    };
  };
  wrap('function', seen.functions);
  wrap('event', seen.events);
  return seen;
}

describe('the Slack app manifests', () => {
  let fake: FakeSlack;
  let bot: TestBot;
  let registered: { functions: string[]; events: string[] };

  beforeAll(async () => {
    fake = await startFakeSlack();
    const { App: BoltApp } = await import('@slack/bolt');
    const proto = BoltApp.prototype as unknown as App;
    const originals = { function: proto.function, event: proto.event };
    registered = recordRegistrations(proto);
    try {
      bot = await startTestBot({ apiUrl: fake.apiUrl });
    } finally {
      for (const [method, original] of Object.entries(originals))
        (proto as unknown as Record<string, unknown>)[method] = original;
    }
  });
  afterAll(async () => {
    await bot.stop();
    await fake.close();
  });

  it.each(Object.entries(manifests))(
    '%s: should declare exactly the commands, steps and events the app listens to',
    (_name, manifest) => {
      expect(manifest.features.slash_commands.map((c) => c.command).sort()).toEqual(
        [...bot.bot.slashCommands].sort(),
      );
      expect(Object.keys(manifest.functions).sort()).toEqual([...new Set(registered.functions)].sort());
      const declaredEvents = manifest.settings.event_subscriptions.bot_events.filter(
        (e) => e !== 'function_executed',
      );
      expect([...declaredEvents].sort()).toEqual([...new Set(registered.events)].sort());
    },
  );

  it.each(Object.entries(manifests))(
    '%s: should escape mentions and allow org-wide custom steps',
    (_name, manifest) => {
      expect(manifest.features.slash_commands.every((c) => c.should_escape)).toBe(true);
      expect(manifest.settings.org_deploy_enabled).toBe(true);
      expect(manifest.settings.function_runtime).toBe('remote');
      expect(manifest.settings.interactivity.is_enabled).toBe(true);
      expect(manifest.settings.event_subscriptions.bot_events).toEqual(
        expect.arrayContaining(['app_home_opened', 'function_executed']),
      );
      expect(manifest.oauth_config.scopes.bot).toEqual(
        expect.arrayContaining([
          'commands',
          'chat:write',
          'chat:write.public',
          'users:read',
          'usergroups:read',
        ]),
      );
    },
  );

  it('should declare the custom step of DESIGN §2.4', () => {
    const step = manifests.socket.functions.route_connection_approval;
    expect(step?.input_parameters.properties).toEqual({
      service_id: expect.objectContaining({ type: 'string' }),
      endpoint_id: expect.objectContaining({ type: 'string' }),
      requester: expect.objectContaining({ type: 'slack#/types/user_id' }),
      reason: expect.objectContaining({ type: 'string' }),
    });
    expect([...(step?.input_parameters.required ?? [])].sort()).toEqual(['endpoint_id', 'service_id']);
    expect(step?.output_parameters.properties).toEqual({
      decision: expect.objectContaining({ type: 'string' }),
      approver: expect.objectContaining({ type: 'slack#/types/user_id' }),
      endpoint_id: expect.objectContaining({ type: 'string' }),
    });
    expect(manifests.http.functions).toEqual(manifests.socket.functions);
  });

  it('should point every HTTP-mode URL at /slack/events and none in Socket Mode', () => {
    const http = manifests.http;
    expect(http.settings.socket_mode_enabled).toBe(false);
    for (const url of [
      http.features.slash_commands[0]?.url,
      http.settings.interactivity.request_url,
      http.settings.interactivity.message_menu_options_url,
      http.settings.event_subscriptions.request_url,
    ]) {
      expect(url).toMatch(/\/slack\/events$/);
    }
    const socket = manifests.socket;
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(socket.features.slash_commands[0]?.url).toBeUndefined();
    expect(socket.settings.interactivity.request_url).toBeUndefined();
  });

  it('should answer every declared command with a 200 from a real listener', async () => {
    const slack = createSlackDriver({ baseUrl: bot.baseUrl, signingSecret: TEST_SIGNING_SECRET, fake });
    for (const { command } of manifests.socket.features.slash_commands) {
      const response = await slack.command({ command, text: 'help', userId: 'U0ALICE', channelId: 'C0OPS' });
      expect(response.status).toBe(200);
      expect((response.body as { text: string }).text.length).toBeGreaterThan(0);
    }
  });
});
