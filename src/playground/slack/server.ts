/**
 * The HTTP side of the fake: `POST /api/<method>` (Web API) and `POST /response/<id>` (response_urls),
 * with latency, faults, recording of every call and of every refusal for a limit.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CallLog } from './call-log.js';
import type { SlackArgs, SlackResponse } from './emulator-types.js';
import { type FaultPlan, faultAnswer } from './faults.js';
import { parseApiRequest, parseResponseBody, readBody } from './http-body.js';
import { answerMethod } from './methods.js';
import type { FakeSlackState } from './state.js';

/** Errors that mean "Slack refused this payload" (limits and malformed payloads), listed by `rejections()`. */
export const LIMIT_ERRORS: ReadonlySet<string> = new Set([
  'invalid_blocks',
  'invalid_blocks_format',
  'invalid_arguments',
  'view_too_large',
  'msg_too_long',
  'no_text',
  'used_too_many_times',
]);

/** What the HTTP server needs from the fake. */
export interface ServerDeps {
  readonly state: FakeSlackState;
  readonly log: CallLog;
  readonly faults: FaultPlan;
  readonly revokedTokens: ReadonlySet<string>;
  /** Called after every answered Web API call and response_url post (the playground's live updates). */
  readonly notify: () => void;
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

function noteRejection(deps: ServerDeps, method: string, args: SlackArgs, response: SlackResponse): void {
  if (response.ok || !response.error || !LIMIT_ERRORS.has(response.error)) return;
  const meta = response.response_metadata as { messages?: string[] } | undefined;
  deps.log.reject({ method, error: response.error, messages: meta?.messages ?? [], args, at: Date.now() });
}

async function handleApi(
  deps: ServerDeps,
  method: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const at = Date.now();
  const { args, token } = parseApiRequest(req.headers, await readBody(req));
  const held = deps.faults.latency(method);
  if (held.ms > 0) {
    // Nothing is written before the delay ends, so a close now means the caller hung up.
    let hungUp = false;
    res.once('close', () => {
      hungUp = true;
    });
    await sleep(held.ms);
    if (held.lostIfCallerGone && hungUp) return;
  }
  const fault = deps.faults.take(method);
  const answer = fault
    ? faultAnswer(fault)
    : {
        status: 200,
        headers: {},
        body: answerMethod(method, { args, token, state: deps.state }, deps.revokedTokens),
      };
  deps.log.record({ method, token, args, at, status: answer.status, response: answer.body });
  if (!fault) noteRejection(deps, method, args, answer.body);
  send(res, answer.status, answer.body, answer.headers);
  deps.notify();
}

async function handleResponseUrl(
  deps: ServerDeps,
  id: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const body = parseResponseBody(await readBody(req));
  const delay = deps.faults.latency('response_url').ms;
  if (delay > 0) await sleep(delay);
  const fault = deps.faults.take('response_url');
  if (fault) {
    const answer = faultAnswer(fault);
    send(res, answer.status, answer.body, answer.headers);
    return;
  }
  const outcome = deps.state.responseUrls.post(id, body);
  const args = typeof body === 'object' && body !== null ? (body as SlackArgs) : { body };
  noteRejection(deps, 'response_url', args, outcome.response);
  send(res, outcome.status, outcome.response);
  deps.notify();
}

async function route(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  if (req.method === 'POST' && path.startsWith('/api/'))
    return handleApi(deps, decodeURIComponent(path.slice(5)), req, res);
  if (req.method === 'POST' && path.startsWith('/response/'))
    return handleResponseUrl(deps, path.slice(10), req, res);
  send(res, 404, { ok: false, error: 'not_found' });
}

/** Starts the HTTP server on 127.0.0.1 and a free port. */
export async function listenFakeSlack(deps: ServerDeps): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    route(deps, req, res).catch((err: unknown) => {
      const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
      if (!res.headersSent) send(res, 500, { ok: false, error: 'fake_slack_crashed', detail: message });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}

/** Closes the server and every open connection. */
export async function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}
