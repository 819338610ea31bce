/**
 * The client of one OTC project: every call the bot makes, typed, over one authenticated transport.
 * Built by `createProjectCloud` from the project, the credentials and the endpoint template.
 */
import type { OtcAuth, OtcProject } from '../../platform/config/config-types.js';
import type { Logger } from '../../platform/logging/logger.js';
import type {
  Connection,
  ConnectionAction,
  CreateServiceInput,
  EndpointService,
  IngressCheck,
  LoadBalancer,
  Quota,
  QuotaType,
  ServerKind,
  ServerNic,
  ServiceFilter,
  UpdateServiceInput,
  Vpc,
  WhitelistEntry,
} from '../types.js';
import type { CredentialHint } from './classify.js';
import { createService } from './create-service.js';
import {
  configuredEndpoint,
  type EndpointSettings,
  type OtcServiceName,
  resolveEndpoint,
} from './endpoints.js';
import { type CloudCallEvent, OtcTransport } from './http.js';
import { AKSK_HINT, type Authenticator, akSkAuthenticator, PASSWORD_HINT } from './otc-auth.js';
import { listLoadBalancers } from './resources/load-balancers.js';
import { checkSecurityGroupIngress } from './resources/security-groups.js';
import { listServerNics } from './resources/servers.js';
import { listVpcs } from './resources/vpcs.js';
import { catalogOrigin, type ServiceCatalog } from './service-catalog.js';
import { tokenAuthenticator } from './token-auth.js';
import type { ClientTuning } from './tuning.js';
import { type ConnectionFilter, connectionAction, listConnections } from './vpcep-connections.js';
import { getQuota } from './vpcep-quotas.js';
import {
  deleteService,
  getService,
  listServices,
  updateService,
  type VpcepContext,
} from './vpcep-services.js';
import { listWhitelist, updateWhitelist } from './vpcep-whitelist.js';
import { type WaitOptions, waitForService } from './wait.js';

/** Everything the bot does in one project. */
export interface ProjectCloud {
  readonly project: OtcProject;
  /** Creates once; after an ambiguous failure, finds the service instead of creating a second. */
  createService(input: CreateServiceInput): Promise<EndpointService>;
  listServices(filter?: ServiceFilter): Promise<EndpointService[]>;
  getService(id: string): Promise<EndpointService>;
  updateService(id: string, input: UpdateServiceInput): Promise<EndpointService>;
  /** Starts the asynchronous delete; `already_deleted` when the cloud no longer knows the service. */
  deleteService(id: string): Promise<'deleting' | 'already_deleted'>;
  /**
   * Polls (3–5 s) until `available`; throws `ServiceFailedError` (failed), `ConflictError` (being
   * deleted) or `WaitTimeoutError`.
   */
  waitForService(id: string, target: 'available', options?: WaitOptions): Promise<EndpointService>;
  /** Polls until the service answers 404. */
  waitForService(id: string, target: 'deleted', options?: WaitOptions): Promise<void>;
  listConnections(serviceId: string, filter?: ConnectionFilter): Promise<Connection[]>;
  /** Accepts (`receive`) or rejects one endpoint. */
  connectionAction(serviceId: string, endpointId: string, action: ConnectionAction): Promise<Connection>;
  listWhitelist(serviceId: string): Promise<WhitelistEntry[]>;
  /** Adds or removes bare account IDs (or `*`); returns the permissions the cloud reports. */
  updateWhitelist(
    serviceId: string,
    action: 'add' | 'remove',
    domainIdsOrStar: readonly string[],
  ): Promise<string[]>;
  quota(type: QuotaType): Promise<Quota>;
  listVpcs(): Promise<Vpc[]>;
  /** Dedicated (v3) and shared (v2.0) load balancers of the VPC. */
  listLoadBalancers(vpcId: string): Promise<LoadBalancer[]>;
  /** NIC ports of the ECSs or BMSs in the VPC. */
  listServerNics(kind: ServerKind, vpcId: string): Promise<ServerNic[]>;
  /** Best effort: does the backend admit 198.19.128.0/17? Never throws. */
  checkSecurityGroupIngress(portId: string, serverPorts?: readonly number[]): Promise<IngressCheck>;
}

export interface ProjectCloudOptions {
  readonly project: OtcProject;
  readonly auth: OtcAuth;
  /** `OTC_ENDPOINT_TEMPLATE` and `OTC_ENDPOINT_<SERVICE>`; unset ones fall back to the catalog and table. */
  readonly endpoints: EndpointSettings;
  readonly logger: Logger;
  readonly tuning: ClientTuning;
  readonly observe?: ((event: CloudCallEvent) => void) | undefined;
  /** Overrides which configuration a 401 names (sandbox mode names its own credentials). */
  readonly hint?: CredentialHint;
}

type BaseUrl = (service: OtcServiceName) => Promise<string | undefined>;

function authenticatorFor(
  options: ProjectCloudOptions,
  baseUrl: BaseUrl,
  logger: Logger,
): Authenticator & { catalog?: () => Promise<ServiceCatalog | undefined> } {
  const { auth, project, tuning } = options;
  if (auth.kind === 'aksk') {
    return akSkAuthenticator(auth, project.projectId, undefined, options.hint ?? AKSK_HINT, auth.signing);
  }
  const iam = new OtcTransport({
    baseUrl,
    auth: undefined,
    hint: options.hint ?? PASSWORD_HINT,
    logger,
    timeoutMs: tuning.timeoutMs,
    retry: tuning.retry,
    observe: options.observe,
  });
  return tokenAuthenticator({
    iam,
    projectId: project.projectId,
    credentials: auth,
    logger,
    refreshMarginMs: tuning.tokenRefreshMarginMs,
    withCatalog: !options.endpoints.template,
  });
}

/**
 * Resolves each service's base URL (endpoints.ts): configured, else the token's catalog, else the
 * region table. A service the region lacks is noted once in the log; calls to it fail without a request.
 */
function endpointResolver(
  settings: EndpointSettings,
  region: string,
  catalog: () => (() => Promise<ServiceCatalog | undefined>) | undefined,
  logger: Logger,
): BaseUrl {
  const noted = new Set<OtcServiceName>();
  return async (service) => {
    const configured = configuredEndpoint(settings, service, region);
    if (configured) return configured.url;
    const lookup = service === 'iam' ? undefined : catalog();
    const fromCatalog = lookup ? catalogOrigin((await lookup()) ?? [], service, region) : undefined;
    const resolved = resolveEndpoint(settings, service, region, fromCatalog);
    if (resolved) return resolved.url;
    if (!noted.has(service)) {
      noted.add(service);
      logger.warn(
        { service, region },
        `region ${region} offers no ${service.toUpperCase()} service (neither the region table nor the IAM catalog names one); its lists stay empty. Set OTC_ENDPOINT_${service.toUpperCase()} if it exists`,
      );
    }
    return undefined;
  };
}

/** The project client plus what only the composition uses. */
export interface ProjectCloudInternal extends ProjectCloud {
  /** One cheap authenticated read (the quota), no retry: for the readiness check. */
  probe(timeoutMs: number): Promise<void>;
  /** The variables that hold this client's credentials, for messages about refused credentials. */
  readonly credentialVariables: string;
}

export function createProjectCloud(options: ProjectCloudOptions): ProjectCloudInternal {
  const { project, tuning } = options;
  const logger = options.logger.child({
    component: 'cloud',
    region: project.region,
    projectId: project.projectId,
  });
  // The token authenticator knows the catalog but needs the resolver for IAM, which never asks the
  // catalog: so the resolver is made first and reads the catalog through this late binding.
  let catalog: (() => Promise<ServiceCatalog | undefined>) | undefined;
  const baseUrl = endpointResolver(options.endpoints, project.region, () => catalog, logger);
  const auth = authenticatorFor(options, baseUrl, logger);
  catalog = auth.catalog;
  const http = new OtcTransport({
    baseUrl,
    auth,
    hint: auth.hint,
    logger,
    timeoutMs: tuning.timeoutMs,
    retry: tuning.retry,
    observe: options.observe,
  });
  const ctx: VpcepContext = { http, projectId: project.projectId, logger };

  function wait(id: string, target: 'available', options?: WaitOptions): Promise<EndpointService>;
  function wait(id: string, target: 'deleted', options?: WaitOptions): Promise<undefined>;
  async function wait(
    id: string,
    target: 'available' | 'deleted',
    options?: WaitOptions,
  ): Promise<EndpointService | undefined> {
    return waitForService(ctx, id, target, { ...tuning.wait, ...options });
  }

  return {
    project,
    credentialVariables: auth.hint.variables,
    createService: (input) => createService(ctx, input, logger, tuning.create),
    listServices: (filter) => listServices(ctx, filter),
    getService: (id) => getService(ctx, id),
    updateService: (id, input) => updateService(ctx, id, input),
    deleteService: (id) => deleteService(ctx, id),
    waitForService: wait,
    listConnections: (serviceId, filter) => listConnections(ctx, serviceId, filter),
    connectionAction: (serviceId, endpointId, action) => connectionAction(ctx, serviceId, endpointId, action),
    listWhitelist: (serviceId) => listWhitelist(ctx, serviceId),
    updateWhitelist: (serviceId, action, ids) => updateWhitelist(ctx, serviceId, action, ids),
    quota: (type) => getQuota(ctx, type),
    probe: async (timeoutMs) => {
      await getQuota(ctx, 'endpoint_service', { timeoutMs, retry: 'never' });
    },
    listVpcs: () => listVpcs(http, project.projectId),
    listLoadBalancers: (vpcId) => listLoadBalancers(http, project.projectId, vpcId),
    listServerNics: (kind, vpcId) => listServerNics(http, project.projectId, kind, vpcId),
    checkSecurityGroupIngress: (portId, serverPorts) =>
      checkSecurityGroupIngress(http, logger, portId, serverPorts),
  };
}
