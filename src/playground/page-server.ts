/**
 * The playground's web server, on loopback only: the page, its compiled browser modules, the JSON API and
 * a server-sent event stream that tells the page to refresh. Requests must come from the page itself
 * (Host and Origin are this server), so another site open in the same browser cannot drive the bot.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { AppError } from '../platform/errors/app-error.js';
import type { Logger } from '../platform/logging/logger.js';
import type { Activity } from './activity.js';
import { cloudRoute, postRoute, type RouteDeps, stateRoute } from './http-routes.js';
import { PAGE_CSS } from './page-css.js';
import { pageHtml } from './page-html.js';

const BODY_MAX = 64 * 1024;
const KEEPALIVE_MS = 15_000;
/** Live updates are coalesced to at most one per this many ms. */
const UPDATE_GAP_MS = 60;

/** Where the compiled browser modules are: beside this file in dist, or dist/ when run from src by tsx. */
function webDir(): string {
  const beside = fileURLToPath(new URL('./web/', import.meta.url));
  if (existsSync(`${beside}page-main.js`)) return beside;
  return fileURLToPath(new URL('../../dist/playground/web/', import.meta.url));
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy':
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  });
  res.end(body);
}

const json = (res: ServerResponse, status: number, body: unknown) =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_MAX) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

export interface PageServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startPageServer(
  deps: RouteDeps,
  activity: Activity,
  port: number,
  logger: Logger,
): Promise<PageServer> {
  const dir = webDir();
  const streams = new Set<ServerResponse>();
  let pending: NodeJS.Timeout | undefined;
  const unsubscribe = activity.on(() => {
    pending ??= setTimeout(() => {
      pending = undefined;
      for (const stream of streams) stream.write(`event: changed\ndata: ${deps.version()}\n\n`);
    }, UPDATE_GAP_MS);
  });
  const keepalive = setInterval(() => {
    for (const stream of streams) stream.write(': keep-alive\n\n');
  }, KEEPALIVE_MS);
  keepalive.unref();

  // Filled in once listening: the names this server answers to (a DNS-rebinding page has another Host).
  const hosts = new Set<string>();
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const host = req.headers.host ?? '';
    if (!hosts.has(host)) return json(res, 421, { ok: false, problem: 'wrong host' });
    const origin = `http://${host}`;
    const url = new URL(req.url ?? '/', origin);
    if (req.method === 'GET') {
      if (url.pathname === '/') return send(res, 200, 'text/html; charset=utf-8', pageHtml());
      if (url.pathname === '/favicon.ico') {
        res.writeHead(204).end();
        return;
      }
      if (url.pathname === '/page.css') return send(res, 200, 'text/css; charset=utf-8', PAGE_CSS);
      const module = /^\/web\/([a-z][a-z-]*\.js)$/.exec(url.pathname)?.[1];
      if (module) {
        const text = await readFile(`${dir}${module}`).catch(() => undefined);
        return text
          ? send(res, 200, 'text/javascript; charset=utf-8', text)
          : json(res, 404, { ok: false, problem: 'not built: run npm run build' });
      }
      if (url.pathname === '/events') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
        res.write(`event: changed\ndata: ${deps.version()}\n\n`);
        streams.add(res);
        req.on('close', () => streams.delete(res));
        return;
      }
      if (url.pathname === '/api/state') {
        const answer = stateRoute(deps, url.searchParams);
        return json(res, answer.status, answer.body);
      }
      if (url.pathname === '/api/cloud') {
        const answer = await cloudRoute(deps);
        return json(res, answer.status, answer.body);
      }
    }
    const name = /^\/api\/([a-z]+)$/.exec(url.pathname)?.[1];
    if (req.method === 'POST' && name) {
      // A JSON content type forces a CORS preflight, which this server never grants; Origin, when sent, must be ours.
      if (
        !req.headers['content-type']?.startsWith('application/json') ||
        (req.headers.origin && req.headers.origin !== origin)
      )
        return json(res, 403, { ok: false, problem: 'requests come from the playground page only' });
      const answer = await postRoute(deps, name, await readJson(req));
      return json(res, answer.status, answer.body);
    }
    json(res, 404, { ok: false, problem: 'not found' });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      logger.warn({ err, path: req.url }, 'playground: request failed');
      if (!res.headersSent)
        json(res, 500, { ok: false, problem: err instanceof Error ? err.message : String(err) });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new AppError('PLAYGROUND_PORT_IN_USE', err.message, {
              userMessage: `The playground's port ${port} is in use. Set PLAYGROUND_PORT to a free port (0 picks one).`,
            })
          : err,
      ),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  hosts.add(`127.0.0.1:${bound}`);
  hosts.add(`localhost:${bound}`);
  return {
    url: `http://127.0.0.1:${bound}/`,
    async close() {
      unsubscribe();
      clearInterval(keepalive);
      if (pending) clearTimeout(pending);
      for (const stream of streams) stream.end();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
