/**
 * Block Kit arguments serialized once, by us, as the Web API client would send them. The client
 * form-encodes an object argument with `JSON.stringify` and sends a string as it is; but first it walks
 * every argument, deeply, to redact tokens for a debug log line it builds even when debug is off. For
 * the 10 KB create form that walk cost more than rendering the form (the issue 13 profile: a third of
 * every `views.open`). A string is not walked.
 */
export function wireJson<T>(value: T): T {
  return JSON.stringify(value) as unknown as T;
}
