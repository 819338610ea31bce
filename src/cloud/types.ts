/**
 * The cloud's objects as the rest of the bot sees them: camelCase, parsed and normalised from OTC's
 * snake_case wire format by the zod schemas in `otc/wire/`. Timestamps are ISO-8601 UTC strings
 * (`…Z`) whatever shape the cloud sent; `markerId` is a decimal string because it exceeds 2^53.
 */

/** Statuses of an endpoint service (reference §2.15). A deleted service answers 404 instead. */
export const SERVICE_STATUSES = ['creating', 'available', 'failed', 'deleting'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

/** Statuses of a connection, i.e. of a consumer's VPC endpoint as the provider sees it (§2.8). */
export const CONNECTION_STATUSES = [
  'pendingAcceptance',
  'creating',
  'accepted',
  'rejected',
  'failed',
  'deleting',
] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

/** Backend kind of an endpoint service. `VIP` and `BMS` are deprecated but documented. */
export type ServerType = 'LB' | 'VM' | 'VIP' | 'BMS';

/** How client address information reaches the backend (§2.1). */
export type TcpProxy = 'close' | 'toa_open' | 'proxy_open' | 'open' | 'proxy_vni';

/** One port mapping: the endpoint's `clientPort` forwards to the backend's `serverPort`. */
export interface PortMapping {
  readonly clientPort: number;
  readonly serverPort: number;
  readonly protocol: string;
}

export interface Tag {
  readonly key: string;
  readonly value: string;
}

/** An error the cloud recorded on a failed resource (`error: [{error_code, error_message}]`). */
export interface ResourceError {
  readonly code: string;
  readonly message: string;
}

/** A VPC endpoint service (provider side). */
export interface EndpointService {
  readonly id: string;
  /** The cloud's full name: `region.name.id`, or `region.id` when no name was given. */
  readonly serviceName: string;
  /** The name the user chose (the middle part of `serviceName`), if any. */
  readonly name: string | undefined;
  readonly status: ServiceStatus;
  readonly vpcId: string;
  readonly portId: string;
  readonly serverType: ServerType;
  readonly serviceType: string;
  readonly approvalEnabled: boolean;
  readonly ports: readonly PortMapping[];
  readonly tags: readonly Tag[];
  readonly tcpProxy: string | undefined;
  readonly description: string | undefined;
  /** Endpoints in `creating` or `accepted` (list and get only). */
  readonly connectionCount: number | undefined;
  readonly projectId: string | undefined;
  readonly domainId: string | undefined;
  readonly createdAt: string | undefined;
  readonly updatedAt: string | undefined;
  /** Present when `status` is `failed`. */
  readonly errors: readonly ResourceError[];
}

/**
 * What the user asked for, plus one tag of the bot's own (`attemptTag`): the proof that a service
 * found after an ambiguous create is the one this request made.
 */
export interface CreateServiceInput {
  readonly vpcId: string;
  readonly portId: string;
  readonly serverType: ServerType;
  readonly ports: readonly PortMapping[];
  /** Always sent explicitly, because the API defaults to `true` (§7 item 2). */
  readonly approvalEnabled: boolean;
  readonly name?: string;
  readonly description?: string;
  readonly tags?: readonly Tag[];
  readonly tcpProxy?: TcpProxy;
  /**
   * Sent after `tags`, unique to the create attempt. Only this tag can prove which service an
   * ambiguous create made (a name can be copied); without it, no service is ever taken for it.
   */
  readonly attemptTag?: Tag;
}

/** Fields a PUT may change; omitted fields stay as they are. */
export interface UpdateServiceInput {
  readonly approvalEnabled?: boolean;
  readonly name?: string;
  readonly ports?: readonly PortMapping[];
  readonly portId?: string;
  readonly tcpProxy?: TcpProxy;
  readonly description?: string;
}

/** Server-side filters of the service list (§2.2). `name` is a case-insensitive fuzzy match. */
export interface ServiceFilter {
  readonly name?: string;
  readonly id?: string;
  readonly status?: ServiceStatus;
  readonly sortKey?: 'created_at' | 'updated_at';
  readonly sortDir?: 'asc' | 'desc';
}

/** A consumer's VPC endpoint connected (or asking to connect) to one of our services. */
export interface Connection {
  /** The VPC endpoint ID: what accept/reject takes. */
  readonly endpointId: string;
  /** The endpoint's packet ID; a decimal string because it may exceed 2^53. */
  readonly markerId: string | undefined;
  /** The consumer's account (domain) ID. */
  readonly domainId: string | undefined;
  readonly status: ConnectionStatus;
  readonly createdAt: string | undefined;
  readonly updatedAt: string | undefined;
  readonly errors: readonly ResourceError[];
}

export type ConnectionAction = 'receive' | 'reject';

/** One whitelist entry (§2.10). `domainId` is `*` for "every account". */
export interface WhitelistEntry {
  readonly id: string | undefined;
  readonly permission: string;
  readonly domainId: string;
  readonly createdAt: string | undefined;
}

export type QuotaType = 'endpoint_service' | 'endpoint';

export interface Quota {
  readonly used: number;
  readonly quota: number;
}

export interface Vpc {
  readonly id: string;
  readonly name: string;
  readonly cidr: string | undefined;
  readonly status: string | undefined;
  /**
   * The enterprise project the VPC belongs to: `0` is the default one, otherwise a UUID. It tells
   * apart VPCs of the same name in different enterprise projects.
   */
  readonly enterpriseProjectId?: string | undefined;
}

/** A load balancer of either family, keyed by the VIP port an endpoint service takes as `portId`. */
export interface LoadBalancer {
  readonly id: string;
  readonly name: string;
  /** `dedicated` = ELB v3, `shared` = ELB v2.0 (LBaaS). */
  readonly family: 'dedicated' | 'shared';
  readonly vipPortId: string;
  readonly vipAddress: string | undefined;
  readonly vpcId: string | undefined;
  readonly provisioningStatus: string | undefined;
}

export type ServerKind = 'ecs' | 'bms';

/** One NIC of an ECS or BMS: the `portId` an endpoint service of type VM/BMS takes. */
export interface ServerNic {
  readonly kind: ServerKind;
  readonly serverId: string;
  readonly serverName: string;
  readonly serverStatus: string | undefined;
  readonly portId: string;
  /** The NIC's first fixed IPv4 address, for labels. */
  readonly ipAddress: string | undefined;
  readonly ipAddresses: readonly string[];
}

/**
 * Whether the backend's security groups admit 198.19.128.0/17 (the VPCEP range). `unknown` when the
 * cloud does not tell (no groups on the port, call refused or failed): a warning, never an error.
 */
export type IngressCheck = 'allowed' | 'missing' | 'unknown';
