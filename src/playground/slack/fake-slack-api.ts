/**
 * The test-facing interface of the fake Slack Web API (see `startFakeSlack`).
 */
import type { WaitOptions } from './call-log.js';
import type { FakeChannel, FakeUser, FakeUsergroup } from './directory.js';
import type { FaultSpec, LimitIssue, Rejection, SlackCall } from './emulator-types.js';
import type { FunctionExecution } from './function-executions.js';
import type { EphemeralMessage, StoredMessage } from './message-store.js';
import type { ResponsePost, ResponseUrlContext } from './response-urls.js';
import type { FakeSlackState } from './state.js';
import type { TriggerContext } from './triggers.js';
import type { StoredView } from './view-store.js';

/** A running fake Slack Web API. */
export interface FakeSlack {
  /** `http://127.0.0.1:<port>/api/` — give it to the bot as `SLACK_API_URL` / `clientOptions.slackApiUrl`. */
  readonly apiUrl: string;
  /** `http://127.0.0.1:<port>` (response_urls live under `/response/<id>`). */
  readonly baseUrl: string;
  readonly port: number;
  /** The raw state, for the rare test that needs more than the helpers below. */
  readonly state: FakeSlackState;
  close(): Promise<void>;

  /** Recorded calls, optionally of one method. */
  calls(method?: string): SlackCall[];
  lastCall(method: string): SlackCall | undefined;
  /** Resolves with the first call of `method` matching `predicate` (already recorded or still to come). */
  waitForCall(
    method: string,
    predicate?: (call: SlackCall) => boolean,
    options?: number | WaitOptions,
  ): Promise<SlackCall>;
  /** Number of calls so far: pass it as `since` to wait only for later calls. */
  callCount(): number;
  /** Forgets calls, rejections, faults, latencies, messages, views, triggers, response_urls, executions. */
  reset(): void;

  /** Calls (and response_url posts, view_submission acks) refused for a limit or a malformed payload. */
  rejections(): Rejection[];
  /** Throws, listing every rejection, if there is any. */
  assertNoRejections(): void;

  /** The next `count` calls of `method` (`*`: any, `response_url`: response_url posts) answer with `spec`. */
  failNext(method: string, spec: FaultSpec, count?: number): void;
  /** Drops the faults still planned for `method`; the call log and everything else stay. */
  clearFaults(method: string): void;
  /**
   * Delays answers of `method` (`*`: any) by `ms`. With `lostIfCallerGone`, a held call whose caller
   * hangs up before the delay ends never reaches Slack (not answered, not recorded, no effect).
   */
  setLatency(method: string, ms: number, options?: { lostIfCallerGone?: boolean }): void;
  /** Answers calls with this token `token_revoked`. */
  revokeToken(token: string): void;

  currentView(viewId: string): StoredView | undefined;
  /** Modal views currently open (in any stack; only `userId`'s when given, if the trigger named the user), oldest first. */
  openViews(userId?: string): StoredView[];
  homeView(userId: string): StoredView | undefined;
  /** Sets `state.values` of a view, as if the user had filled it in. */
  setViewState(viewId: string, values: Record<string, Record<string, unknown>>): void;
  /** Pure check of a view_submission ack body against the submitted view (empty: Slack accepts it). */
  checkViewErrorsResponse(view: unknown, ackBody: unknown): LimitIssue[];
  /** Does what Slack does with a view_submission ack (close, errors, update, push, clear); returns refusals. */
  applyViewSubmissionAck(viewId: string, ackBody: unknown): LimitIssue[];
  /** Checks the content of an HTTP ack (a command's message, or a `block_suggestion`'s options) and records refusals. */
  checkAck(kind: 'command' | 'options', ackBody: unknown): LimitIssue[];
  /** The user closed the view (or the whole stack with `clear`). */
  closeView(viewId: string, options?: { clear?: boolean }): void;

  /** The current content of a message, `undefined` when never posted or deleted. */
  message(channel: string, ts: string): StoredMessage | undefined;
  /** Current messages of a channel (thread replies included), oldest first. */
  messages(channel: string): StoredMessage[];
  replies(channel: string, threadTs: string): StoredMessage[];
  ephemerals(channel?: string): EphemeralMessage[];
  /** Posts to response_urls; `id` may be the id or the whole URL. */
  responses(id?: string): ResponsePost[];

  addUser(user: FakeUser): void;
  setUsergroup(id: string, group: Omit<FakeUsergroup, 'id'>): void;
  addChannel(channel: FakeChannel): void;
  /** Makes every call on this channel (or user id) fail with `error`; `undefined` clears it. */
  setChannelError(id: string, error: string | undefined): void;
  /** Whether unknown well-formed user / channel ids count as existing (default true for both). */
  setStrictness(options: { autoUsers?: boolean; autoChannels?: boolean }): void;

  /** A trigger id valid for 3 s from `issuedAtMs` (default now), single use. */
  issueTriggerId(context?: TriggerContext, issuedAtMs?: number): string;
  /** A response_url (`${baseUrl}/response/<id>`) for an interaction. */
  issueResponseUrl(context: ResponseUrlContext): string;
  /** Starts a custom step execution: its ids and its `xwfp-` token (random unless given). */
  startFunctionExecution(
    callbackId: string,
    inputs?: Record<string, unknown>,
    ids?: { executionId?: string; botAccessToken?: string },
  ): FunctionExecution;
  functionExecution(executionId: string): FunctionExecution | undefined;

  /** Calls `listener` after every Web API call and response_url post; returns the unsubscribe. */
  onActivity(listener: () => void): () => void;

  /** Makes `apps.connections.open` answer with this Socket Mode server's URL. */
  attachSocketMode(server: { readonly url: string }): void;
}
