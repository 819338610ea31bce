/**
 * What only a sandbox can do: play the consumer (ask to connect, accept or reject "in the console",
 * delete the endpoint), mark a service failed, change the quota, bulk-seed, inject faults, read the
 * request log and revoke tokens. The bot uses `requestConnection` for `/vpcep sandbox connect`; tests
 * use the rest, in process or through the admin routes. Refusals arrive as the project's cloud errors
 * (e.g. `NotFoundError`), exactly as the client would report them.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { CloudError } from '../errors.js';
import { errorFromResponse } from '../otc/classify.js';
import { parseErrorBody } from '../otc/wire/error-body-wire.js';
import type { Connection, ConnectionAction } from '../types.js';
import { type BulkResult, type BulkSpec, bulkSeed } from './bulk-seed.js';
import type { StoredConnection } from './models.js';
import type { LoggedRequest, RequestFilter, RequestLog } from './request-log.js';
import type { SandboxEnv } from './router.js';
import { applyAction } from './routes/connections-routes.js';
import type { FaultRegistry, FaultSpec } from './sandbox-faults.js';
import { OtcHttpError, vpcepError } from './sandbox-wire.js';
import { liveService, statusOf } from './service-state.js';

export type { BulkResult, BulkSpec } from './bulk-seed.js';

export interface ConnectionRequest {
  /**
   * The consumer's account. When absent: the sandbox's own account if the whitelist is enforced
   * (it may always connect), otherwise a random one.
   */
  readonly domainId?: string;
  /** The endpoint's packet ID as a decimal string (may exceed 2^53); random when absent. */
  readonly markerId?: string;
  /**
   * Refuse, as the API does (reference §2.10, `EndPoint.2012`), a consumer that is not the service's
   * own account, not whitelisted, and not covered by a `*` entry. Defaults to the sandbox's
   * `enforceWhitelist` option (off): as a test and demo power, a request is let through by default.
   */
  readonly enforceWhitelist?: boolean;
}

/** The sandbox's own powers. */
export interface SandboxControl {
  /** The account (domain) ID that owns the sandbox projects. */
  readonly domainId: string;
  /**
   * A consumer's VPC endpoint asks to connect: `pendingAcceptance` when the service needs approval.
   * Any account may ask unless the whitelist is enforced (`ConnectionRequest.enforceWhitelist` or the
   * sandbox's `enforceWhitelist` option); then a consumer that may not connect gets `EndPoint.2012`.
   */
  requestConnection(projectId: string, serviceId: string, request?: ConnectionRequest): Promise<Connection>;
  /** Accepts or rejects outside the bot, as the console would. */
  resolveConnection(
    projectId: string,
    serviceId: string,
    endpointId: string,
    action: ConnectionAction,
  ): Promise<Connection>;
  /** The consumer deleted its endpoint: the connection vanishes. */
  removeConnection(projectId: string, serviceId: string, endpointId: string): Promise<void>;
  /** Makes the service report `failed` with this error. */
  failService(projectId: string, serviceId: string, error?: { code: string; message: string }): Promise<void>;
  setQuota(projectId: string, quota: number): Promise<void>;
  /** Adds services, connections, whitelist entries or servers past any quota (paging tests). */
  bulkSeed(projectId: string, spec: BulkSpec): Promise<BulkResult>;
  addFault(spec: FaultSpec): number;
  clearFaults(): void;
  requests(filter?: RequestFilter): LoggedRequest[];
  clearRequests(): void;
  /** Invalidates every IAM token issued so far. */
  revokeTokens(): Promise<void>;
}

function toConnection(c: StoredConnection): Connection {
  return {
    endpointId: c.id,
    markerId: c.markerId,
    domainId: c.domainId,
    status: c.status,
    createdAt: new Date(c.createdAtMs).toISOString(),
    updatedAt: new Date(c.updatedAtMs).toISOString(),
    errors: [],
  };
}

/** Runs `work`, turning the emulator's refusals into the cloud errors the client would raise. */
async function asCloud<T>(operation: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof OtcHttpError)) throw error;
    const cloudError: CloudError = errorFromResponse(error.status, parseErrorBody(error.body), operation, {
      variables: 'the sandbox configuration',
    });
    throw cloudError;
  }
}

/** True when `domainId` may connect: the service's own account, whitelisted, or `*` (§2.10). */
async function mayConnect(
  env: SandboxEnv,
  projectId: string,
  serviceId: string,
  domainId: string,
): Promise<boolean> {
  if (domainId === env.domainId) return true;
  const entries = new Set((await env.store.permissions(projectId, serviceId).all()).map((p) => p.permission));
  return entries.has('*') || entries.has(`iam:domain::${domainId}`);
}

export interface ControlOptions {
  /** Whether connection requests respect the whitelist unless a request says otherwise. */
  readonly enforceWhitelist?: boolean;
}

export function createControl(
  env: SandboxEnv,
  faults: FaultRegistry,
  log: RequestLog,
  options: ControlOptions = {},
): SandboxControl {
  const now = () => Date.now();
  return {
    domainId: env.domainId,
    requestConnection: (projectId, serviceId, request = {}) =>
      asCloud('simulate a connection request', async () => {
        const service = await liveService(env, projectId, serviceId, now());
        if (statusOf(service, now()) !== 'available') {
          throw vpcepError(400, 'EndPoint.2004', 'The endpoint service is unavailable.');
        }
        const enforce = request.enforceWhitelist ?? options.enforceWhitelist ?? false;
        const domainId = request.domainId ?? (enforce ? env.domainId : randomBytes(16).toString('hex'));
        if (enforce && !(await mayConnect(env, projectId, serviceId, domainId))) {
          throw vpcepError(
            400,
            'EndPoint.2012',
            'You do not have permission to connect to the endpoint service.',
          );
        }
        const connection: StoredConnection = {
          id: randomUUID(),
          markerId: request.markerId ?? String(randomInt(16_777_216, 2_147_483_647)),
          domainId,
          status: service.approvalEnabled ? 'pendingAcceptance' : 'accepted',
          createdAtMs: now(),
          updatedAtMs: now(),
        };
        await env.store.connections(projectId, serviceId).put(connection.id, connection);
        env.logger.info(
          { projectId, serviceId, endpointId: connection.id },
          'sandbox: a consumer asks to connect',
        );
        return toConnection(connection);
      }),
    resolveConnection: (projectId, serviceId, endpointId, action) =>
      asCloud('resolve the connection in the sandbox', async () => {
        await liveService(env, projectId, serviceId, now());
        return toConnection(await applyAction(env, projectId, serviceId, endpointId, action, now()));
      }),
    removeConnection: (projectId, serviceId, endpointId) =>
      env.store.connections(projectId, serviceId).remove(endpointId),
    failService: (projectId, serviceId, error) =>
      asCloud('mark the service failed', async () => {
        const service = await liveService(env, projectId, serviceId, now());
        const failure = error ?? { code: 'EndPoint.3005', message: 'Failed to create the endpoint service.' };
        await env.store.services(projectId).put(serviceId, { ...service, failure, updatedAtMs: now() });
      }),
    setQuota: (projectId, quota) => env.store.setQuota(projectId, quota),
    bulkSeed: (projectId, spec) => asCloud('seed the sandbox', () => bulkSeed(env, projectId, spec)),
    addFault: (spec) => faults.add(spec),
    clearFaults: () => faults.clear(),
    requests: (filter) => log.list(filter),
    clearRequests: () => log.clear(),
    revokeTokens: () => env.store.revokeTokens(),
  };
}
