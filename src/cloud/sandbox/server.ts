/**
 * The emulator's request pipeline: read the body, serve admin routes to loopback callers, log the API
 * request, apply a matching fault, authenticate like the gateway, route to the handler, and answer in
 * the service's own JSON shape.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ZodError } from 'zod';
import { CloudError } from '../errors.js';
import { authenticate, type SandboxAkSk } from './auth.js';
import { applyFault, type FaultRegistry } from './faults.js';
import { isLoopback, parseBody, readBody, send } from './http-io.js';
import { queryRecord, type RequestLog } from './request-log.js';
import { type ApiResponse, matchRoute, type Route, type SandboxEnv } from './router.js';
import { defaultErrorFor, gatewayError, OtcHttpError } from './wire.js';

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

function errorResponse(error: unknown, parts: PipelineParts): ApiResponse {
  if (error instanceof OtcHttpError) return { status: error.status, body: error.body };
  // The admin routes call SandboxControl, which reports refusals as cloud errors.
  if (error instanceof CloudError) {
    return { status: error.status ?? 500, body: { error_code: error.otcCode, error_msg: error.otcMessage } };
  }
  if (error instanceof ZodError)
    return { status: 400, body: { error: 'invalid admin request', issues: error.issues } };
  parts.env.logger.error({ err: error }, 'sandbox handler failed');
  const { code, message } = defaultErrorFor(500);
  return { status: 500, body: { error_code: code, error_msg: message } };
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
  return matched.route.handler(
    {
      method,
      path: url.pathname,
      query: url.searchParams,
      body: body.json,
      params: matched.params,
      headers: req.headers,
      scope,
      nowMs,
    },
    parts.env,
  );
}

async function handleAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  bytes: Buffer,
  parts: PipelineParts,
) {
  if (!isLoopback(req.socket.remoteAddress)) {
    send(res, { status: 403, body: { error: 'the sandbox admin API answers loopback callers only' } });
    return;
  }
  const method = req.method ?? 'GET';
  const matched = matchRoute(parts.adminRoutes, method, url.pathname);
  if (!matched) {
    send(res, { status: 404, body: { error: `no admin route ${method} ${url.pathname}` } });
    return;
  }
  try {
    const body = parseBody(bytes);
    send(
      res,
      await matched.route.handler(
        {
          method,
          path: url.pathname,
          query: url.searchParams,
          body: body.json,
          params: matched.params,
          headers: req.headers,
          scope: undefined,
          nowMs: Date.now(),
        },
        parts.env,
      ),
    );
  } catch (error) {
    send(res, errorResponse(error, parts));
  }
}

/** The `node:http` request listener of one sandbox. */
export function createPipeline(parts: PipelineParts) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    let bytes: Buffer;
    try {
      bytes = await readBody(req);
    } catch (error) {
      send(res, errorResponse(error, parts));
      return;
    }
    if (url.pathname.startsWith('/_sandbox/')) {
      await handleAdmin(req, res, url, bytes, parts);
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
      before ?? (await answerApi(req, url, bytes, parts).catch((error) => errorResponse(error, parts)));
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
