/**
 * Signs requests the way Slack does (https://api.slack.com/authentication/verifying-requests-from-slack):
 * `x-slack-signature: v0=<hex HMAC-SHA256(secret, "v0:<timestamp>:<raw body>")>`.
 */
import { createHmac } from 'node:crypto';

/** Content type of slash commands and interactivity (`payload=`): exactly this, no charset. */
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
/** Content type of Events API callbacks. */
export const JSON_CONTENT_TYPE = 'application/json';

/** The headers Slack sends with a signed request. */
export interface SlackSignatureHeaders {
  'content-type': string;
  'x-slack-request-timestamp': string;
  'x-slack-signature': string;
}

/** Current time in whole seconds, as Slack puts it in `x-slack-request-timestamp`. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{rawBody}` with the signing secret. */
export function computeSlackSignature(secret: string, timestampSec: number, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampSec}:${rawBody}`).digest('hex')}`;
}

/**
 * Headers for a signed request. The content type is JSON for a body starting with `{`, otherwise the
 * exact form type Slack uses; pass `contentType` to override.
 */
export function signSlackRequest(
  secret: string,
  body: string,
  timestampSec: number = nowSeconds(),
  contentType: string = body.trimStart().startsWith('{') ? JSON_CONTENT_TYPE : FORM_CONTENT_TYPE,
): SlackSignatureHeaders {
  return {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestampSec),
    'x-slack-signature': computeSlackSignature(secret, timestampSec, body),
  };
}
