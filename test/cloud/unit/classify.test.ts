import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  CloudUnavailableError,
  ConflictError,
  InvalidParameterError,
  NotFoundError,
  PermissionDeniedError,
  PortConflictError,
  QuotaExceededError,
  RateLimitedError,
} from '#src/cloud/errors.js';
import { errorFromNetwork, errorFromResponse, retryAfterMs } from '#src/cloud/otc/classify.js';
import { AKSK_HINT, PASSWORD_HINT } from '#src/cloud/otc/otc-auth.js';

const classify = (status: number, code?: string, message?: string, hint = AKSK_HINT) =>
  errorFromResponse(status, { code, message }, 'create the endpoint service', hint);

describe('turning cloud answers into error kinds', () => {
  it.each([
    [400, 'Endpoint.1018', QuotaExceededError],
    [400, 'ENDPOINT.1018', QuotaExceededError],
    [400, 'EndPoint.0022', RateLimitedError],
    [429, 'APIG.0308', RateLimitedError],
    [429, 'APIGW.0308', RateLimitedError],
    [400, 'APIGW.0308', RateLimitedError],
    [429, undefined, RateLimitedError],
    [404, 'EndPoint.0005', NotFoundError],
    [400, 'EndPoint.2003', NotFoundError],
    [400, 'endpoint.3044', PortConflictError],
    [401, 'APIGW.0301', AuthenticationError],
    [400, 'EndPoint.0003', AuthenticationError],
    [403, undefined, PermissionDeniedError],
    [400, 'EndPoint.3006', ConflictError],
    [400, 'EndPoint.1003', InvalidParameterError],
    [400, 'EndPoint.3042', InvalidParameterError],
    [500, 'EndPoint.0001', CloudUnavailableError],
    [503, undefined, CloudUnavailableError],
  ])('HTTP %i with %s is a %s', (status, code, kind) => {
    const error = classify(status, code);
    expect(error).toBeInstanceOf(kind);
    expect(error.status).toBe(status);
    expect(error.otcCode).toBe(code);
  });

  it('compares OTC codes ignoring case', () => {
    const error = classify(400, 'Endpoint.1018', 'Quota exceeded.');
    expect(error.hasCode('EndPoint.1018')).toBe(true);
    expect(error.hasCode('endpoint.1018')).toBe(true);
    expect(error.hasCode('EndPoint.1019')).toBe(false);
  });

  it('marks throttling and outages retryable, everything else not', () => {
    expect(classify(400, 'EndPoint.0022').retryable).toBe(true);
    expect(classify(502).retryable).toBe(true);
    expect(classify(400, 'EndPoint.1003').retryable).toBe(false);
    expect(classify(401).retryable).toBe(false);
  });

  it('names the credential variables to check, per authentication mode', () => {
    expect(classify(401).userMessage).toContain('OTC_ACCESS_KEY and OTC_SECRET_KEY');
    expect(classify(401, undefined, undefined, PASSWORD_HINT).userMessage).toContain(
      'OTC_USERNAME, OTC_PASSWORD and OTC_DOMAIN_NAME',
    );
  });

  it('tells a person the cause and what to do, with the cloud message and code', () => {
    expect(classify(400, 'EndPoint.3021', 'Invalid server_type.').userMessage).toBe(
      'The cloud refused to create the endpoint service: Invalid server_type. (EndPoint.3021) The backend type is not valid. Choose a load balancer, an ECS or a BMS.',
    );
  });

  it('tells a person to wait for a service that is not available yet (EndPoint.2004)', () => {
    const error = errorFromResponse(
      400,
      { code: 'EndPoint.2004', message: 'The endpoint service is unavailable.' },
      'accept the connection',
      AKSK_HINT,
    );
    expect(error.userMessage).toBe(
      'The cloud refused to accept the connection: The endpoint service is unavailable. (EndPoint.2004) The endpoint service is not available yet; wait until it is available, then try again.',
    );
  });

  it('keeps the cause of a network failure', () => {
    const cause = new TypeError('fetch failed');
    const error = errorFromNetwork(cause, 'list VPCs', true);
    expect(error).toBeInstanceOf(CloudUnavailableError);
    expect(error.cause).toBe(cause);
    expect(error.userMessage).toBe(
      'The cloud did not answer in time while trying to list VPCs. Try again in a few minutes.',
    );
  });
});

describe('Retry-After', () => {
  it('reads delta-seconds and HTTP dates, and ignores what it cannot read', () => {
    const now = Date.parse('2024-10-22T10:00:00Z');
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs(' 120 ', now)).toBe(120_000);
    expect(retryAfterMs('Tue, 22 Oct 2024 10:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('Tue, 22 Oct 2024 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });

  it('travels with a throttling error and decides the message', () => {
    const headers = new Headers({ 'Retry-After': '300' });
    const error = errorFromResponse(
      429,
      { code: 'APIGW.0308', message: undefined },
      'list VPCs',
      AKSK_HINT,
      headers,
    );
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ retryAfterMs: 300_000, retryable: true });
    expect(error.userMessage).toContain('try again in 5 minutes');
  });
});
