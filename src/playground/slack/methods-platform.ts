/**
 * auth.test, apps.connections.open and the custom step completions functions.completeSuccess /
 * functions.completeError.
 */
import { FAKE_TEAM } from './ids.js';
import { argObject, argString, fail, type MethodHandler, ok } from './method-kit.js';

const authTest: MethodHandler = ({ token }) => {
  if (!token?.startsWith('xoxb-') && !token?.startsWith('xwfp-')) return fail('invalid_auth');
  return ok({
    url: `https://${FAKE_TEAM.teamDomain}.slack.com/`,
    team: FAKE_TEAM.teamName,
    user: FAKE_TEAM.botName,
    team_id: FAKE_TEAM.teamId,
    user_id: FAKE_TEAM.botUserId,
    bot_id: FAKE_TEAM.botId,
    is_enterprise_install: false,
  });
};

const connectionsOpen: MethodHandler = ({ state }) =>
  state.socketModeUrl
    ? ok({ url: state.socketModeUrl })
    : fail('internal_error', 'no fake Socket Mode server attached');

const completeSuccess: MethodHandler = ({ args, token, state }) => {
  const executionId = argString(args, 'function_execution_id');
  if (!executionId) return fail('invalid_arguments', 'function_execution_id is required');
  const outputs = argObject(args, 'outputs');
  if (!outputs) return fail('invalid_arguments', 'outputs must be a JSON object');
  const error = state.executions.complete(executionId, token, { kind: 'success', outputs });
  return error ? fail(error) : ok();
};

const completeError: MethodHandler = ({ args, token, state }) => {
  const executionId = argString(args, 'function_execution_id');
  if (!executionId) return fail('invalid_arguments', 'function_execution_id is required');
  const message = argString(args, 'error');
  if (!message) return fail('invalid_arguments', 'error is required');
  const error = state.executions.complete(executionId, token, { kind: 'error', error: message });
  return error ? fail(error) : ok();
};

/** Handlers of the platform methods. */
export const PLATFORM_METHODS: Readonly<Record<string, MethodHandler>> = {
  'auth.test': authTest,
  'apps.connections.open': connectionsOpen,
  'functions.completeSuccess': completeSuccess,
  'functions.completeError': completeError,
};
