/**
 * The emulator's request pipeline: read the body, serve admin routes to loopback callers, log the API
 * request, apply a matching fault, authenticate like the gateway, route to the handler, and answer in
 * the service's own JSON shape.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { ZodError } from 'zod';
import { parseCloudJson } from '../otc/wire/common.js';
import { authenticate, type SandboxAkSk } from './auth.js';
import type { ActiveFault, FaultRegistry } from './faults.js';
import { queryRecord, type RequestLog } from './request-log.js';
import { type ApiResponse, matchRoute, type Route, type SandboxEnv } from './router.js';
import { defaultErrorFor, gatewayError, OtcHttpError, toWireJson } from './wire.js';

const MAX_BODY_BYTES = 2 * 1024 * 1024;

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

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw gatewayError(413, 'APIGW.0201', 'The request body is too large.');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function parseBody(bytes: Buffer): { json: unknown; ok: boolean } {
  const text = bytes.toString('utf8');
  if (text.trim() === '') return { json: undefined, ok: true };
  try {
    return { json: parseCloudJson(text), ok: true };
  } catch {
    return { json: text, ok: false };
  }
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

function send(res: ServerResponse, response: ApiResponse): void {
  if (res.destroyed || res.headersSent) return;
  const body = response.body === undefined ? '' : toWireJson(response.body);
  res.writeHead(response.status, {
    ...(body ? { 'Content-Type': 'application/json' } : {}),
    ...response.headers,
  });
  res.end(body);
}

function errorResponse(error: unknown, parts: PipelineParts): ApiResponse {
  if (error instanceof OtcHttpError) return { status: error.status, body: error.body };
  if (error instanceof ZodError)
    return { status: 400, body: { error: 'invalid admin request', issues: error.issues } };
  parts.env.logger.error({ err: error }, 'sandbox handler failed');
  const { code, message } = defaultErrorFor(500);
  return { status: 500, body: { error_code: code, error_msg: message } };
}

function faultAnswer(fault: ActiveFault): ApiResponse | undefined {
  if (fault.status === undefined && fault.errorCode === undefined) return undefined;
  const status = fault.status ?? (fault.errorCode?.toUpperCase() === 'APIG.0308' ? 429 : 400);
  const fallback = defaultErrorFor(status);
  return {
    status,
    body: { error_code: fault.errorCode ?? fallback.code, error_msg: fault.errorMsg ?? fallback.message },
  };
}

/** Applies latency, then drops the connection or returns the fault's answer (undefined: carry on). */
async function applyFault(
  fault: ActiveFault,
  res: ServerResponse,
  closing: AbortSignal,
): Promise<ApiResponse | 'reset' | undefined> {
  if (fault.latencyMs) await sleep(fault.latencyMs, undefined, { signal: closing }).catch(() => undefined);
  if (fault.reset) {
    res.socket?.destroy();
    return 'reset';
  }
  return faultAnswer(fault);
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
