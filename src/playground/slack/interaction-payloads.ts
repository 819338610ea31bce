/**
 * Pure builders of what Slack sends to `/slack/events` (and inside Socket Mode envelopes): slash
 * commands, `block_actions`, `view_submission`, `view_closed` and `block_suggestion` payloads. Trigger
 * ids and response_urls come from the caller (usually the fake: `fake.issueTriggerId()`).
 */
import type { ViewOutput } from '@slack/bolt';
import { FAKE_TEAM, newTriggerId } from './ids.js';
import { buildStateValues, findElement, type StateValuesInput, selectedOption } from './state-values.js';

/** The legacy verification token Slack still puts in payloads. */
export const VERIFICATION_TOKEN = 'fake-verification-token';

type Json = Record<string, unknown>;

/** Who acts and where the trigger and response_url come from. */
export interface InteractionBase {
  userId: string;
  userName?: string;
  teamId?: string;
  triggerId?: string;
}

function team(teamId: string = FAKE_TEAM.teamId): Json {
  return { id: teamId, domain: FAKE_TEAM.teamDomain };
}

function user(input: InteractionBase): Json {
  const name = input.userName ?? input.userId.toLowerCase();
  return { id: input.userId, username: name, name, team_id: input.teamId ?? FAKE_TEAM.teamId };
}

/** Fields of a slash command. */
export interface SlashCommandInput extends InteractionBase {
  text?: string;
  channelId: string;
  channelName?: string;
  command?: string;
  responseUrl: string;
}

/** A slash command's form fields, exactly the ones Slack sends (all strings). */
export function slashCommandPayload(input: SlashCommandInput): Record<string, string> {
  return {
    token: VERIFICATION_TOKEN,
    team_id: input.teamId ?? FAKE_TEAM.teamId,
    team_domain: FAKE_TEAM.teamDomain,
    channel_id: input.channelId,
    channel_name: input.channelName ?? input.channelId.toLowerCase(),
    user_id: input.userId,
    user_name: input.userName ?? input.userId.toLowerCase(),
    command: input.command ?? '/vpcep',
    text: input.text ?? '',
    api_app_id: FAKE_TEAM.appId,
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: input.triggerId ?? newTriggerId(),
  };
}

/** A view as the bot sent it (e.g. `fake.currentView(id)`), completed into Slack's `ViewOutput`. */
export function viewOutput(view: Json, values?: StateValuesInput): ViewOutput {
  const state = values ? { values: buildStateValues(values, view.blocks) } : (view.state ?? { values: {} });
  return {
    id: 'V0000000000',
    team_id: FAKE_TEAM.teamId,
    app_id: FAKE_TEAM.appId,
    app_installed_team_id: FAKE_TEAM.teamId,
    bot_id: FAKE_TEAM.botId,
    hash: '1700000000.00000000',
    private_metadata: '',
    callback_id: '',
    external_id: '',
    root_view_id: null,
    previous_view_id: null,
    clear_on_close: false,
    notify_on_close: false,
    close: null,
    submit: null,
    ...view,
    state,
  } as unknown as ViewOutput;
}

/** One clicked or changed element, in shorthand; missing fields come from the element in the blocks. */
export interface ActionInput {
  action_id: string;
  block_id?: string;
  type?: string;
  value?: string;
  selected_option?: string | Json;
  selected_options?: Array<string | Json>;
  [key: string]: unknown;
}

/** A message the action happened in (e.g. `fake.message(channel, ts)`). */
export interface MessageInput {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  user?: string;
  thread_ts?: string;
}

/** Input of `blockActionsPayload`. */
export interface BlockActionsInput extends InteractionBase {
  actions: ActionInput[];
  /** The view the action happened in (modal or Home). */
  view?: Json;
  /** The message the action happened in. */
  message?: MessageInput;
  /** The message is ephemeral (only the acting user sees it). */
  ephemeral?: boolean;
  /** Channel of the message (defaults to `message.channel`). */
  channelId?: string;
  /** Overrides the computed `container`. */
  container?: Json;
  /** `state.values` of the view or message, in shorthand. */
  values?: StateValuesInput;
  /** Only for message actions (Slack sends no response_url for actions in views). */
  responseUrl?: string;
  /** Function-scoped interactivity: the step execution the message belongs to. */
  functionData?: { execution_id: string; inputs: Json; callback_id?: string };
  botAccessToken?: string;
}

function completeAction(action: ActionInput, blocks: unknown): Json {
  const found = findElement(blocks, action.action_id, action.block_id);
  if (!found && !action.type)
    throw new Error(
      `block_actions: ${action.action_id} is not in the view/message; pass "type" to send it anyway`,
    );
  const element = found?.element;
  const type = action.type ?? String(element?.type);
  const out: Json = {
    type,
    block_id: found?.blockId ?? action.block_id ?? '',
    action_ts: `${Date.now() / 1000}`,
  };
  if (type === 'button')
    Object.assign(out, { text: element?.text, value: element?.value, style: element?.style });
  const { selected_option, selected_options, ...rest } = action;
  if (typeof selected_option === 'string') out.selected_option = selectedOption(element, selected_option);
  else if (selected_option) out.selected_option = selected_option;
  if (selected_options)
    out.selected_options = selected_options.map((o) =>
      typeof o === 'string' ? selectedOption(element, o) : o,
    );
  return { ...out, ...rest, type };
}

/** A `block_actions` payload from a message or a view. */
export function blockActionsPayload(input: BlockActionsInput): Json {
  const blocks = input.view?.blocks ?? input.message?.blocks ?? [];
  const channelId = input.channelId ?? input.message?.channel;
  const payload: Json = {
    type: 'block_actions',
    user: user(input),
    api_app_id: FAKE_TEAM.appId,
    token: VERIFICATION_TOKEN,
    trigger_id: input.triggerId ?? newTriggerId(),
    team: team(input.teamId),
    enterprise: null,
    is_enterprise_install: false,
    actions: input.actions.map((action) => completeAction(action, blocks)),
  };
  if (input.view) {
    payload.container = input.container ?? { type: 'view', view_id: input.view.id };
    payload.view = viewOutput(input.view, input.values);
  }
  if (input.message) {
    const { channel, ...message } = input.message;
    payload.container = input.container ?? {
      type: 'message',
      message_ts: message.ts,
      channel_id: channel,
      is_ephemeral: input.ephemeral ?? false,
    };
    payload.message = {
      type: 'message',
      user: FAKE_TEAM.botUserId,
      bot_id: FAKE_TEAM.botId,
      team: FAKE_TEAM.teamId,
      ...message,
    };
    payload.state = { values: input.values ? buildStateValues(input.values, message.blocks) : {} };
  }
  if (channelId) payload.channel = { id: channelId, name: channelId.toLowerCase() };
  if (input.responseUrl) payload.response_url = input.responseUrl;
  if (input.functionData) {
    const { callback_id, ...data } = input.functionData;
    payload.function_data = { ...data, function: { callback_id: callback_id ?? '' } };
    payload.bot_access_token = input.botAccessToken;
    payload.interactivity = {
      interactor: { id: input.userId, secret: 'fake-secret' },
      interactivity_pointer: payload.trigger_id,
    };
  }
  return payload;
}

/** Input of `viewSubmissionPayload`. */
export interface ViewSubmissionInput extends InteractionBase {
  /** The view as the bot last sent it, e.g. `fake.currentView(id)`. */
  view: Json;
  /** `state.values` in shorthand (default: the view's own state). */
  values?: StateValuesInput;
}

/** A `view_submission` payload. */
export function viewSubmissionPayload(input: ViewSubmissionInput): Json {
  return {
    type: 'view_submission',
    team: team(input.teamId),
    user: user(input),
    api_app_id: FAKE_TEAM.appId,
    token: VERIFICATION_TOKEN,
    trigger_id: input.triggerId ?? newTriggerId(),
    view: viewOutput(input.view, input.values),
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** A `view_closed` payload (sent only for views with `notify_on_close: true`). */
export function viewClosedPayload(input: InteractionBase & { view: Json; isCleared?: boolean }): Json {
  return {
    type: 'view_closed',
    team: team(input.teamId),
    user: user(input),
    api_app_id: FAKE_TEAM.appId,
    token: VERIFICATION_TOKEN,
    view: viewOutput(input.view),
    is_cleared: input.isCleared ?? false,
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** Input of `blockSuggestionPayload` (an `external_select` asking for options). */
export interface BlockSuggestionInput extends InteractionBase {
  actionId: string;
  blockId: string;
  value: string;
  view?: Json;
}

/** A `block_suggestion` payload. */
export function blockSuggestionPayload(input: BlockSuggestionInput): Json {
  return {
    type: 'block_suggestion',
    user: user(input),
    team: team(input.teamId),
    api_app_id: FAKE_TEAM.appId,
    token: VERIFICATION_TOKEN,
    action_id: input.actionId,
    block_id: input.blockId,
    value: input.value,
    enterprise: null,
    is_enterprise_install: false,
    ...(input.view
      ? { container: { type: 'view', view_id: input.view.id }, view: viewOutput(input.view) }
      : {}),
  };
}
