/**
 * AK/SK request signing, "SDK-HMAC-SHA256" in the API Gateway form of the signing guide (reference
 * §5.2, `OTC_SIGNING=apig`), plus the helpers both forms share; the Go SDK's derived-key form (the
 * default) is in signer-sdk.ts. The emulator verifies with the same canonical form, recomputed from
 * the raw request it received; the unit test pins the algorithm to the published vector.
 */
import { createHash, createHmac } from 'node:crypto';

export const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';

export interface AkSk {
  readonly accessKey: string;
  readonly secretKey: string;
}

/** The parts of a request that the signature covers. */
export interface SignableRequest {
  readonly method: string;
  /** The URL as sent: its host, pathname and search are signed. */
  readonly url: URL;
  /** Headers to send; names in any case. `host` is taken from the URL when absent. */
  readonly headers: Readonly<Record<string, string>>;
  /** The exact body bytes sent; empty for GET and DELETE. */
  readonly body: string | Uint8Array;
}

/** RFC 3986 percent-encoding: only `A-Z a-z 0-9 - _ . ~` stay as they are. */
export function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function decodeLenient(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `20191115T033655Z`: the `X-Sdk-Date` format. */
export function formatSdkDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Parses `X-Sdk-Date`; undefined when malformed. */
export function parseSdkDate(text: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return undefined;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The path with each segment decoded and re-encoded, always ending in `/`. */
export function canonicalUri(pathname: string): string {
  const path = pathname
    .split('/')
    .map((segment) => encodeRfc3986(decodeLenient(segment)))
    .join('/');
  return path.endsWith('/') ? path : `${path}/`;
}

/** `k=v` pairs, names and values re-encoded, sorted by name then value, joined with `&`. */
export function canonicalQuery(search: string): string {
  const raw = search.startsWith('?') ? search.slice(1) : search;
  if (raw === '') return '';
  const pairs = raw
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      const name = eq < 0 ? part : part.slice(0, eq);
      const value = eq < 0 ? '' : part.slice(eq + 1);
      return [encodeRfc3986(decodeLenient(name)), encodeRfc3986(decodeLenient(value))] as const;
    });
  pairs.sort(([an, av], [bn, bv]) => (an === bn ? compare(av, bv) : compare(an, bn)));
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The six-part canonical request of §5.2 step 2, over the headers named in `signedHeaders`. */
export function canonicalRequest(request: SignableRequest, signedHeaders: readonly string[]): string {
  const lower = lowerCaseHeaders(request);
  const headerLines = signedHeaders.map((name) => `${name}:${(lower[name] ?? '').trim()}\n`).join('');
  return [
    request.method.toUpperCase(),
    canonicalUri(request.url.pathname),
    canonicalQuery(request.url.search),
    headerLines,
    signedHeaders.join(';'),
    sha256Hex(request.body),
  ].join('\n');
}

function lowerCaseHeaders(request: SignableRequest): Record<string, string> {
  const lower: Record<string, string> = { host: request.url.host };
  for (const [name, value] of Object.entries(request.headers)) lower[name.toLowerCase()] = value;
  return lower;
}

/** `hex(HMAC-SHA256(SK, "SDK-HMAC-SHA256\n" + date + "\n" + hex(sha256(canonicalRequest))))`. */
export function signature(secretKey: string, sdkDate: string, canonical: string): string {
  const stringToSign = `${SIGNING_ALGORITHM}\n${sdkDate}\n${sha256Hex(canonical)}`;
  return createHmac('sha256', secretKey).update(stringToSign).digest('hex');
}

/**
 * Signs a request: returns the headers to add (`X-Sdk-Date`, `Authorization`). Signs `host`,
 * `x-sdk-date` and `content-type` when the request carries one.
 */
export function signRequest(request: SignableRequest, credentials: AkSk, now: Date): Record<string, string> {
  const sdkDate = formatSdkDate(now);
  const withDate: SignableRequest = { ...request, headers: { ...request.headers, 'X-Sdk-Date': sdkDate } };
  const present = new Set(Object.keys(withDate.headers).map((name) => name.toLowerCase()));
  const signedHeaders = ['content-type', 'host', 'x-sdk-date'].filter(
    (name) => name === 'host' || present.has(name),
  );
  const sig = signature(credentials.secretKey, sdkDate, canonicalRequest(withDate, signedHeaders));
  return {
    'X-Sdk-Date': sdkDate,
    Authorization: `${SIGNING_ALGORITHM} Access=${credentials.accessKey}, SignedHeaders=${signedHeaders.join(';')}, Signature=${sig}`,
  };
}
