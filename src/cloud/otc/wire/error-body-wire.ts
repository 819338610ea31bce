/**
 * Error bodies differ per service (reference §3.1): VPCEP, ELB v3 and the API gateway send
 * `{error_code, error_msg}`; IAM (Keystone) `{error: {code, message}}`; ECS `{error: {code, message}}`
 * with a string code; Neutron `{NeutronError: {type, message}}`; Nova `{itemNotFound: {code, message}}`.
 * This reads whichever arrived, defensively.
 */
import { z } from 'zod';

export interface ErrorBody {
  readonly code: string | undefined;
  readonly message: string | undefined;
}

const text = z.union([z.string(), z.number()]).nullish();
const flat = z.object({ error_code: text, error_msg: text });
const nested = z.object({ code: text, message: text, type: text });

function str(value: string | number | null | undefined): string | undefined {
  return value === null || value === undefined || value === '' ? undefined : String(value);
}

/** Extracts the code and message of an error body; both undefined when the body is not JSON we know. */
export function parseErrorBody(body: unknown): ErrorBody {
  const top = flat.safeParse(body);
  if (top.success && (top.data.error_code || top.data.error_msg)) {
    return { code: str(top.data.error_code), message: str(top.data.error_msg) };
  }
  if (body !== null && typeof body === 'object') {
    for (const value of Object.values(body)) {
      const wrapped = nested.safeParse(value);
      if (!wrapped.success || !(wrapped.data.message || wrapped.data.code)) continue;
      // Keystone's numeric code repeats the HTTP status; Neutron names a type instead of a code.
      const code = typeof wrapped.data.code === 'string' ? wrapped.data.code : str(wrapped.data.type);
      return { code, message: str(wrapped.data.message) };
    }
  }
  return { code: undefined, message: undefined };
}
