/**
 * The emulator's request pipeline: read the body, serve admin routes to loopback callers, log the API
 * request, apply a matching fault, authenticate like the gateway, route to the handler, and answer in
 * the service's own JSON shape.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleAdmin } from './admin-dispatch.js';
import { errorResponse } from './error-response.js';
import { apiRequest, parseBody, readBody, send } from './http-io.js';
import { queryRecord, type RequestLog } from './request-log.js';
import { type ApiResponse, matchRoute, type Route, type SandboxEnv } from './router.js';
import { authenticate, type SandboxAkSk, signingFormOf } from './sandbox-auth.js';
import { applyFault, type FaultRegistry } from './sandbox-faults.js';
import { gatewayError } from './sandbox-wire.js';

export interface PipelineParts {
  readonly env: SandboxEnv;
  readonly credentials: SandboxAkSk;
  readonly routes: readonly Route[];
  readonly adminRoutes: readonly Route[];
  readonly faults: FaultRegistry;
  readonly log: RequestLog;
  /** Aborted when the sandbox closes, ending injected latencies. */
  readonly closing: AbortSignal;
}

async function answerApi(
  req: IncomingMessage,
  url: URL,
  bytes: Buffer,
  parts: PipelineParts,
): Promise<ApiResponse> {
  const method = req.method ?? 'GET';
  const matched = matchRoute(parts.routes, method, url.pathname);
  if (!matched)
    throw gatewayError(
      404,
      'APIGW.0101',
      'The API does not exist or has not been published in the environment.',
    );
  const nowMs = Date.now();
  const scope = matched.route.authenticated
    ? await authenticate(
        {
          method,
          rawUrl: req.url ?? '/',
          headers: req.headers,
          body: bytes,
          pathProjectId: matched.params.project_id,
        },
        parts.env,
        parts.credentials,
        nowMs,
      )
    : undefined;
  const body = parseBody(bytes);
  if (!body.ok) throw gatewayError(400, 'EndPoint.0002', 'The request body is not valid JSON.');
  return matched.route.handler(apiRequest(req, url, matched.params, body.json, scope, nowMs), parts.env);
}

/** The `node:http` request listener of one sandbox. */
export function createPipeline(parts: PipelineParts) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    let bytes: Buffer;
    try {
      bytes = await readBody(req);
    } catch (error) {
      send(res, errorResponse(error, parts.env.logger));
      return;
    }
    if (url.pathname.startsWith('/_sandbox/')) {
      await handleAdmin(req, res, url, bytes, parts.adminRoutes, parts.env);
      return;
    }
    const method = req.method ?? 'GET';
    const projectHeader = req.headers['x-project-id'];
    const entry = parts.log.add({
      method,
      path: url.pathname,
      query: queryRecord(url.searchParams),
      body: parseBody(bytes).json,
      auth: req.headers['x-auth-token'] ? 'token' : req.headers.authorization ? 'aksk' : 'none',
      signing: signingFormOf(req.headers.authorization),
      projectHeader: Array.isArray(projectHeader) ? projectHeader[0] : projectHeader,
      status: undefined,
    });
    const fault = parts.faults.take(method, url.pathname);
    const before = fault && fault.phase !== 'after' ? await applyFault(fault, res, parts.closing) : undefined;
    if (before === 'reset') {
      entry.status = 'reset';
      return;
    }
    let response =
      before ??
      (await answerApi(req, url, bytes, parts).catch((error) => errorResponse(error, parts.env.logger)));
    if (fault && fault.phase === 'after') {
      const after = await applyFault(fault, res, parts.closing);
      if (after === 'reset') {
        entry.status = 'reset';
        return;
      }
      response = after ?? response;
    }
    entry.status = response.status;
    send(res, response);
  };
}
