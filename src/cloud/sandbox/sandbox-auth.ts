/**
 * The emulator's gateway check, as strict as the real one: an `X-Auth-Token` it issued, or an AK/SK
 * signature recomputed from the raw request, with `X-Sdk-Date` within 15 minutes. Both signature
 * forms are accepted: the API Gateway form of reference §5.2 (`Access=`, keyed with the SK) and the
 * Go SDK's derived-key form (`Credential=<AK>/<date>/<region>/<service>/sdk_request`). Anything else
 * is 401 with the gateway's error body.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { canonicalRequest, parseSdkDate, SIGNING_ALGORITHM, signature } from '../otc/signer.js';
import { type SdkScope, sdkCanonicalRequest, sdkSignature } from '../otc/signer-sdk.js';
import type { SandboxEnv, Scope } from './router.js';
import { gatewayError, vpcepError } from './sandbox-wire.js';

export const MAX_CLOCK_SKEW_MS = 15 * 60_000;

export interface SandboxAkSk {
  readonly accessKey: string;
  readonly secretKey: string;
}

/** What the check needs of the incoming request. */
export interface IncomingCall {
  readonly method: string;
  /** Path and query exactly as received. */
  readonly rawUrl: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** The `{project_id}` of the path, when the route has one. */
  readonly pathProjectId: string | undefined;
}

const APIG_AUTHORIZATION =
  /^SDK-HMAC-SHA256 Access=([^,\s]+), SignedHeaders=([^,\s]+), Signature=([0-9a-f]+)$/;
const SDK_AUTHORIZATION =
  /^SDK-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]*)\/([^/,\s]*)\/sdk_request, SignedHeaders=([^,\s]+), Signature=([0-9a-f]+)$/;

/** What an Authorization header of either form says. */
interface ParsedAuthorization {
  readonly accessKey: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
  /** Present for the Go SDK's derived-key form only. */
  readonly scope: SdkScope | undefined;
}

function parseAuthorization(value: string): ParsedAuthorization | undefined {
  const apig = APIG_AUTHORIZATION.exec(value);
  if (apig) {
    const [, accessKey = '', signed = '', given = ''] = apig;
    return { accessKey, signedHeaders: signed.split(';'), signature: given, scope: undefined };
  }
  const sdk = SDK_AUTHORIZATION.exec(value);
  if (!sdk) return undefined;
  const [, accessKey = '', date = '', region = '', service = '', signed = '', given = ''] = sdk;
  return { accessKey, signedHeaders: signed.split(';'), signature: given, scope: { date, region, service } };
}

/** Which form an Authorization header uses, for the request log. */
export function signingFormOf(value: string | undefined): 'sdk' | 'apig' | undefined {
  const parsed = value ? parseAuthorization(value) : undefined;
  return parsed ? (parsed.scope ? 'sdk' : 'apig') : undefined;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function denied(message: string): never {
  throw gatewayError(401, 'APIGW.0301', `Incorrect IAM authentication information: ${message}`);
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Verifies the AK/SK signature of `call`; throws 401 when it does not match. */
export function verifySignature(call: IncomingCall, credentials: SandboxAkSk, nowMs: number): void {
  const parsed = parseAuthorization(header(call.headers, 'authorization') ?? '');
  if (!parsed) denied('the Authorization header is not SDK-HMAC-SHA256');
  const { accessKey, signedHeaders, scope } = parsed;
  if (!sameText(accessKey, credentials.accessKey)) denied(`ak ${accessKey} not exist`);
  const sdkDate = header(call.headers, 'x-sdk-date') ?? '';
  const date = parseSdkDate(sdkDate);
  if (!date) denied('X-Sdk-Date is missing or malformed');
  if (Math.abs(nowMs - date.getTime()) > MAX_CLOCK_SKEW_MS) denied('the request has expired (X-Sdk-Date)');
  if (scope && scope.date !== sdkDate.slice(0, 8)) denied('the credential date is not the day of X-Sdk-Date');
  if (!signedHeaders.includes('x-sdk-date')) denied('x-sdk-date is not signed');
  // Unsigned, the Host could be changed to replay the request against another service (§5.2 step 2.4).
  if (!signedHeaders.includes('host')) denied('host is not signed');
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) headers[name] = header(call.headers, name) ?? '';
  const host = header(call.headers, 'host') ?? 'localhost';
  const url = new URL(call.rawUrl, `http://${host}`);
  const request = { method: call.method, url, headers, body: call.body };
  const expected = scope
    ? sdkSignature(credentials.secretKey, sdkDate, scope, sdkCanonicalRequest(request, signedHeaders))
    : signature(credentials.secretKey, sdkDate, canonicalRequest(request, signedHeaders));
  if (!sameText(expected, parsed.signature)) denied('verify aksk signature fail');
}

function knownProject(env: SandboxEnv, projectId: string): string {
  if (!env.projects.some((p) => p.projectId === projectId)) {
    throw vpcepError(400, 'EndPoint.0014', 'Invalid project ID.');
  }
  return projectId;
}

/** Authenticates `call` and returns the project it acts in. */
export async function authenticate(
  call: IncomingCall,
  env: SandboxEnv,
  credentials: SandboxAkSk,
  nowMs: number,
): Promise<Scope> {
  const token = header(call.headers, 'x-auth-token');
  if (token) {
    const issued = await env.store.getToken(token);
    if (!issued || issued.expiresAtMs <= nowMs) denied('decrypt token fail');
    if (call.pathProjectId && call.pathProjectId !== issued.projectId) {
      throw vpcepError(403, 'EndPoint.0004', 'The token is not scoped to this project.');
    }
    return { projectId: issued.projectId, domainId: issued.domainId };
  }
  if (!header(call.headers, 'authorization')?.startsWith(SIGNING_ALGORITHM)) {
    denied('neither X-Auth-Token nor an SDK-HMAC-SHA256 Authorization header was sent');
  }
  verifySignature(call, credentials, nowMs);
  const projectHeader = header(call.headers, 'x-project-id');
  if (call.pathProjectId && projectHeader && projectHeader !== call.pathProjectId) {
    throw vpcepError(403, 'EndPoint.0004', 'X-Project-Id does not match the project of the path.');
  }
  const projectId = call.pathProjectId ?? projectHeader;
  if (!projectId) throw gatewayError(400, 'APIGW.0201', 'X-Project-Id is required for this API with AK/SK.');
  return { projectId: knownProject(env, projectId), domainId: env.domainId };
}
