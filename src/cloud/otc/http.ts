/**
 * One HTTP exchange with the cloud, on Node's fetch: builds the URL, authenticates, applies a timeout
 * per attempt, retries as the call's `RetryMode` allows, turns failures into cloud errors and parses
 * the answer with zod. Every attempt is reported to `observe` (metrics) and logged at debug level.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';
import type { Logger } from '../../platform/logging/logger.js';
import { BadResponseError, CloudError, ServiceNotOfferedError } from '../errors.js';
import { type CredentialHint, errorFromNetwork, errorFromResponse } from './classify.js';
import type { OtcServiceName } from './endpoints.js';
import type { Authenticator, PreparedRequest } from './otc-auth.js';
import { mayRetry, type RetryMode, type RetryPolicy, retryDelay } from './retry.js';
import { encodeRfc3986 } from './signer.js';
import { parseCloudJson } from './wire/common-wire.js';
import { parseErrorBody } from './wire/error-body-wire.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type QueryValue = string | number | boolean | undefined | readonly string[];

/** One attempt, for metrics. `status` is 'network' when no HTTP answer arrived. */
export interface CloudCallEvent {
  readonly service: string;
  readonly method: string;
  readonly status: number | 'network';
  readonly durationMs: number;
}

export interface CallSpec {
  readonly service: OtcServiceName;
  readonly method: HttpMethod;
  /** Already encoded, e.g. from `apiPath`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly body?: unknown;
  /** A phrase for errors and logs: "list endpoint services". */
  readonly operation: string;
  readonly retry: RetryMode;
  readonly timeoutMs?: number;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON (with exact `marker_id`s), or undefined for an empty body. */
  readonly body: unknown;
}

export interface TransportOptions {
  /** The service's base URL (it may wait for the IAM catalog); undefined when the region lacks it. */
  readonly baseUrl: (service: OtcServiceName) => string | undefined | Promise<string | undefined>;
  /** Undefined for the unauthenticated IAM token request. */
  readonly auth: Authenticator | undefined;
  readonly hint: CredentialHint;
  readonly logger: Logger;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  readonly observe?: ((event: CloudCallEvent) => void) | undefined;
}

/** Encodes a query per RFC 3986; array values repeat the name; undefined values are left out. */
export function encodeQuery(query: Readonly<Record<string, QueryValue>> | undefined): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [String(value)];
    for (const v of values) parts.push(`${encodeRfc3986(name)}=${encodeRfc3986(v)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

export class OtcTransport {
  constructor(private readonly options: TransportOptions) {}

  /** Sends `spec` and parses the JSON answer with `schema`. */
  async request<S extends z.ZodType>(spec: CallSpec, schema: S): Promise<z.output<S>> {
    const response = await this.send(spec);
    const parsed = schema.safeParse(response.body);
    if (parsed.success) return parsed.data;
    throw new BadResponseError({
      operation: spec.operation,
      status: response.status,
      userMessage: `The cloud answered in an unexpected format, so the bot could not ${spec.operation}. Tell the bot operators; nothing else is needed from you.`,
      cause: parsed.error,
    });
  }

  /** Sends `spec` with retries; resolves with any 2xx answer, throws a `CloudError` otherwise. */
  async send(spec: CallSpec): Promise<RawResponse> {
    const { retry, logger } = this.options;
    const baseUrl = await this.options.baseUrl(spec.service);
    if (baseUrl === undefined) throw notOffered(spec);
    let renewed = false;
    for (let attempt = 1; ; attempt++) {
      const prepared = this.prepare(spec, baseUrl);
      // Credentials that cannot be obtained (a refused IAM password) fail the call as they are: the
      // token request has its own retries, and renewing cannot help.
      const authHeaders = this.options.auth ? await this.options.auth.headersFor(prepared) : {};
      try {
        return await this.exchange(spec, prepared, authHeaders);
      } catch (error) {
        if (error instanceof CloudError && error.status === 401 && !renewed && this.options.auth?.renew()) {
          renewed = true;
          attempt--;
          logger.info({ operation: spec.operation }, 'cloud refused the token; renewing it once');
          continue;
        }
        if (attempt >= retry.maxAttempts || !mayRetry(spec.retry, error)) throw error;
        const delayMs = retryDelay(retry, attempt, error);
        if (delayMs === undefined) throw error;
        logger.warn(
          { operation: spec.operation, attempt, delayMs, err: error },
          'cloud call failed; retrying',
        );
        await sleep(delayMs);
      }
    }
  }

  private prepare(spec: CallSpec, baseUrl: string): PreparedRequest {
    return {
      method: spec.method,
      url: new URL(`${baseUrl}${spec.path}${encodeQuery(spec.query)}`),
      headers: { 'Content-Type': 'application/json', ...spec.headers },
      body: spec.body === undefined ? '' : JSON.stringify(spec.body),
    };
  }

  private async exchange(
    spec: CallSpec,
    { url, headers: baseHeaders, body }: PreparedRequest,
    authHeaders: Record<string, string>,
  ): Promise<RawResponse> {
    const started = performance.now();
    const report = (status: number | 'network') =>
      this.options.observe?.({
        service: spec.service,
        method: spec.method,
        status,
        durationMs: performance.now() - started,
      });
    let status = 0;
    let text: string;
    let headers: Headers;
    try {
      const response = await fetch(url, {
        method: spec.method,
        headers: { ...baseHeaders, ...authHeaders },
        ...(body ? { body } : {}),
        signal: AbortSignal.timeout(spec.timeoutMs ?? this.options.timeoutMs),
      });
      status = response.status;
      headers = response.headers;
      text = await response.text();
    } catch (error) {
      report('network');
      const timedOut =
        error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      this.options.logger.debug({ operation: spec.operation, err: error }, 'cloud call got no answer');
      throw errorFromNetwork(error, spec.operation, timedOut);
    }
    report(status);
    this.options.logger.debug(
      { service: spec.service, method: spec.method, path: url.pathname, status },
      'cloud call answered',
    );
    const json = parseJson(text);
    if (status >= 200 && status < 300) {
      if (json.ok) return { status, headers, body: json.value };
      throw new BadResponseError({
        operation: spec.operation,
        status,
        userMessage: `The cloud answered with something that is not JSON, so the bot could not ${spec.operation}. Tell the bot operators.`,
        cause: json.error,
      });
    }
    throw errorFromResponse(
      status,
      parseErrorBody(json.ok ? json.value : undefined),
      spec.operation,
      this.options.hint,
      headers,
    );
  }
}

function notOffered(spec: CallSpec): ServiceNotOfferedError {
  const variable = `OTC_ENDPOINT_${spec.service.toUpperCase()}`;
  return new ServiceNotOfferedError({
    operation: spec.operation,
    userMessage: `The cloud region offers no ${spec.service.toUpperCase()} service that the bot knows of, so it did not ${spec.operation}. If the region has one, a bot operator can name its host in ${variable}.`,
  });
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: unknown } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: parseCloudJson(text) };
  } catch (error) {
    return { ok: false, error };
  }
}
