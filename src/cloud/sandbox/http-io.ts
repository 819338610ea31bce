/** Reading and writing the emulator's HTTP messages. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseCloudJson } from '../otc/wire/common-wire.js';
import type { ApiRequest, ApiResponse, Scope } from './router.js';
import { gatewayError, toWireJson } from './sandbox-wire.js';

const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** The whole request body; 413 past 2 MiB. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
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

/** JSON (with exact `marker_id`s) or the raw text; `ok` false when it is not JSON. */
export function parseBody(bytes: Buffer): { json: unknown; ok: boolean } {
  const text = bytes.toString('utf8');
  if (text.trim() === '') return { json: undefined, ok: true };
  try {
    return { json: parseCloudJson(text), ok: true };
  } catch {
    return { json: text, ok: false };
  }
}

/** What a handler sees of one request. */
export function apiRequest(
  req: IncomingMessage,
  url: URL,
  params: Readonly<Record<string, string>>,
  body: unknown,
  scope: Scope | undefined,
  nowMs: number,
): ApiRequest {
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    body,
    params,
    headers: req.headers,
    scope,
    nowMs,
  };
}

export function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

/** Writes `response` as the emulated service would, unless the socket is gone. */
export function send(res: ServerResponse, response: ApiResponse): void {
  if (res.destroyed || res.headersSent) return;
  const body = response.body === undefined ? '' : toWireJson(response.body);
  res.writeHead(response.status, {
    ...(body ? { 'Content-Type': 'application/json' } : {}),
    ...response.headers,
  });
  res.end(body);
}
