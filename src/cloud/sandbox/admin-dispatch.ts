/** Serves the admin routes (`/_sandbox/…`) to loopback callers, answering camelCase JSON. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorResponse } from './error-response.js';
import { apiRequest, isLoopback, parseBody, send } from './http-io.js';
import { matchRoute, type Route, type SandboxEnv } from './router.js';

export async function handleAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  bytes: Buffer,
  routes: readonly Route[],
  env: SandboxEnv,
) {
  if (!isLoopback(req.socket.remoteAddress)) {
    send(res, { status: 403, body: { error: 'the sandbox admin API answers loopback callers only' } });
    return;
  }
  const method = req.method ?? 'GET';
  const matched = matchRoute(routes, method, url.pathname);
  if (!matched) {
    send(res, { status: 404, body: { error: `no admin route ${method} ${url.pathname}` } });
    return;
  }
  try {
    const request = apiRequest(req, url, matched.params, parseBody(bytes).json, undefined, Date.now());
    send(res, await matched.route.handler(request, env));
  } catch (error) {
    send(res, errorResponse(error, env.logger));
  }
}
