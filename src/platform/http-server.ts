/**
 * The one HTTP server on PORT: probes and metrics always, and Slack's `POST /slack/events` in HTTP mode
 * (delegated to Bolt's HTTPReceiver). In Socket Mode the same server serves the probes.
 */
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Registry } from 'prom-client';

export interface HttpServerDeps {
  /** The `/readyz` answer: 200 when `ready`, else 503; the whole object is the JSON body. */
  readiness: () => Promise<{ readonly ready: boolean }>;
  registry: Registry;
  /** Bolt's request listener for `/slack/events` (HTTP mode only). */
  slack?: RequestListener;
  /** Whether the process is shutting down: probes then say so. */
  stopping: () => boolean;
}

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(text);
}

async function route(deps: HttpServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (req.method === 'GET' && path === '/healthz') return send(res, 200, { status: 'alive' });
  if (req.method === 'GET' && path === '/readyz') {
    if (deps.stopping()) return send(res, 503, { ready: false, reason: 'shutting down' });
    const report = await deps.readiness();
    return send(res, report.ready ? 200 : 503, report);
  }
  if (req.method === 'GET' && path === '/metrics') {
    return send(res, 200, await deps.registry.metrics(), deps.registry.contentType);
  }
  if (deps.slack && path === '/slack/events') {
    deps.slack(req, res);
    return;
  }
  send(res, 404, { error: 'not found' });
}

export function createHttpServer(deps: HttpServerDeps): Server {
  return createServer((req, res) => {
    route(deps, req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
      else res.end();
    });
  });
}
