/**
 * AK/SK signing as gophertelekomcloud does it (`signer_helper.go`, called from `provider_client.go`
 * with an empty region and service), the form the OTC Terraform provider uses in production:
 *
 * - `Authorization: SDK-HMAC-SHA256 Credential=<AK>/<yyyymmdd>///sdk_request, SignedHeaders=…, Signature=…`;
 * - the key is derived: HMAC chain from `"SDK"+SK` over the date, the region, the service and `sdk_request`;
 * - the string to sign carries that scope as an extra line;
 * - every header the request carries is signed, not only host, date and content type.
 *
 * The canonical request follows the Go code, including where it differs from the API Gateway form of
 * signer.ts: the query is parsed like Go's `url.Values` (`+` is a space, only a key's first value is
 * signed, keys sorted ignoring case), and a POST without a body signs an empty query and hashes the
 * encoded query instead of the body.
 */
import { createHmac } from 'node:crypto';
import {
  type AkSk,
  encodeRfc3986,
  formatSdkDate,
  SIGNING_ALGORITHM,
  type SignableRequest,
  sha256Hex,
} from './signer.js';

/** The last element of the scope, a constant of the Go SDK. */
export const SDK_SCOPE_TERMINATOR = 'sdk_request';
/** Prefixed to the secret key before the first HMAC, a constant of the Go SDK. */
export const SDK_KEY_PREFIX = 'SDK';

/** The scope the Go SDK signs with: `yyyymmdd/<region>/<service>/sdk_request` (both empty for OTC). */
export interface SdkScope {
  readonly date: string;
  readonly region: string;
  readonly service: string;
}

export function scopeText(scope: SdkScope): string {
  return [scope.date, scope.region, scope.service, SDK_SCOPE_TERMINATOR].join('/');
}

function decodeLenient(text: string, plusIsSpace = false): string | undefined {
  try {
    return decodeURIComponent(plusIsSpace ? text.replaceAll('+', ' ') : text);
  } catch {
    return undefined;
  }
}

/** Go's `url.ParseQuery`: pairs in order, `+` is a space; a pair that does not decode is dropped. */
function goQueryPairs(search: string): [string, string][] {
  const raw = search.startsWith('?') ? search.slice(1) : search;
  const pairs: [string, string][] = [];
  for (const part of raw.split('&')) {
    if (part === '' || part.includes(';')) continue;
    const eq = part.indexOf('=');
    const name = decodeLenient(eq < 0 ? part : part.slice(0, eq), true);
    const value = decodeLenient(eq < 0 ? '' : part.slice(eq + 1), true);
    if (name !== undefined && value !== undefined) pairs.push([name, value]);
  }
  return pairs;
}

/** The path decoded, a `/` appended, then each byte outside `A-Z a-z 0-9 - _ . ~ /` percent-encoded. */
export function sdkCanonicalUri(pathname: string): string {
  let path = decodeLenient(pathname) ?? pathname;
  if (!path.startsWith('/')) path = `/${path}`;
  if (!path.endsWith('/')) path = `${path}/`;
  return path.split('/').map(encodeRfc3986).join('/');
}

/** Each key once with its first value, encoded, sorted by key ignoring case (`encodeQueryString`). */
export function sdkCanonicalQuery(search: string): string {
  const first = new Map<string, string>();
  for (const [name, value] of goQueryPairs(search)) if (!first.has(name)) first.set(name, value);
  const entries = [...first].map(([name, value]) => [encodeRfc3986(name), encodeRfc3986(value)] as const);
  entries.sort(([a], [b]) => compare(a.toLowerCase(), b.toLowerCase()));
  return entries.map(([name, value]) => `${name}=${value}`).join('&');
}

/** Go's `url.Values.Encode()`: keys sorted, every value, spaces as `+`. */
export function goValuesEncode(search: string): string {
  const byName = new Map<string, string[]>();
  for (const [name, value] of goQueryPairs(search)) byName.set(name, [...(byName.get(name) ?? []), value]);
  const queryEscape = (text: string) => encodeRfc3986(text).replaceAll('%20', '+');
  return [...byName.keys()]
    .sort(compare)
    .flatMap((name) => (byName.get(name) ?? []).map((value) => `${queryEscape(name)}=${queryEscape(value)}`))
    .join('&');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A POST without a body: Go signs no query and hashes the encoded query as the payload. */
function queryIsPayload(request: SignableRequest): boolean {
  return request.method.toUpperCase() === 'POST' && request.body.length === 0;
}

/** The canonical request over `signedHeaders` (lower case, already sorted). */
export function sdkCanonicalRequest(request: SignableRequest, signedHeaders: readonly string[]): string {
  const lower: Record<string, string> = { host: request.url.host };
  for (const [name, value] of Object.entries(request.headers)) lower[name.toLowerCase()] = value;
  // Go collapses runs of white space in a value to one space and does not trim.
  const headerLines = signedHeaders
    .map((name) => `${name}:${(lower[name] ?? '').replace(/\s+/g, ' ')}\n`)
    .join('');
  const payload = queryIsPayload(request) ? goValuesEncode(request.url.search) : request.body;
  return [
    request.method.toUpperCase(),
    sdkCanonicalUri(request.url.pathname),
    queryIsPayload(request) ? '' : sdkCanonicalQuery(request.url.search),
    headerLines,
    signedHeaders.join(';'),
    sha256Hex(payload),
  ].join('\n');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

/** `buildSignKey`: kDate = HMAC("SDK"+SK, date), then region, service and `sdk_request`. */
export function sdkSigningKey(secretKey: string, scope: SdkScope): Buffer {
  const kDate = hmac(`${SDK_KEY_PREFIX}${secretKey.trim()}`, scope.date);
  const kRegion = hmac(kDate, scope.region);
  const kService = hmac(kRegion, scope.service);
  return hmac(kService, SDK_SCOPE_TERMINATOR);
}

/** `hex(HMAC(key, "SDK-HMAC-SHA256\n" + X-Sdk-Date + "\n" + scope + "\n" + hex(sha256(canonical))))`. */
export function sdkSignature(secretKey: string, sdkDate: string, scope: SdkScope, canonical: string): string {
  const stringToSign = [SIGNING_ALGORITHM, sdkDate, scopeText(scope), sha256Hex(canonical)].join('\n');
  return createHmac('sha256', sdkSigningKey(secretKey, scope)).update(stringToSign).digest('hex');
}

/**
 * Signs a request as the Go SDK does: returns the headers to add (`X-Sdk-Date`, `Authorization`).
 * Every header in `request.headers` is signed, with `host` and `x-sdk-date`.
 */
export function signSdkRequest(
  request: SignableRequest,
  credentials: AkSk,
  now: Date,
): Record<string, string> {
  const sdkDate = formatSdkDate(now);
  const withDate: SignableRequest = { ...request, headers: { ...request.headers, 'X-Sdk-Date': sdkDate } };
  const names = new Set(['host', ...Object.keys(withDate.headers).map((name) => name.trim().toLowerCase())]);
  const signedHeaders = [...names].sort(compare);
  const scope: SdkScope = { date: sdkDate.slice(0, 8), region: '', service: '' };
  const sig = sdkSignature(
    credentials.secretKey,
    sdkDate,
    scope,
    sdkCanonicalRequest(withDate, signedHeaders),
  );
  return {
    'X-Sdk-Date': sdkDate,
    Authorization: `${SIGNING_ALGORITHM} Credential=${credentials.accessKey.trim()}/${scopeText(scope)}, SignedHeaders=${signedHeaders.join(';')}, Signature=${sig}`,
  };
}
