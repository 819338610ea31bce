/**
 * Fake Slack Web API for tests: answers the methods the bot uses, records every call, and refuses what
 * Slack refuses (Block Kit limits, triggers, response_url reuse). Start it with `startFakeSlack()`.
 */
export {
  checkMessage,
  checkView,
  formatIssue,
  MESSAGE_TEXT_MAX,
  VIEW_LIMITS,
} from './block-kit-limits.js';
export type { WaitOptions } from './call-log.js';
export type { FakeChannel, FakeUser, FakeUsergroup } from './directory.js';
export { type FakeSlackOptions, startFakeSlack } from './fake-slack.js';
export type { FakeSlack } from './fake-slack-api.js';
export type { FunctionExecution } from './function-executions.js';
export { FAKE_TEAM, newTriggerId, TRIGGER_TTL_MS } from './ids.js';
export type { EphemeralMessage, StoredMessage } from './message-store.js';
export { RESPONSE_URL_MAX_POSTS, type ResponsePost, type ResponseUrlContext } from './response-urls.js';
export { restoreState, type SavedSlackState, saveState } from './saved-state.js';
export type { FakeSlackState } from './state.js';
export type { TriggerContext } from './triggers.js';
export type {
  FaultSpec,
  LimitFailure,
  LimitIssue,
  Rejection,
  SlackArgs,
  SlackCall,
  SlackResponse,
} from './types.js';
export { checkViewErrorsResponse, inputBlockIds } from './view-ack.js';
export type { StoredView } from './view-store.js';
