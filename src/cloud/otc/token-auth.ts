/**
 * IAM password tokens (reference §5.1): one project-scoped token per project, fetched with
 * `POST /v3/auth/tokens`, cached until `refreshMarginMs` before it expires, shared by concurrent
 * callers, and dropped when the cloud answers 401 (the transport then retries once with a new one).
 */
import { z } from 'zod';
import type { Logger } from '../../platform/logging/logger.js';
import { BadResponseError } from '../errors.js';
import type { OtcTransport } from './http.js';
import { type Authenticator, PASSWORD_HINT } from './otc-auth.js';
import { catalogWire, type ServiceCatalog } from './service-catalog.js';
import { timestamp } from './wire/common-wire.js';

export interface PasswordCredentials {
  readonly username: string;
  readonly password: string;
  readonly domainName: string;
}

export interface TokenAuthOptions {
  /** An unauthenticated transport whose `iam` base URL is the project's region IAM. */
  readonly iam: OtcTransport;
  readonly projectId: string;
  readonly credentials: PasswordCredentials;
  readonly logger: Logger;
  /**
   * Ask IAM for the service catalog (`token.catalog`): only when it decides hosts, i.e. when no
   * `OTC_ENDPOINT_TEMPLATE` sends every service elsewhere anyway. Otherwise `?nocatalog=true`.
   */
  readonly withCatalog?: boolean;
  /** Renew this long before `expires_at`; default 5 minutes. */
  readonly refreshMarginMs?: number;
  readonly now?: () => number;
}

const tokenBody = z.object({
  token: z.object({
    expires_at: timestamp,
    project: z.object({ domain: z.object({ id: z.string() }).nullish() }).nullish(),
    user: z.object({ domain: z.object({ id: z.string() }).nullish() }).nullish(),
    // A catalog the bot cannot read is no catalog: the region table still knows the hosts.
    catalog: catalogWire.optional().catch(undefined),
  }),
});

interface CachedToken {
  readonly value: string;
  readonly refreshAtMs: number;
  readonly catalog: ServiceCatalog | undefined;
}

/** An `Authenticator` sending `X-Auth-Token`, plus the account (domain) ID the token revealed. */
export interface TokenAuthenticator extends Authenticator {
  /** The account (domain) ID from the last token, once one was fetched. */
  domainId(): string | undefined;
  /** The service catalog of the current token (fetching one if needed); undefined without one. */
  catalog(): Promise<ServiceCatalog | undefined>;
}

export function tokenAuthenticator(options: TokenAuthOptions): TokenAuthenticator {
  const now = options.now ?? Date.now;
  const margin = options.refreshMarginMs ?? 5 * 60_000;
  let cached: CachedToken | undefined;
  let pending: Promise<CachedToken> | undefined;
  let domainId: string | undefined;

  async function fetchToken(): Promise<CachedToken> {
    const { username, password, domainName } = options.credentials;
    const response = await options.iam.send({
      service: 'iam',
      method: 'POST',
      path: '/v3/auth/tokens',
      query: options.withCatalog ? {} : { nocatalog: 'true' },
      headers: { 'Content-Type': 'application/json;charset=utf8' },
      body: {
        auth: {
          identity: {
            methods: ['password'],
            password: { user: { name: username, password, domain: { name: domainName } } },
          },
          scope: { project: { id: options.projectId } },
        },
      },
      operation: 'obtain an IAM token',
      retry: 'idempotent',
    });
    const value = response.headers.get('x-subject-token');
    const body = tokenBody.safeParse(response.body);
    if (!value || !body.success) {
      throw new BadResponseError({
        operation: 'obtain an IAM token',
        status: response.status,
        userMessage: 'IAM answered without a usable token. Tell the bot operators.',
        cause: body.success ? undefined : body.error,
      });
    }
    const expiresAtMs = Date.parse(body.data.token.expires_at ?? '') || now() + 3_600_000;
    domainId = body.data.token.project?.domain?.id ?? body.data.token.user?.domain?.id ?? domainId;
    options.logger.debug({ projectId: options.projectId, expiresAtMs }, 'obtained an IAM token');
    return { value, refreshAtMs: expiresAtMs - margin, catalog: body.data.token.catalog };
  }

  async function current(): Promise<CachedToken> {
    if (cached && now() < cached.refreshAtMs) return cached;
    pending ??= fetchToken().finally(() => {
      pending = undefined;
    });
    const token = await pending;
    cached = token;
    return token;
  }

  return {
    hint: PASSWORD_HINT,
    async headersFor() {
      return { 'X-Auth-Token': (await current()).value };
    },
    renew() {
      cached = undefined;
      return true;
    },
    domainId: () => domainId,
    catalog: async () => (await current()).catalog,
  };
}
