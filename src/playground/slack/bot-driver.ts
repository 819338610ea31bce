/**
 * Drives a running bot the way Slack does: signed POSTs to `/slack/events` with Slack's exact content
 * types, trigger ids and response_urls issued by the fake Web API, and Slack's reaction to view_submission
 * acks (close, errors, update, push, clear) applied to the fake's view store.
 */

import type { LimitIssue } from './emulator-types.js';
import { type EventEnvelopeOptions, eventCallbackPayload, functionExecutedEvent } from './event-payloads.js';
import type { FakeSlack } from './fake-slack-api.js';
import type { FunctionExecution } from './function-executions.js';
import {
  type BlockActionsInput,
  type BlockSuggestionInput,
  blockActionsPayload,
  blockSuggestionPayload,
  type InteractionBase,
  type SlashCommandInput,
  slashCommandPayload,
  type ViewSubmissionInput,
  viewClosedPayload,
  viewSubmissionPayload,
} from './interaction-payloads.js';
import { FORM_CONTENT_TYPE, JSON_CONTENT_TYPE, nowSeconds, signSlackRequest } from './request-signer.js';

/** How to (mis)sign one request, for the 401 tests. */
export interface SendOptions {
  /** `x-slack-request-timestamp` (default now); e.g. `nowSeconds() - 600` for a stale request. */
  timestampSec?: number;
  /** Sign with this secret instead of the right one. */
  signingSecret?: string;
  /** Send this `x-slack-signature` verbatim. */
  signature?: string;
  /** Override the content type (e.g. with `; charset=utf-8`, which Bolt rejects). */
  contentType?: string;
  /** Extra headers (e.g. `x-slack-retry-num`). */
  headers?: Record<string, string>;
}

/** The bot's HTTP answer. */
export interface DriverResponse {
  status: number;
  /** Parsed JSON, or the text when the body is not JSON (`''` for an empty ack). */
  body: unknown;
  text: string;
  headers: Record<string, string>;
}

/** Options of `createSlackDriver`. */
export interface SlackDriverOptions {
  /** The bot's base URL, e.g. `http://127.0.0.1:<port>`. */
  baseUrl: string;
  signingSecret: string;
  fake: FakeSlack;
  teamId?: string;
  /** Default `/slack/events`. */
  path?: string;
}

type WithoutIssued<T> = Omit<T, 'triggerId' | 'responseUrl'> & { triggerIssuedAtMs?: number };

/** Sends Slack requests to a running bot. */
export interface SlackDriver {
  /** Posts the raw body, signed. */
  post(rawBody: string, contentType: string, send?: SendOptions): Promise<DriverResponse>;
  command(
    input: WithoutIssued<SlashCommandInput>,
    send?: SendOptions,
  ): Promise<DriverResponse & { triggerId: string; responseUrl: string }>;
  blockActions(
    input: WithoutIssued<BlockActionsInput>,
    send?: SendOptions,
  ): Promise<DriverResponse & { triggerId: string; responseUrl?: string }>;
  /** Submits a view; Slack's reaction to the ack is applied to the fake, `ackIssues` lists refusals. */
  viewSubmission(
    input: WithoutIssued<ViewSubmissionInput>,
    send?: SendOptions,
  ): Promise<DriverResponse & { ackIssues: LimitIssue[] }>;
  viewClosed(
    input: InteractionBase & { view: Record<string, unknown>; isCleared?: boolean },
    send?: SendOptions,
  ): Promise<DriverResponse>;
  blockSuggestion(input: BlockSuggestionInput, send?: SendOptions): Promise<DriverResponse>;
  event(
    event: Record<string, unknown>,
    options?: EventEnvelopeOptions & { retryNum?: number; retryReason?: string },
    send?: SendOptions,
  ): Promise<DriverResponse>;
  /** Starts a custom step execution in the fake and delivers its `function_executed` event. */
  functionExecuted(
    input: {
      callbackId: string;
      inputs: Record<string, unknown>;
      executionId?: string;
      botAccessToken?: string;
    },
    send?: SendOptions,
  ): Promise<DriverResponse & { execution: FunctionExecution }>;
  urlVerification(challenge: string, send?: SendOptions): Promise<DriverResponse>;
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** A driver for the bot at `options.baseUrl`. */
export function createSlackDriver(options: SlackDriverOptions): SlackDriver {
  const { fake } = options;
  const url = new URL(options.path ?? '/slack/events', options.baseUrl).toString();

  const post = async (
    rawBody: string,
    contentType: string,
    send: SendOptions = {},
  ): Promise<DriverResponse> => {
    const secret = send.signingSecret ?? options.signingSecret;
    const signed = signSlackRequest(
      secret,
      rawBody,
      send.timestampSec ?? nowSeconds(),
      send.contentType ?? contentType,
    );
    const headers: Record<string, string> = { ...signed, ...send.headers };
    if (send.signature !== undefined) headers['x-slack-signature'] = send.signature;
    const res = await fetch(url, { method: 'POST', headers, body: rawBody });
    const text = await res.text();
    return { status: res.status, body: parseBody(text), text, headers: Object.fromEntries(res.headers) };
  };
  const interactive = (payload: unknown, send?: SendOptions) =>
    post(formBody({ payload: JSON.stringify(payload) }), FORM_CONTENT_TYPE, send);
  const trigger = (userId: string, viewId: unknown, issuedAt?: number) =>
    fake.issueTriggerId({ userId, ...(typeof viewId === 'string' ? { viewId } : {}) }, issuedAt);
  const teamId = options.teamId;

  return {
    post,
    command: async (input, send) => {
      const triggerId = trigger(input.userId, undefined, input.triggerIssuedAtMs);
      const responseUrl = fake.issueResponseUrl({ channelId: input.channelId, userId: input.userId });
      const fields = slashCommandPayload({ teamId, ...input, triggerId, responseUrl });
      const res = await post(formBody(fields), FORM_CONTENT_TYPE, send);
      if (res.status === 200) fake.checkAck('command', res.body);
      return { ...res, triggerId, responseUrl };
    },
    blockActions: async (input, send) => {
      const triggerId = trigger(input.userId, input.view?.id, input.triggerIssuedAtMs);
      const message = input.message;
      const responseUrl = message
        ? fake.issueResponseUrl({
            channelId: message.channel,
            userId: input.userId,
            messageTs: message.ts,
            ...(input.ephemeral ? { ephemeral: true } : {}),
          })
        : undefined;
      const botAccessToken =
        input.botAccessToken ??
        (input.functionData
          ? fake.functionExecution(input.functionData.execution_id)?.botAccessToken
          : undefined);
      const payload = blockActionsPayload({ teamId, ...input, triggerId, responseUrl, botAccessToken });
      return { ...(await interactive(payload, send)), triggerId, ...(responseUrl ? { responseUrl } : {}) };
    },
    viewSubmission: async (input, send) => {
      const triggerId = trigger(input.userId, input.view.id, input.triggerIssuedAtMs);
      const res = await interactive(viewSubmissionPayload({ teamId, ...input, triggerId }), send);
      const viewId = typeof input.view.id === 'string' ? input.view.id : undefined;
      const ackIssues = res.status === 200 && viewId ? fake.applyViewSubmissionAck(viewId, res.body) : [];
      return { ...res, ackIssues };
    },
    viewClosed: async (input, send) => {
      const res = await interactive(viewClosedPayload({ teamId, ...input }), send);
      if (typeof input.view.id === 'string')
        fake.closeView(input.view.id, { clear: input.isCleared ?? false });
      return res;
    },
    blockSuggestion: async (input, send) => {
      const res = await interactive(blockSuggestionPayload({ teamId, ...input }), send);
      if (res.status === 200) fake.checkAck('options', res.body);
      return res;
    },
    event: (event, eventOptions = {}, send = {}) => {
      const { retryNum, retryReason, ...envelope } = eventOptions;
      const headers: Record<string, string> = { ...send.headers };
      if (retryNum !== undefined) {
        headers['x-slack-retry-num'] = String(retryNum);
        headers['x-slack-retry-reason'] = retryReason ?? 'http_timeout';
      }
      const body = JSON.stringify(eventCallbackPayload(event, { teamId, ...envelope }));
      return post(body, JSON_CONTENT_TYPE, { ...send, headers });
    },
    functionExecuted: async (input, send) => {
      const execution = fake.startFunctionExecution(input.callbackId, input.inputs, {
        ...(input.executionId ? { executionId: input.executionId } : {}),
        ...(input.botAccessToken ? { botAccessToken: input.botAccessToken } : {}),
      });
      const event = functionExecutedEvent({ ...execution, callbackId: input.callbackId });
      const body = JSON.stringify(eventCallbackPayload(event, { teamId }));
      return { ...(await post(body, JSON_CONTENT_TYPE, send)), execution };
    },
    urlVerification: (challenge, send) =>
      post(
        JSON.stringify({ token: 'fake-verification-token', challenge, type: 'url_verification' }),
        JSON_CONTENT_TYPE,
        send,
      ),
  };
}
