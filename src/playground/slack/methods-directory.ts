/**
 * users.*, usergroups.* and conversations.*: answers from the fake directory and message store.
 */

import { slackChannel } from './directory-shapes.js';
import { slackMessage } from './message-store.js';
import { argFlag, argString, fail, type MethodHandler, ok, paginate } from './method-kit.js';
import { isResponse, resolveChannel } from './methods-chat.js';

const usersInfo: MethodHandler = ({ args, state }) => {
  const user = state.directory.user(argString(args, 'user') ?? '');
  return user ? ok({ user }) : fail('user_not_found');
};

const usersList: MethodHandler = ({ args, state }) => {
  const { page, response_metadata } = paginate(state.directory.allUsers(), args);
  return ok({ members: page, cache_ts: Math.floor(Date.now() / 1000), response_metadata });
};

const usersLookupByEmail: MethodHandler = ({ args, state }) => {
  const email = argString(args, 'email');
  const found = [...state.directory.users.values()].find((u) => email !== undefined && u.email === email);
  return found ? ok({ user: state.directory.user(found.id) }) : fail('users_not_found');
};

const usergroupsList: MethodHandler = ({ args, state }) => {
  const withUsers = argFlag(args, 'include_users');
  const usergroups = [...state.directory.usergroups.values()].map((g) => ({
    id: g.id,
    team_id: 'T0TEST',
    is_usergroup: true,
    name: g.name,
    handle: g.handle,
    description: g.description ?? '',
    user_count: g.users.length,
    ...(withUsers ? { users: [...g.users] } : {}),
  }));
  return ok({ usergroups });
};

const usergroupsUsersList: MethodHandler = ({ args, state }) => {
  const group = state.directory.usergroups.get(argString(args, 'usergroup') ?? '');
  return group ? ok({ users: [...group.users] }) : fail('no_such_subteam');
};

const conversationsInfo: MethodHandler = ({ args, state }) => {
  const channel = resolveChannel(state, argString(args, 'channel'));
  return isResponse(channel) ? channel : ok({ channel: slackChannel(channel) });
};

const conversationsOpen: MethodHandler = ({ args, state }) => {
  const users = (argString(args, 'users') ?? '').split(',').filter(Boolean);
  const first = users[0];
  if (users.length !== 1 || !first)
    return fail('invalid_arguments', 'the fake opens DMs with exactly one user');
  if (!state.directory.user(first)) return fail('user_not_found');
  return ok({ channel: { id: state.directory.openDm(first).id } });
};

const conversationsJoin: MethodHandler = ({ args, state }) => {
  const found = state.directory.channel(argString(args, 'channel') ?? '');
  if ('error' in found) return fail(found.error);
  if (found.channel.is_private || found.channel.is_im) return fail('method_not_supported_for_channel_type');
  found.channel.is_member = true;
  return ok({ channel: slackChannel(found.channel) });
};

const conversationsMembers: MethodHandler = ({ args, state }) => {
  const channel = resolveChannel(state, argString(args, 'channel'));
  if (isResponse(channel)) return channel;
  const { page, response_metadata } = paginate(channel.members ?? [], args);
  return ok({ members: page, response_metadata });
};

const conversationsHistory: MethodHandler = ({ args, state }) => {
  const channel = resolveChannel(state, argString(args, 'channel'));
  if (isResponse(channel)) return channel;
  const topLevel = state.messages.list(channel.id).filter((m) => !m.thread_ts || m.thread_ts === m.ts);
  const { page, response_metadata } = paginate(topLevel.reverse().map(slackMessage), args);
  return ok({ messages: page, has_more: response_metadata.next_cursor !== '', response_metadata });
};

const conversationsReplies: MethodHandler = ({ args, state }) => {
  const channel = resolveChannel(state, argString(args, 'channel'));
  if (isResponse(channel)) return channel;
  const ts = argString(args, 'ts') ?? '';
  const parent = state.messages.get(channel.id, ts);
  if (!parent) return fail('thread_not_found');
  const thread = [parent, ...state.messages.replies(channel.id, ts)].map(slackMessage);
  const { page, response_metadata } = paginate(thread, args);
  return ok({ messages: page, has_more: response_metadata.next_cursor !== '', response_metadata });
};

/** Handlers of `users.*`, `usergroups.*` and `conversations.*`. */
export const DIRECTORY_METHODS: Readonly<Record<string, MethodHandler>> = {
  'users.info': usersInfo,
  'users.list': usersList,
  'users.lookupByEmail': usersLookupByEmail,
  'usergroups.list': usergroupsList,
  'usergroups.users.list': usergroupsUsersList,
  'conversations.info': conversationsInfo,
  'conversations.open': conversationsOpen,
  'conversations.join': conversationsJoin,
  'conversations.members': conversationsMembers,
  'conversations.history': conversationsHistory,
  'conversations.replies': conversationsReplies,
};
