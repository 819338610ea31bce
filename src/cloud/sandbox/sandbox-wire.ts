/**
 * How the emulator answers: the error bodies of each service (reference §3.1), JSON with `marker_id`
 * as a bare integer (so values beyond 2^53 reach the client exactly as the real API sends them), and
 * timestamps in both documented shapes.
 */
import { randomUUID } from 'node:crypto';

/** A non-2xx answer, thrown by handlers and turned into a response by the server. */
export class OtcHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`sandbox answer ${status}`);
    this.name = 'OtcHttpError';
  }
}

/** VPCEP (and ELB v3) style: `{error_code, error_msg}`. */
export function vpcepError(status: number, code: string, message: string): OtcHttpError {
  return new OtcHttpError(status, { error_code: code, error_msg: message });
}

/** The API gateway in front of every service (authentication, throttling, unknown APIs). */
export function gatewayError(status: number, code: string, message: string): OtcHttpError {
  return new OtcHttpError(status, {
    error_code: code,
    error_msg: message,
    request_id: randomUUID().replaceAll('-', ''),
  });
}

/** IAM (Keystone) style. */
export function keystoneError(status: number, title: string, message: string): OtcHttpError {
  return new OtcHttpError(status, { error: { code: status, title, message } });
}

/** Neutron style. */
export function neutronError(status: number, type: string, message: string): OtcHttpError {
  return new OtcHttpError(status, { NeutronError: { type, message, detail: '' } });
}

/** ECS / BMS style. */
export function serverError(status: number, code: string, message: string): OtcHttpError {
  return new OtcHttpError(status, { error: { code, message } });
}

/** The documented body for a status alone (fault injection without an explicit code). */
export function defaultErrorFor(status: number): { code: string; message: string } {
  if (status === 429) {
    return {
      code: 'APIG.0308',
      message: 'The throttling threshold has been reached: policy user over ratelimit,limit:20,time:1 second',
    };
  }
  if (status >= 500) return { code: 'EndPoint.0001', message: 'System error.' };
  if (status === 401) return { code: 'EndPoint.0003', message: 'Authentication failed.' };
  if (status === 403) return { code: 'EndPoint.0004', message: 'No permission.' };
  if (status === 404) return { code: 'EndPoint.0005', message: 'The resource does not exist.' };
  return { code: 'EndPoint.0002', message: 'Parameter error.' };
}

const QUOTED_MARKER = /("marker_id":)"(-?\d+)"/g;

/** JSON.stringify, with `marker_id` decimal strings written as bare integers. */
export function toWireJson(body: unknown): string {
  return JSON.stringify(body).replace(QUOTED_MARKER, '$1$2');
}

/** `2018-01-30T07:42:01Z`: the documented shape. */
export function zonedSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `2018-01-30T07:42:01.174`: the shape SDK fixtures show (no zone, with milliseconds). */
export function naiveMillis(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, '');
}
