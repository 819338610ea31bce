import { describe, expect, it } from 'vitest';
import { eventCallbackPayload, functionExecutedEvent } from '../../helpers/slack-event-payloads.js';
import { blockActionsPayload, slashCommandPayload } from '../../helpers/slack-payloads.js';
import { computeSlackSignature, signSlackRequest } from '../../helpers/slack-signer.js';
import { buildStateValues } from '../../helpers/slack-state-values.js';
import { button, input, modal, options, plain, staticSelect } from './block-fixtures.js';

describe('request signer', () => {
  it("reproduces the signature of Slack's documented example", () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar' +
      '&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com' +
      '%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(computeSlackSignature('8f742231b10e8888abcd99yyyzzz85a5', 1531420618, body)).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
  });

  it('sends form bodies with the exact form content type and JSON bodies as application/json', () => {
    expect(signSlackRequest('s', 'a=b', 1)['content-type']).toBe('application/x-www-form-urlencoded');
    expect(signSlackRequest('s', '{"a":1}', 1)).toMatchObject({
      'content-type': 'application/json',
      'x-slack-request-timestamp': '1',
    });
  });
});

describe('payload builders', () => {
  it('builds a slash command with exactly the fields Slack sends', () => {
    const fields = slashCommandPayload({
      userId: 'U1',
      channelId: 'C1',
      text: 'list',
      responseUrl: 'http://x/response/1',
    });
    expect(Object.keys(fields).sort()).toEqual(
      [
        'api_app_id',
        'channel_id',
        'channel_name',
        'command',
        'is_enterprise_install',
        'response_url',
        'team_domain',
        'team_id',
        'text',
        'token',
        'trigger_id',
        'user_id',
        'user_name',
      ].sort(),
    );
    expect(fields.trigger_id).toMatch(/^trig\.\d+\./);
  });

  it('completes a button click from the element in the message, as Slack reports it', () => {
    const message = {
      channel: 'C1',
      ts: '1.000001',
      blocks: [{ type: 'actions', block_id: 'decision', elements: [button()] }],
    };
    const payload = blockActionsPayload({
      userId: 'U2',
      message,
      actions: [{ action_id: 'approve_action' }],
      responseUrl: 'u',
    });
    expect(payload.actions).toEqual([
      expect.objectContaining({
        type: 'button',
        block_id: 'decision',
        action_id: 'approve_action',
        value: 'approve',
        text: plain('Approve'),
      }),
    ]);
    expect(payload.container).toEqual({
      type: 'message',
      message_ts: '1.000001',
      channel_id: 'C1',
      is_ephemeral: false,
    });
    expect(payload).toMatchObject({ response_url: 'u', channel: { id: 'C1' }, state: { values: {} } });
  });

  it('resolves a selected option by value, and refuses actions that are not in the view', () => {
    const view = { id: 'V1', ...modal([input('region', staticSelect())]) };
    const payload = blockActionsPayload({
      userId: 'U1',
      view,
      actions: [{ action_id: 'region_select', selected_option: 'value_1' }],
    });
    expect(payload.actions).toEqual([
      expect.objectContaining({
        type: 'static_select',
        selected_option: { text: plain('Option 1'), value: 'value_1' },
      }),
    ]);
    expect(payload.response_url).toBeUndefined();
    expect(() => blockActionsPayload({ userId: 'U1', view, actions: [{ action_id: 'nope' }] })).toThrow(
      /not in the view/,
    );
  });

  it('adds function_data and the xwfp- token for function-scoped interactivity', () => {
    const message = {
      channel: 'C1',
      ts: '1.1',
      blocks: [{ type: 'actions', block_id: 'd', elements: [button()] }],
    };
    const payload = blockActionsPayload({
      userId: 'U1',
      message,
      actions: [{ action_id: 'approve_action' }],
      functionData: {
        execution_id: 'Fx1',
        inputs: { service_id: 's' },
        callback_id: 'route_connection_approval',
      },
      botAccessToken: 'xwfp-1',
    });
    expect(payload).toMatchObject({
      function_data: {
        execution_id: 'Fx1',
        inputs: { service_id: 's' },
        function: { callback_id: 'route_connection_approval' },
      },
      bot_access_token: 'xwfp-1',
    });
  });

  it('builds state.values in the shape of each element type', () => {
    const blocks = [
      input('name'),
      input('region', staticSelect()),
      input('owners', { type: 'multi_users_select', action_id: 'owners_select' }),
      input('when', { type: 'datepicker', action_id: 'date' }),
      input('flags', { type: 'checkboxes', action_id: 'flags_cb', options: options(3) }),
      input('count', { type: 'number_input', action_id: 'n', is_decimal_allowed: false }),
    ];
    const values = buildStateValues(
      {
        name: { name_input: 'svc-1' },
        region: { region_select: 'value_2' },
        owners: { owners_select: ['U1', 'U2'] },
        when: { date: '2026-01-31' },
        flags: { flags_cb: ['value_0'] },
        count: { n: '3' },
      },
      blocks,
    );
    expect(values).toEqual({
      name: { name_input: { type: 'plain_text_input', value: 'svc-1' } },
      region: {
        region_select: {
          type: 'static_select',
          selected_option: { text: plain('Option 2'), value: 'value_2' },
        },
      },
      owners: { owners_select: { type: 'multi_users_select', selected_users: ['U1', 'U2'] } },
      when: { date: { type: 'datepicker', selected_date: '2026-01-31' } },
      flags: {
        flags_cb: { type: 'checkboxes', selected_options: [{ text: plain('Option 0'), value: 'value_0' }] },
      },
      count: { n: { type: 'number_input', value: '3' } },
    });
  });

  it('wraps events in an event_callback envelope and builds function_executed as documented', () => {
    const event = functionExecutedEvent({
      callbackId: 'route_connection_approval',
      inputs: { a: 1 },
      executionId: 'Fx1',
      botAccessToken: 'xwfp-1',
    });
    const envelope = eventCallbackPayload(event, { eventId: 'Ev1' });
    expect(envelope).toMatchObject({
      type: 'event_callback',
      event_id: 'Ev1',
      team_id: 'T0TEST',
      event: {
        type: 'function_executed',
        function: { callback_id: 'route_connection_approval' },
        inputs: { a: 1 },
        function_execution_id: 'Fx1',
        workflow_execution_id: expect.stringMatching(/^Wx/),
        bot_access_token: 'xwfp-1',
      },
    });
  });
});
