/**
 * How a request proves who sends it. Two implementations: AK/SK signing (here) and IAM password
 * tokens (token-auth.ts). The transport asks for headers per request and, after a 401, asks once
 * whether renewing the credentials may help.
 */
import type { CredentialHint } from './classify.js';
import { type AkSk, type SignableRequest, signRequest } from './signer.js';
import { signSdkRequest } from './signer-sdk.js';

/** A request as it will be sent, for signing. */
export interface PreparedRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface Authenticator {
  /** The configuration an operator must check when the cloud refuses these credentials. */
  readonly hint: CredentialHint;
  /** Headers to add to this exact request. */
  headersFor(request: PreparedRequest): Promise<Record<string, string>>;
  /** After a 401: drop what is cached; true when one fresh attempt may succeed. */
  renew(): boolean;
}

export const AKSK_HINT: CredentialHint = { variables: 'OTC_ACCESS_KEY and OTC_SECRET_KEY' };
export const PASSWORD_HINT: CredentialHint = { variables: 'OTC_USERNAME, OTC_PASSWORD and OTC_DOMAIN_NAME' };

/**
 * The two AK/SK signature forms (`OTC_SIGNING`): `sdk`, the derived-key form of gophertelekomcloud that
 * the OTC Terraform provider uses in production (the default), and `apig`, the API Gateway form of the
 * signing guide (reference §5.2), keyed with the SK itself.
 */
export type SigningForm = 'sdk' | 'apig';
export const DEFAULT_SIGNING_FORM: SigningForm = 'sdk';

/** The `X-Sdk-Date` and `Authorization` headers of `request` in `form`. */
export function signAs(
  form: SigningForm,
  request: SignableRequest,
  credentials: AkSk,
  now: Date,
): Record<string, string> {
  return form === 'sdk' ? signSdkRequest(request, credentials, now) : signRequest(request, credentials, now);
}

/**
 * AK/SK signing. `X-Project-Id` is added after signing, unsigned, as gophertelekomcloud does: it
 * scopes the paths without a project (ELB v2.0, Neutron) and sub-projects.
 */
export function akSkAuthenticator(
  credentials: AkSk,
  projectId: string,
  now: () => Date = () => new Date(),
  hint: CredentialHint = AKSK_HINT,
  form: SigningForm = DEFAULT_SIGNING_FORM,
): Authenticator {
  return {
    hint,
    async headersFor(request) {
      return { ...signAs(form, request, credentials, now()), 'X-Project-Id': projectId };
    },
    renew: () => false,
  };
}
