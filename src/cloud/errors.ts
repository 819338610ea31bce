/**
 * The cloud's failures as the project's own errors. One base class carries the HTTP status, the OTC
 * error code (compared case-insensitively: the cloud spells both `EndPoint.` and `Endpoint.`), the
 * cloud's message and whether a retry may help; subclasses name the kinds callers branch on.
 * `userMessage` names the cause and what to do; it never contains a secret.
 */
import { AppError } from '../platform/errors/app-error.js';

export interface CloudErrorInit {
  /** What the bot was doing, as a phrase: "create the endpoint service". */
  readonly operation: string;
  readonly userMessage: string;
  /** HTTP status; undefined when no answer arrived (network error, timeout). */
  readonly status?: number | undefined;
  readonly otcCode?: string | undefined;
  readonly otcMessage?: string | undefined;
  readonly retryable?: boolean;
  readonly cause?: unknown;
}

/**
 * A user message quoting the cloud (its error message and code) is plain text, shown in messages and
 * modals alike: `<` and `>` become look-alikes there, so whatever the cloud says can neither mention
 * nor link, escaped by the renderer or not.
 */
export function inertText(text: string): string {
  return text.replace(/</g, '‹').replace(/>/g, '›');
}

/** Any failure of a cloud call. Subclasses below name the kinds that callers handle specifically. */
export class CloudError extends AppError {
  readonly operation: string;
  readonly status: number | undefined;
  readonly otcCode: string | undefined;
  readonly otcMessage: string | undefined;

  constructor(code: string, init: CloudErrorInit) {
    const detail = [init.status, init.otcCode, init.otcMessage].filter((part) => part !== undefined);
    super(code, `cloud: ${init.operation} failed${detail.length ? ` (${detail.join(' ')})` : ''}`, {
      userMessage: inertText(init.userMessage),
      retryable: init.retryable ?? false,
      cause: init.cause,
    });
    this.operation = init.operation;
    this.status = init.status;
    this.otcCode = init.otcCode;
    this.otcMessage = init.otcMessage;
  }

  /** True when the cloud's error code equals `code`, ignoring case (`Endpoint.1018` = `EndPoint.1018`). */
  hasCode(code: string): boolean {
    return this.otcCode !== undefined && this.otcCode.toLowerCase() === code.toLowerCase();
  }
}

/** `Endpoint.1018`: the project has as many endpoint services as its quota allows. */
export class QuotaExceededError extends CloudError {
  constructor(init: CloudErrorInit) {
    super('CLOUD_QUOTA_EXCEEDED', init);
  }
}

/**
 * HTTP 429, `EndPoint.0022`, or the API gateway's `APIGW.0308` / `APIG.0308`: throttled; the request
 * was not processed.
 */
export class RateLimitedError extends CloudError {
  /** How long the cloud asked to wait (`Retry-After`), when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(init: CloudErrorInit & { readonly retryAfterMs?: number | undefined }) {
    super('CLOUD_RATE_LIMITED', { ...init, retryable: true });
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** HTTP 404 or `EndPoint.0005`: the resource does not exist (any more). */
export class NotFoundError extends CloudError {
  constructor(init: CloudErrorInit) {
    super('CLOUD_NOT_FOUND', init);
  }
}

/** `EndPoint.3044`: another service on the same backend already uses these ports. */
export class PortConflictError extends CloudError {
  constructor(init: CloudErrorInit) {
    super('CLOUD_PORT_CONFLICT', init);
  }
}

/** HTTP 401: the credentials (AK/SK or IAM password) were refused. An operator must fix them. */
export class AuthenticationError extends CloudError {
  constructor(init: CloudErrorInit) {
    super('CLOUD_AUTH_FAILED', init);
  }
}

/** HTTP 403: authenticated, but the cloud user lacks an IAM action (see docs/iam-permissions.md). */
export class PermissionDeniedError extends CloudError {
  constructor(init: CloudErrorInit) {
    super('CLOUD_PERMISSION_DENIED', init);
  }
}

/** A 4xx that names a bad parameter (name, ports, server type, tags, VPC/port mismatch, …). */
export class InvalidParameterError extends CloudError {
  constructor(init: CloudErrorInit) {
    super('CLOUD_INVALID_PARAMETER', init);
  }
}

/** The request is valid but the resource's state refuses it (in use, being created or deleted). */
export class ConflictError extends CloudError {
  constructor(init: CloudErrorInit) {
    super('CLOUD_CONFLICT', init);
  }
}

/** 5xx, timeout or network failure: the cloud did not answer properly. */
export class CloudUnavailableError extends CloudError {
  constructor(init: CloudErrorInit) {
    super('CLOUD_UNAVAILABLE', { ...init, retryable: init.retryable ?? true });
  }
}

/** The cloud answered 2xx with a body the bot cannot read. */
export class BadResponseError extends CloudError {
  constructor(init: CloudErrorInit) {
    super('CLOUD_BAD_RESPONSE', init);
  }
}

/** An endpoint service reached `failed`; `otcCode`/`otcMessage` come from its `error[0]`. */
export class ServiceFailedError extends CloudError {
  constructor(init: CloudErrorInit) {
    super('CLOUD_SERVICE_FAILED', init);
  }
}

/** Waiting for a status took longer than the ceiling; the operation may still finish in the cloud. */
export class WaitTimeoutError extends CloudError {
  constructor(init: CloudErrorInit) {
    super('CLOUD_WAIT_TIMEOUT', init);
  }
}

/**
 * A create request was sent but no answer came back, and no matching service has appeared. It may
 * still appear; trying again blindly could create a second one.
 */
export class CreateUnconfirmedError extends CloudError {
  constructor(init: CloudErrorInit) {
    super('CLOUD_CREATE_UNCONFIRMED', init);
  }
}

/**
 * The region offers no such service (BMS outside eu-de): neither a configured host, the IAM catalog
 * nor the region table names one. Raised before any request is sent.
 */
export class ServiceNotOfferedError extends CloudError {
  constructor(init: CloudErrorInit) {
    super('CLOUD_SERVICE_NOT_OFFERED', init);
  }
}
