import { App } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '#src/slack/app-context.js';
import { createDispatcher } from '#src/slack/dispatcher.js';

function boltApp() {
  return new App<AppContext>({
    signingSecret: 'dispatcher-test-secret',
    authorize: async () => ({ botToken: 'xoxb-dispatcher-test' }),
  });
}

const click = (actionId: string) => ({
  type: 'block_actions',
  team: { id: 'T0001' },
  user: { id: 'U0001' },
  actions: [{ action_id: actionId, type: 'button', block_id: 'b', action_ts: '1' }],
  token: 'legacy',
});

async function deliver(app: App<AppContext>, body: Record<string, unknown>) {
  let acked = false;
  await app.processEvent({
    body,
    ack: async () => {
      acked = true;
    },
  });
  return acked;
}

describe('the dispatcher', () => {
  it('should hand a click to the handler of its id, and a parameterised id to its pattern', async () => {
    const app = boltApp();
    const { routes, middleware } = createDispatcher(app);
    app.use(middleware);
    const seen: string[] = [];
    routes.action('approve', async ({ ack, action }) => {
      await ack();
      seen.push(`exact:${action.action_id}`);
    });
    routes.action(/^page_\d+$/, async ({ ack, action }) => {
      await ack();
      seen.push(`pattern:${action.action_id}`);
    });
    expect(await deliver(app, click('approve'))).toBe(true);
    expect(await deliver(app, click('page_7'))).toBe(true);
    expect(seen).toEqual(['exact:approve', 'pattern:page_7']);
  });

  it('should leave what it has no route for to the Bolt listeners', async () => {
    const app = boltApp();
    const { routes, middleware } = createDispatcher(app);
    app.use(middleware);
    routes.action('approve', async ({ ack }) => ack());
    const bolt: string[] = [];
    app.action('other', async ({ ack, action }) => {
      await ack();
      bolt.push((action as { action_id: string }).action_id);
    });
    expect(await deliver(app, click('other'))).toBe(true);
    expect(bolt).toEqual(['other']);
  });

  it('should tell a view submission from the closing of the same view', async () => {
    const app = boltApp();
    const { routes, middleware } = createDispatcher(app);
    app.use(middleware);
    const seen: string[] = [];
    routes.view('form', async ({ ack }) => {
      await ack();
      seen.push('submitted');
    });
    routes.viewClosed('form', async ({ ack }) => {
      await ack();
      seen.push('closed');
    });
    const view = { id: 'V1', callback_id: 'form', state: { values: {} } };
    for (const type of ['view_submission', 'view_closed'])
      await deliver(app, { type, team: { id: 'T0001' }, user: { id: 'U0001' }, view });
    expect(seen).toEqual(['submitted', 'closed']);
  });

  it('should hand a command and an options search everything Bolt gives a listener', async () => {
    const app = boltApp();
    const { routes, middleware } = createDispatcher(app);
    app.use(middleware);
    const seen: Record<string, unknown> = {};
    routes.command('/vpcep', async (args) => {
      await args.ack();
      seen.command = args.command.text;
      seen.respond = typeof args.respond;
      seen.say = typeof args.say;
      seen.client = typeof args.client.views.open;
      seen.token = args.context.botToken;
    });
    routes.options('pick', async ({ ack, options }) => {
      await ack({ options: [] });
      seen.options = options.value;
    });
    await deliver(app, {
      command: '/vpcep',
      text: 'create',
      team_id: 'T0001',
      user_id: 'U0001',
      channel_id: 'C0001',
      response_url: 'https://hooks.slack.com/commands/T0001/1/x',
      trigger_id: '1.2.3',
    });
    await deliver(app, {
      type: 'block_suggestion',
      action_id: 'pick',
      value: 'vp',
      team: { id: 'T0001' },
      user: { id: 'U0001' },
    });
    expect(seen).toEqual({
      command: 'create',
      respond: 'function',
      say: 'function',
      client: 'function',
      token: 'xoxb-dispatcher-test',
      options: 'vp',
    });
  });

  it('should refuse a second handler for the same id at start', () => {
    const { routes } = createDispatcher(boltApp());
    routes.command('/vpcep', async ({ ack }) => ack());
    expect(() => routes.command('/vpcep', async ({ ack }) => ack())).toThrow(
      'two handlers for the command /vpcep',
    );
  });
});
