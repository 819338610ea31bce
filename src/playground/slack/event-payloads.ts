/**
 * Pure builders of Events API callbacks (`event_callback` envelopes) and of the `function_executed`
 * event of a custom step (https://api.slack.com/events/function_executed).
 */
import { randomBytes } from 'node:crypto';
import { FAKE_TEAM } from './ids.js';
import { VERIFICATION_TOKEN } from './interaction-payloads.js';

type Json = Record<string, unknown>;

/** Options of an event envelope. */
export interface EventEnvelopeOptions {
  eventId?: string;
  teamId?: string;
  eventTime?: number;
}

/** A random `Ev…` event id. */
export function newEventId(): string {
  return `Ev${randomBytes(5).toString('hex').toUpperCase()}`;
}

/** An `event_callback` envelope around `event`, as Slack posts it to the Request URL. */
export function eventCallbackPayload(event: Json, options: EventEnvelopeOptions = {}): Json {
  const teamId = options.teamId ?? FAKE_TEAM.teamId;
  return {
    token: VERIFICATION_TOKEN,
    team_id: teamId,
    api_app_id: FAKE_TEAM.appId,
    event: { event_ts: `${Date.now() / 1000}`, ...event },
    type: 'event_callback',
    event_id: options.eventId ?? newEventId(),
    event_time: options.eventTime ?? Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: teamId,
        user_id: FAKE_TEAM.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-fake-${randomBytes(4).toString('hex')}`,
  };
}

/** Input of `functionExecutedEvent`. */
export interface FunctionExecutedInput {
  callbackId: string;
  inputs: Json;
  executionId: string;
  workflowExecutionId?: string;
  botAccessToken: string;
}

/** The `function_executed` event (put it in `eventCallbackPayload`). */
export function functionExecutedEvent(input: FunctionExecutedInput): Json {
  return {
    type: 'function_executed',
    function: {
      id: `Fn${randomBytes(4).toString('hex').toUpperCase()}`,
      callback_id: input.callbackId,
      title: input.callbackId,
      description: '',
      type: 'app',
      input_parameters: [],
      output_parameters: [],
      app_id: FAKE_TEAM.appId,
      date_created: 1_700_000_000,
      date_updated: 1_700_000_000,
      date_deleted: 0,
    },
    inputs: input.inputs,
    function_execution_id: input.executionId,
    workflow_execution_id: input.workflowExecutionId ?? `Wx${randomBytes(4).toString('hex').toUpperCase()}`,
    event_ts: `${Date.now() / 1000}`,
    bot_access_token: input.botAccessToken,
  };
}
