/**
 * The cloud, composed in one call. With OTC credentials it is the real client; without (sandbox mode)
 * it starts the embedded emulator on loopback and points the same real client at it, signing with an
 * AK/SK pair kept in Redis, so nothing differs but the host.
 */
import type { CloudConfig, OtcProject } from '../platform/config/config-types.js';
import { AppError } from '../platform/errors/app-error.js';
import type { Logger } from '../platform/logging/logger.js';
import { type CloudHealth, createHealthCheck } from './health.js';
import type { CloudCallEvent } from './otc/http.js';
import { createProjectCloud, type ProjectCloud, type ProjectCloudInternal } from './otc/project-cloud.js';
import { type ClientTuning, DEFAULT_CLIENT_TUNING } from './otc/tuning.js';
import type { SandboxControl } from './sandbox/control.js';
import type { RedisClient } from './sandbox/store.js';

export * from './errors.js';
export type { CloudHealth } from './health.js';
export type { CloudCallEvent } from './otc/http.js';
export type { ProjectCloud } from './otc/project-cloud.js';
export type { ClientTuning } from './otc/tuning.js';
export type { BulkSpec, SandboxControl } from './sandbox/control.js';
export type { FaultSpec } from './sandbox/sandbox-faults.js';
export type * from './types.js';

export interface CloudDeps {
  readonly logger: Logger;
  /** The sandbox keeps its state here (sandbox mode only). */
  readonly redis: RedisClient;
  /** Prefix of the sandbox's keys; pass '' when `redis` already prefixes. */
  readonly keyPrefix: string;
  /** Called once per HTTP attempt, for metrics. */
  readonly observe?: (event: CloudCallEvent) => void;
}

/** Optional knobs; production needs none of them. */
export interface CloudOptions {
  readonly tuning?: Partial<ClientTuning>;
  readonly health?: {
    readonly ttlMs?: number;
    readonly maxWaitMs?: number;
    readonly probeTimeoutMs?: number;
  };
  readonly sandbox?: {
    readonly createDelayMs?: number;
    readonly deleteDelayMs?: number;
    readonly port?: number;
  };
}

export interface Cloud {
  readonly mode: 'sandbox' | 'otc';
  readonly projects: readonly OtcProject[];
  /** The client of one configured project; throws for an unknown project ID. */
  project(projectId: string): ProjectCloud;
  /** Cheap authenticated call, cached ~30 s, answering within ~0.8 s. Only `auth_failed` is fatal. */
  health(): Promise<CloudHealth>;
  /** Sandbox mode only: the emulator's own powers, e.g. `requestConnection` for `/vpcep sandbox connect`. */
  readonly sandbox?: SandboxControl & { readonly url: string };
  close(): Promise<void>;
}

/** Thrown by `Cloud.project` for a project that is not configured. */
export class UnknownProjectError extends AppError {
  constructor(projectId: string) {
    super('CLOUD_UNKNOWN_PROJECT', `unknown project ${projectId}`, {
      userMessage: `The project ${projectId} is not configured for this bot. Choose one of the offered regions.`,
    });
  }
}

export async function createCloud(
  config: CloudConfig,
  deps: CloudDeps,
  options: CloudOptions = {},
): Promise<Cloud> {
  const tuning: ClientTuning = { ...DEFAULT_CLIENT_TUNING, ...options.tuning };
  // Sandbox mode differs only in where the client connects and with which credentials.
  const connection =
    config.mode === 'sandbox'
      ? // Loaded only in sandbox mode: with OTC credentials nothing of the emulator is in the process.
        await (await import('./sandbox/sandbox-mode.js')).startSandboxMode(
          config.projects,
          deps,
          options.sandbox,
        )
      : {
          auth: config.auth,
          endpoints: { template: config.endpointTemplate, overrides: config.endpointOverrides },
          sandbox: undefined,
          hint: undefined,
        };
  const clients = new Map<string, ProjectCloudInternal>(
    config.projects.map((project) => [
      project.projectId,
      createProjectCloud({
        project,
        auth: connection.auth,
        endpoints: connection.endpoints,
        logger: deps.logger,
        tuning,
        observe: deps.observe,
        ...(connection.hint ? { hint: connection.hint } : {}),
      }),
    ]),
  );
  const first = config.projects[0] ? clients.get(config.projects[0].projectId) : undefined;
  const health = createHealthCheck(
    async () => {
      await first?.probe(options.health?.probeTimeoutMs ?? 5000);
    },
    {
      logger: deps.logger,
      ...(first ? { credentials: first.credentialVariables } : {}),
      ...options.health,
    },
  );
  const running = connection.sandbox;
  return {
    mode: config.mode,
    projects: config.projects,
    project(projectId) {
      const client = clients.get(projectId);
      if (!client) throw new UnknownProjectError(projectId);
      return client;
    },
    health,
    ...(running ? { sandbox: { ...running.control, url: running.url } } : {}),
    async close() {
      await running?.close();
    },
  };
}
