/**
 * The Slack side of a measurement: the fake Slack Web API (in this process) and signed requests to the
 * app under test. Latency runs from just before the signed request leaves to the moment the fake records
 * the Web API call that answers it; the waiter is registered before sending, so the clock stops in the
 * same tick the call is recorded.
 */
import type { FakeSlack, SlackCall } from '#src/playground/slack/index.js';
import { createSlackDriver, type SlackDriver } from '../test/helpers/slack-driver.js';
import { slashCommandPayload } from '../test/helpers/slack-payloads.js';
import { FORM_CONTENT_TYPE } from '../test/helpers/slack-signer.js';
import { BENCH_SIGNING_SECRET } from './processes.js';

/** Slack gives an app 3 s to use a trigger. */
export const TRIGGER_WINDOW_MS = 3000;

export function driverFor(fake: FakeSlack, baseUrl: string): SlackDriver {
  return createSlackDriver({ baseUrl, signingSecret: BENCH_SIGNING_SECRET, fake });
}

/** One `/vpcep create`: ack status, latency to its `views.open`, and why it missed, if it did. */
export interface CreateSample {
  readonly ackStatus: number;
  /** Send → `views.open` with this trigger recorded by the fake; undefined when it never came. */
  readonly ms: number | undefined;
  /** Set when the trigger was missed: no views.open, a refused one, or one after 3 s. */
  readonly missed: string | undefined;
}

interface Arrival {
  readonly call?: SlackCall;
  readonly atMs: number;
  readonly error?: string;
}

function arrival(fake: FakeSlack, method: string, match: (call: SlackCall) => boolean, timeoutMs: number) {
  return fake.waitForCall(method, match, { timeoutMs, since: fake.callCount() }).then(
    (call): Arrival => ({ call, atMs: performance.now() }),
    (err: unknown): Arrival => ({ atMs: performance.now(), error: String(err) }),
  );
}

/** Sends `/vpcep create` as `userId` in `channelId` and waits for the modal it opens. */
export async function timedCreate(
  fake: FakeSlack,
  driver: SlackDriver,
  userId: string,
  channelId: string,
): Promise<CreateSample> {
  const issuedAt = Date.now();
  const triggerId = fake.issueTriggerId({ userId }, issuedAt);
  const responseUrl = fake.issueResponseUrl({ channelId, userId });
  const form = slashCommandPayload({ userId, channelId, text: 'create', triggerId, responseUrl });
  const opened = arrival(
    fake,
    'views.open',
    (c) => c.args.trigger_id === triggerId,
    TRIGGER_WINDOW_MS + 2000,
  );
  const started = performance.now();
  const res = await driver.post(new URLSearchParams(form).toString(), FORM_CONTENT_TYPE);
  const { call, atMs, error } = await opened;
  if (!call) return { ackStatus: res.status, ms: undefined, missed: error ?? 'no views.open' };
  const ms = atMs - started;
  if (!call.response.ok) return { ackStatus: res.status, ms, missed: `views.open: ${call.response.error}` };
  if (call.at - issuedAt > TRIGGER_WINDOW_MS)
    return { ackStatus: res.status, ms, missed: `views.open ${call.at - issuedAt} ms after the trigger` };
  return { ackStatus: res.status, ms, missed: undefined };
}

/** A message with one button, as the payload builders take it. */
export interface ButtonMessage {
  readonly channel: string;
  readonly ts: string;
  readonly blocks: unknown[];
  readonly text?: string;
  /** The click comes from an ephemeral message (Slack then sends only a response_url to act on it). */
  readonly ephemeral?: boolean;
}

function clickInput(userId: string, message: ButtonMessage, actionId: string) {
  const { ephemeral, ...visible } = message;
  return {
    userId,
    message: visible,
    actions: [{ action_id: actionId }],
    ...(ephemeral
      ? {
          container: {
            type: 'message',
            message_ts: message.ts,
            channel_id: message.channel,
            is_ephemeral: true,
          },
        }
      : {}),
  };
}

/** One button click: its HTTP ack status and how long the ack took. */
export interface ClickSample {
  readonly status: number;
  readonly ms: number;
}

/** Clicks `actionId` on `message` as `userId`; resolves when the app acknowledged. */
export async function timedClick(
  driver: SlackDriver,
  userId: string,
  message: ButtonMessage,
  actionId: string,
): Promise<ClickSample> {
  const started = performance.now();
  const res = await driver.blockActions(clickInput(userId, message, actionId));
  return { status: res.status, ms: performance.now() - started };
}

/** One click that should end in `chat.update` of every copy of its message. */
export interface UpdateSample {
  readonly ackStatus: number;
  /** Send → the last copy's `chat.update` recorded; undefined when one never came. */
  readonly ms: number | undefined;
  readonly error: string | undefined;
}

/**
 * Clicks `message` and waits for the `chat.update` that `updated` accepts of every one of `copies`
 * (the clicked message among them).
 */
export async function timedClickToUpdate(
  fake: FakeSlack,
  driver: SlackDriver,
  click: { readonly userId: string; readonly message: ButtonMessage; readonly actionId: string },
  copies: readonly { readonly channel: string; readonly ts: string }[],
  updated: (call: SlackCall) => boolean,
  timeoutMs: number,
): Promise<UpdateSample> {
  const done = copies.map((copy) =>
    arrival(
      fake,
      'chat.update',
      (c) => c.args.channel === copy.channel && c.args.ts === copy.ts && updated(c),
      timeoutMs,
    ),
  );
  const started = performance.now();
  const res = await driver.blockActions(clickInput(click.userId, click.message, click.actionId));
  const arrivals = await Promise.all(done);
  const last = Math.max(...arrivals.map((a) => a.atMs)) - started;
  const missing = arrivals.find((a) => !a.call);
  if (missing) return { ackStatus: res.status, ms: undefined, error: missing.error ?? 'no chat.update' };
  const refused = arrivals.find((a) => !a.call?.response.ok);
  if (refused) return { ackStatus: res.status, ms: last, error: String(refused.call?.response.error) };
  return { ackStatus: res.status, ms: last, error: undefined };
}

/**
 * Waits until the fake has seen no Web API call and no response_url post for `quietMs` (the apps'
 * background work settled), at most `maxMs`.
 */
export async function settle(fake: FakeSlack, quietMs = 800, maxMs = 20_000): Promise<void> {
  let since = performance.now();
  const unsubscribe = fake.onActivity(() => {
    since = performance.now();
  });
  try {
    const deadline = since + maxMs;
    while (performance.now() < deadline && performance.now() - since < quietMs)
      await new Promise((r) => setTimeout(r, 100));
  } finally {
    unsubscribe();
  }
}
