/**
 * Turns a failed HTTP exchange into one of the project's cloud errors (src/cloud/errors.ts), with a
 * message a person can act on: the cause, then what to do.
 */
import {
  AuthenticationError,
  type CloudError,
  type CloudErrorInit,
  CloudUnavailableError,
  ConflictError,
  InvalidParameterError,
  NotFoundError,
  PermissionDeniedError,
  PortConflictError,
  QuotaExceededError,
  RateLimitedError,
} from '../errors.js';
import type { ErrorBody } from './wire/error-body-wire.js';

/** Names the configuration an operator must check when the cloud refuses the credentials. */
export interface CredentialHint {
  /** e.g. "OTC_ACCESS_KEY and OTC_SECRET_KEY". */
  readonly variables: string;
}

/** `EndPoint.0022` (VPCEP), and the API gateway's throttling code in both spellings (reference §3.3). */
const RATE_LIMIT_CODES = ['endpoint.0022', 'apigw.0308', 'apig.0308'];
const QUOTA_CODES = ['endpoint.1018'];
const NOT_FOUND_CODES = ['endpoint.0005', 'endpoint.2003'];
const CONFLICT_CODES = [
  'endpoint.3005',
  'endpoint.3006',
  'endpoint.3045',
  'endpoint.2014',
  'endpoint.2018',
  'endpoint.2019',
];

/** What to tell a person for codes whose cloud message alone is not enough. */
const ADVICE: Readonly<Record<string, string>> = {
  'endpoint.3006':
    'The endpoint service still has accepted (or connecting) endpoints. Reject or remove those connections first, then delete it.',
  'endpoint.3045':
    'The endpoint service is busy (being created, changed or deleted). Wait a minute and try again.',
  'endpoint.3042': 'The chosen backend does not belong to the chosen VPC. Pick a backend from that VPC.',
  'endpoint.3021': 'The backend type is not valid. Choose a load balancer, an ECS or a BMS.',
  'endpoint.1003': 'The name may have at most 16 letters, digits, "_" or "-".',
  'endpoint.3076': 'The name may have at most 16 letters, digits, "_" or "-".',
  'endpoint.2031': 'Only one endpoint can be accepted or rejected per call.',
  'endpoint.2012':
    "The consumer's account is not on the endpoint service's whitelist. Add the account to the whitelist, then ask to connect again.",
  'endpoint.2004': 'The endpoint service is not available yet; wait until it is available, then try again.',
  'endpoint.3002':
    'A whitelist entry is an account (domain) ID of up to 64 letters and digits, or * for everyone.',
};

function sentence(text: string | undefined): string {
  if (!text) return '';
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function codeSuffix(body: ErrorBody, status: number): string {
  return body.code ? ` (${body.code})` : ` (HTTP ${status})`;
}

/**
 * `Retry-After` in milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when
 * absent or unreadable, 0 for a date in the past.
 */
export function retryAfterMs(value: string | null | undefined, nowMs = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** Maps an HTTP error answer (and its headers, for `Retry-After`) to the matching cloud error kind. */
export function errorFromResponse(
  status: number,
  body: ErrorBody,
  operation: string,
  credentials: CredentialHint,
  headers?: Headers,
): CloudError {
  const code = body.code?.toLowerCase() ?? '';
  const init: CloudErrorInit = {
    operation,
    status,
    otcCode: body.code,
    otcMessage: body.message,
    userMessage: '',
  };
  const said = sentence(body.message);
  const ref = codeSuffix(body, status);

  if (status === 429 || RATE_LIMIT_CODES.includes(code)) {
    const waitMs = retryAfterMs(headers?.get('retry-after'));
    const when =
      waitMs !== undefined && waitMs > 60_000 ? `in ${Math.ceil(waitMs / 60_000)} minutes` : 'in a minute';
    return new RateLimitedError({
      ...init,
      retryAfterMs: waitMs,
      userMessage: `The cloud is throttling requests right now${ref}, so it did not ${operation}. Nothing was changed; try again ${when}.`,
    });
  }
  if (status === 401 || code === 'endpoint.0003') {
    return new AuthenticationError({
      ...init,
      userMessage: `The cloud rejected the bot's credentials${ref} while trying to ${operation}. A bot operator must check ${credentials.variables}.`,
    });
  }
  if (status === 403 || code === 'endpoint.0004') {
    return new PermissionDeniedError({
      ...init,
      userMessage: `The bot's cloud user is not allowed to ${operation}${ref}. A bot operator must grant the IAM actions listed in docs/iam-permissions.md.`,
    });
  }
  if (QUOTA_CODES.includes(code)) {
    return new QuotaExceededError({
      ...init,
      userMessage: `The project has reached its quota of VPC endpoint services${ref}. Delete a service you no longer need, or ask the cloud administrators to raise the quota, then try again.`,
    });
  }
  if (code === 'endpoint.3044') {
    return new PortConflictError({
      ...init,
      userMessage: `Another endpoint service on this backend already uses the same backend port${ref}. Choose different backend (server) ports, or change the other service.`,
    });
  }
  if (status === 404 || NOT_FOUND_CODES.includes(code)) {
    return new NotFoundError({
      ...init,
      userMessage: `The cloud could not find it${ref}, so it did not ${operation}; it may have been deleted. Refresh and try again.`,
    });
  }
  if (status >= 500) {
    return new CloudUnavailableError({
      ...init,
      userMessage: `The cloud failed to ${operation}${ref}. Try again in a few minutes; if it persists, the cloud may have an outage.`,
    });
  }
  const advice = ADVICE[code] ?? '';
  if (status === 409 || CONFLICT_CODES.includes(code)) {
    return new ConflictError({
      ...init,
      userMessage:
        `The cloud refused to ${operation}: ${said || 'the resource is in a state that does not allow it.'}${ref} ${advice || 'Wait a minute and try again.'}`.trim(),
    });
  }
  return new InvalidParameterError({
    ...init,
    userMessage:
      `The cloud refused to ${operation}: ${said || 'a parameter is invalid.'}${ref} ${advice || 'Correct the value and try again.'}`.trim(),
  });
}

/** A request that got no HTTP answer: refused connection, reset, DNS failure or timeout. */
export function errorFromNetwork(
  error: unknown,
  operation: string,
  timedOut: boolean,
): CloudUnavailableError {
  const reason = timedOut ? 'did not answer in time' : 'could not be reached';
  return new CloudUnavailableError({
    operation,
    userMessage: `The cloud ${reason} while trying to ${operation}. Try again in a few minutes.`,
    cause: error,
  });
}
