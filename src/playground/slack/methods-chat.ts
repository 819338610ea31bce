/**
 * chat.postMessage, chat.update, chat.postEphemeral, chat.delete, chat.getPermalink: channel checks
 * (forced errors, DMs by user id), Block Kit limits, and the message store.
 */
import { checkMessage, limitResponse } from './block-kit-limits.js';
import type { FakeChannel } from './directory.js';
import type { SlackResponse } from './emulator-types.js';
import { FAKE_TEAM } from './ids.js';
import { slackMessage } from './message-store.js';
import { argString, fail, type MethodHandler, ok } from './method-kit.js';
import type { FakeSlackState } from './state.js';

/** The channel a call targets (a `U…` id posts into the DM with that user), or Slack's error. */
export function resolveChannel(
  state: FakeSlackState,
  value: string | undefined,
): FakeChannel | SlackResponse {
  if (!value) return fail('channel_not_found');
  if (/^[UW][A-Z0-9_]+$/.test(value)) {
    const forced = state.directory.channelErrors.get(value);
    if (forced) return fail(forced);
    return state.directory.user(value) ? state.directory.openDm(value) : fail('channel_not_found');
  }
  const found = state.directory.channel(value);
  if ('error' in found) return fail(found.error);
  if (found.channel.is_private && found.channel.is_member === false) return fail('channel_not_found');
  return found.channel;
}

/** True when `resolveChannel` answered with an error. */
export function isResponse(value: FakeChannel | SlackResponse): value is SlackResponse {
  return 'ok' in value;
}

const postMessage: MethodHandler = ({ args, state }) => {
  const channel = resolveChannel(state, argString(args, 'channel'));
  if (isResponse(channel)) return channel;
  const failure = checkMessage(args);
  if (failure) return limitResponse(failure);
  const message = state.messages.post(channel.id, args);
  return ok({ channel: channel.id, ts: message.ts, message: slackMessage(message) });
};

const update: MethodHandler = ({ args, state }) => {
  const channel = resolveChannel(state, argString(args, 'channel'));
  if (isResponse(channel)) return channel;
  const failure = checkMessage(args);
  if (failure) return limitResponse(failure);
  const ts = argString(args, 'ts') ?? '';
  const message = state.messages.update(channel.id, ts, args);
  if (!message) return fail('message_not_found');
  return ok({ channel: channel.id, ts, text: message.text ?? '', message: slackMessage(message) });
};

const postEphemeral: MethodHandler = ({ args, state }) => {
  const channel = resolveChannel(state, argString(args, 'channel'));
  if (isResponse(channel)) return channel;
  const user = argString(args, 'user');
  if (!user || !state.directory.user(user)) return fail('user_not_found');
  const failure = checkMessage(args);
  if (failure) return limitResponse(failure);
  return ok({
    message_ts: state.messages.postEphemeral(channel.id, user, args, 'chat.postEphemeral').message_ts,
  });
};

const remove: MethodHandler = ({ args, state }) => {
  const channel = resolveChannel(state, argString(args, 'channel'));
  if (isResponse(channel)) return channel;
  const ts = argString(args, 'ts') ?? '';
  return state.messages.delete(channel.id, ts) ? ok({ channel: channel.id, ts }) : fail('message_not_found');
};

const getPermalink: MethodHandler = ({ args, state }) => {
  const channel = resolveChannel(state, argString(args, 'channel'));
  if (isResponse(channel)) return channel;
  const ts = argString(args, 'message_ts') ?? '';
  if (!state.messages.get(channel.id, ts)) return fail('message_not_found');
  const permalink = `https://${FAKE_TEAM.teamDomain}.slack.com/archives/${channel.id}/p${ts.replace('.', '')}`;
  return ok({ channel: channel.id, permalink });
};

/** Handlers of the `chat.*` methods. */
export const CHAT_METHODS: Readonly<Record<string, MethodHandler>> = {
  'chat.postMessage': postMessage,
  'chat.update': update,
  'chat.postEphemeral': postEphemeral,
  'chat.delete': remove,
  'chat.getPermalink': getPermalink,
};
