/**
 * The one shape of the cloud IDs that go into a URL path: endpoint service IDs and endpoint IDs are UUIDs
 * (reference §2). A value from a button, a modal or a command is checked against it before it can reach a
 * path; anything else (`..`, `../../v1/other`, a name) never becomes a path segment.
 */
import { z } from 'zod';
import { AppError } from '../platform/errors/app-error.js';

/** `8-4-4-4-12` hexadecimal digits, case-insensitive. */
export const CLOUD_UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isCloudUuid(value: unknown): value is string {
  return typeof value === 'string' && CLOUD_UUID_PATTERN.test(value);
}

export type CloudIdKind = 'endpoint service' | 'endpoint';

/** A value that should have been a cloud ID was not one; the user hears what to use instead. */
export class InvalidCloudIdError extends AppError {
  constructor(readonly kind: CloudIdKind) {
    super('CLOUD_INVALID_ID', `not a valid ${kind} ID`, {
      // The value is not repeated: it came from a payload and may be anything.
      userMessage:
        kind === 'endpoint service'
          ? 'That is not a valid endpoint service ID (a UUID such as 1b2c3d4e-…). Nothing was sent to the cloud. Use `/vpcep list` to find the service, then use its name or ID.'
          : 'That is not a valid endpoint ID (a UUID such as 1b2c3d4e-…). Nothing was sent to the cloud. `/vpcep connections <service>` lists the endpoints.',
    });
  }
}

/** Returns `value` when it is a cloud UUID; throws `InvalidCloudIdError` otherwise. */
export function requireCloudUuid(value: unknown, kind: CloudIdKind): string {
  if (!isCloudUuid(value)) throw new InvalidCloudIdError(kind);
  return value;
}

/**
 * zod: a cloud UUID (for button values and modal metadata). A failure carries `params.cloudId`, so the
 * parser can answer with `InvalidCloudIdError` (see `cloudIdErrorOf`) rather than a generic complaint.
 */
export function cloudUuidSchema(kind: CloudIdKind) {
  return z.string().refine(isCloudUuid, {
    message: `expected an ${kind} ID (a UUID)`,
    params: { cloudId: kind },
  });
}

/** The `InvalidCloudIdError` for a zod failure of `cloudUuidSchema`, if that is what failed. */
export function cloudIdErrorOf(error: unknown): InvalidCloudIdError | undefined {
  if (!(error instanceof z.ZodError)) return undefined;
  for (const issue of error.issues) {
    const kind =
      issue.code === 'custom' ? (issue.params as { cloudId?: unknown } | undefined)?.cloudId : undefined;
    if (kind === 'endpoint service' || kind === 'endpoint') return new InvalidCloudIdError(kind);
  }
  return undefined;
}
