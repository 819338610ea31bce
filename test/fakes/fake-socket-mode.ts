/**
 * A fake Socket Mode endpoint: a `ws` WebSocketServer that greets each client with Slack's `hello`,
 * sends envelopes (`slash_commands`, `interactive`, `events_api`) and resolves when the client acks the
 * envelope. Pings are answered by `ws` (auto pong), which keeps @slack/socket-mode's heartbeat happy.
 * Attach it to the fake Web API (`fake.attachSocketMode(server)`) so `apps.connections.open` returns its URL.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/** Envelope types Slack sends over Socket Mode. */
export type SocketEnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

/** What the client sent back for an envelope: its id and the ack payload (`ack({ … })`), if any. */
export interface AckEnvelope {
  envelope_id: string;
  payload?: unknown;
}

/** Options of one envelope. */
export interface EnvelopeOptions {
  /** Default: true except for `events_api`. */
  acceptsResponsePayload?: boolean;
  /** Reject if the client does not ack within this many ms (default 5000). */
  timeoutMs?: number;
  /** For redelivered events: `retry_attempt` / `retry_reason`. */
  retryAttempt?: number;
  retryReason?: string;
}

/** A running fake Socket Mode server. */
export interface FakeSocketMode {
  /** `ws://127.0.0.1:<port>/` */
  readonly url: string;
  /** Resolves once a client is connected (and has been sent `hello`). */
  connected(timeoutMs?: number): Promise<void>;
  /** Clients currently connected. */
  connectionCount(): number;
  /** Sends an envelope to the newest client and resolves with its ack. */
  send(type: SocketEnvelopeType, payload: unknown, options?: EnvelopeOptions): Promise<AckEnvelope>;
  /** Asks every client to reconnect (`{ type: 'disconnect', reason }`). */
  disconnect(reason?: string): void;
  /** Every message received from clients (acks), parsed. */
  received(): unknown[];
  close(): Promise<void>;
}

/** Slack's greeting on a new Socket Mode connection. */
export const HELLO_MESSAGE = {
  type: 'hello',
  num_connections: 1,
  connection_info: { app_id: 'A0TEST' },
  debug_info: { host: 'applink-fake', build_number: 1, approximate_connection_time: 18060 },
};

/** Starts a fake Socket Mode server on 127.0.0.1 and a free port. */
export async function startFakeSocketMode(): Promise<FakeSocketMode> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, autoPong: true });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`;
  const clients: WebSocket[] = [];
  const received: unknown[] = [];
  const pendingAcks = new Map<string, (ack: AckEnvelope) => void>();
  const connectWaiters = new Set<() => void>();

  wss.on('connection', (socket) => {
    clients.push(socket);
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const message = parseMessage(data.toString());
      received.push(message);
      const envelopeId = message?.envelope_id;
      if (typeof envelopeId === 'string')
        pendingAcks.get(envelopeId)?.({ ...message, envelope_id: envelopeId });
    });
    socket.on('close', () => clients.splice(clients.indexOf(socket), 1));
    socket.send(JSON.stringify(HELLO_MESSAGE));
    for (const wake of connectWaiters) wake();
    connectWaiters.clear();
  });

  const connected = (timeoutMs = 5000): Promise<void> =>
    clients.length > 0
      ? Promise.resolve()
      : withTimeout(
          new Promise<void>((resolve) => connectWaiters.add(resolve)),
          timeoutMs,
          'no Socket Mode client connected',
        );

  return {
    url,
    connected,
    connectionCount: () => clients.length,
    send: async (type, payload, options = {}) => {
      await connected(options.timeoutMs);
      const socket = clients.at(-1);
      if (!socket) throw new Error('fake Socket Mode: no client connected');
      const envelopeId = randomUUID();
      const acked = new Promise<AckEnvelope>((resolve) => pendingAcks.set(envelopeId, resolve));
      socket.send(JSON.stringify(envelope(envelopeId, type, payload, options)));
      try {
        return await withTimeout(
          acked,
          options.timeoutMs ?? 5000,
          `envelope ${envelopeId} (${type}) was not acked`,
        );
      } finally {
        pendingAcks.delete(envelopeId);
      }
    },
    disconnect: (reason = 'refresh_requested') => {
      for (const socket of clients) socket.send(JSON.stringify({ type: 'disconnect', reason }));
    },
    received: () => [...received],
    close: async () => {
      for (const socket of clients) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function envelope(id: string, type: SocketEnvelopeType, payload: unknown, options: EnvelopeOptions) {
  return {
    envelope_id: id,
    type,
    accepts_response_payload: options.acceptsResponsePayload ?? type !== 'events_api',
    payload,
    ...(type === 'events_api'
      ? { retry_attempt: options.retryAttempt ?? 0, retry_reason: options.retryReason ?? '' }
      : {}),
  };
}

function parseMessage(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`fake Socket Mode: ${what} within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
