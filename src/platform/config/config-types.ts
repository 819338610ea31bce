/** The typed, frozen configuration the whole bot reads. Built once by `loadConfig`. */

export interface OtcProject {
  readonly region: string;
  readonly projectId: string;
  /** Human label shown in Slack; defaults to the region. */
  readonly label: string;
}

export type OtcAuth =
  | {
      readonly kind: 'aksk';
      readonly accessKey: string;
      readonly secretKey: string;
      /**
       * `OTC_SIGNING`: `sdk` (default), the derived-key form of the Go SDK and the Terraform provider;
       * `apig`, the API Gateway form of the signing guide.
       */
      readonly signing?: 'sdk' | 'apig';
    }
  | {
      readonly kind: 'password';
      readonly username: string;
      readonly password: string;
      readonly domainName: string;
    };

export type CloudConfig =
  | {
      /** No OTC_* variable at all: the embedded emulator on loopback. */
      readonly mode: 'sandbox';
      readonly projects: readonly OtcProject[];
    }
  | {
      readonly mode: 'otc';
      readonly projects: readonly OtcProject[];
      readonly auth: OtcAuth;
      /**
       * `OTC_ENDPOINT_TEMPLATE`, e.g. `https://{service}.{region}.otc.t-systems.com`; without `{service}`
       * every service shares one host. Unset: the IAM catalog (token auth) and the table of known regions.
       */
      readonly endpointTemplate?: string;
      /** `OTC_ENDPOINT_<SERVICE>`: one service's host, winning over the template, catalog and table. */
      readonly endpointOverrides?: Readonly<Partial<Record<OtcEndpointService, string>>>;
    };

/** The services whose host `OTC_ENDPOINT_<SERVICE>` may set. */
export type OtcEndpointService = 'vpcep' | 'vpc' | 'elb' | 'ecs' | 'bms' | 'iam';

export type RedisConfig =
  | { readonly kind: 'url'; readonly url: string; readonly keyPrefix: string }
  | {
      readonly kind: 'sentinel';
      readonly sentinels: readonly { host: string; port: number }[];
      readonly name: string;
      readonly password?: string;
      readonly tls: boolean;
      readonly keyPrefix: string;
    }
  | {
      readonly kind: 'cluster';
      readonly nodes: readonly { host: string; port: number }[];
      readonly password?: string;
      readonly tls: boolean;
      readonly keyPrefix: string;
    }
  /** REDIS_URL unset: the bot starts a private redis-server from PATH, data under `dataDir`. */
  | { readonly kind: 'local'; readonly dataDir: string; readonly keyPrefix: string };

export interface SlackConfig {
  readonly botToken: string;
  readonly signingSecret?: string;
  readonly appToken?: string;
  readonly socketMode: boolean;
  /** Web API base URL, ends with `/`. */
  readonly apiUrl: string;
  /** Retries of failed Web API calls (network, 5xx). 0 in tests. */
  readonly apiRetries: number;
  /**
   * How long a user group's members, as Slack named them, decide rights (`SLACK_GROUP_CACHE_SECONDS`,
   * a Redis TTL). After that Slack is asked again, and a decision is refused while it cannot answer.
   */
  readonly groupCacheSeconds: number;
}

export interface AccessConfig {
  /** Slack user IDs with every right. */
  readonly admins: readonly string[];
  /** Slack user or user-group IDs allowed to create; empty = everyone. */
  readonly creators: readonly string[];
}

export interface ApprovalConfig {
  readonly channel?: string;
  readonly pollSeconds: number;
  /**
   * Most cloud calls per second the poller makes in one project (`APPROVAL_POLL_RATE`), spaced
   * evenly: a pass over S approval-enabled services takes S / pollRate seconds.
   */
  readonly pollRate: number;
  readonly remindAfterSeconds: number;
  readonly escalateAfterSeconds: number;
  /** How long a replica may hold a request in `deciding` before the poller reconciles it with the cloud. */
  readonly decisionLeaseSeconds: number;
}

export interface LimitsConfig {
  /**
   * Lists, page turns and App Home refreshes one person may make at once; after that, one a second
   * (one a second is never refused).
   */
  readonly listBurst: number;
}

export interface Config {
  readonly slack: SlackConfig;
  readonly port: number;
  readonly redis: RedisConfig;
  readonly cloud: CloudConfig;
  readonly access: AccessConfig;
  readonly approvals: ApprovalConfig;
  readonly limits: LimitsConfig;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}
