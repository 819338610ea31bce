/**
 * Shapes shared by the fake Slack Web API: recorded calls, Slack-style answers, limit issues and faults.
 */

/** Arguments of a Web API call after parsing (JSON-string fields such as `view` or `blocks` are objects). */
export type SlackArgs = Record<string, unknown>;

/** A Web API answer in Slack's shape: `{ ok: true, … }` or `{ ok: false, error, … }`. */
export interface SlackResponse {
  ok: boolean;
  error?: string;
  [key: string]: unknown;
}

/** One recorded Web API call, in arrival order. */
export interface SlackCall {
  /** Position in the call log (0-based, never reused until `reset()`). */
  readonly index: number;
  readonly method: string;
  /** Token from `Authorization: Bearer …` or the `token` field; `undefined` when none was sent. */
  readonly token: string | undefined;
  readonly args: SlackArgs;
  /** Epoch milliseconds when the request arrived. */
  readonly at: number;
  /** HTTP status the fake answered with. */
  readonly status: number;
  /** The body the fake answered with. */
  readonly response: SlackResponse;
}

/** One problem found by the Block Kit limit checks: a JSON pointer into the payload and what is wrong. */
export interface LimitIssue {
  readonly path: string;
  readonly message: string;
}

/** A limit failure: the Slack error code and every issue behind it. */
export interface LimitFailure {
  readonly error: string;
  readonly issues: readonly LimitIssue[];
}

/** A call (or response_url post, or view_submission ack) the fake refused because of a limit. */
export interface Rejection {
  /** Web API method, `response_url` or `view_submission.ack`. */
  readonly method: string;
  readonly error: string;
  /** Slack-style `[ERROR] … [json-pointer:/…]` lines. */
  readonly messages: readonly string[];
  readonly args: SlackArgs;
  readonly at: number;
}

/** What the next call(s) of a method answer instead of the real thing. */
export type FaultSpec =
  | { readonly status: 429; readonly retryAfter: number }
  | { readonly status: 500 | 502 | 503 | 504 }
  | { readonly error: string };
