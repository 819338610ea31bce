/**
 * Fake Slack Web API for tests: answers the methods the bot uses, records every call, and refuses what
 * Slack refuses (Block Kit limits, triggers, response_url reuse). Start it with `startFakeSlack()`.
 */
export { checkMessage, checkView } from './block-kit-limits.js';
export type { SlackCall } from './emulator-types.js';
export { startFakeSlack } from './fake-slack.js';
export type { FakeSlack } from './fake-slack-api.js';
export { FAKE_TEAM } from './ids.js';
export type { StoredMessage } from './message-store.js';
export { restoreState, type SavedSlackState, saveState } from './saved-state.js';
export { checkViewErrorsResponse, inputBlockIds } from './view-ack.js';
export type { StoredView } from './view-store.js';
