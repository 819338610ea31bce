/**
 * Keeps the names of services on their records (and in the name index) whenever the bot sees a
 * service next to its record: in a summary, the details, App Home, a right check, an edit. Rights
 * asked for by name are then decided from Redis alone. Best effort: a failure is logged, never shown.
 */

import type { ServiceRecord, ServiceRecords } from '../../../access/service-records.js';
import type { Logger } from '../../../platform/logging/logger.js';

export interface SeenService {
  readonly projectId: string;
  readonly service: { readonly id: string; readonly name: string | undefined };
  /** The record as just read; undefined when the service has none (nothing to remember then). */
  readonly record: ServiceRecord | undefined;
}

export async function rememberNames(
  deps: { readonly records: ServiceRecords; readonly logger: Logger },
  seen: readonly SeenService[],
): Promise<void> {
  const stale = seen.filter((s) => s.record !== undefined && s.record.name !== s.service.name);
  await Promise.all(
    stale.map(({ projectId, service }) =>
      deps.records
        .rememberName(projectId, service.id, service.name)
        .catch((err: unknown) =>
          deps.logger.warn({ err, serviceId: service.id }, 'could not remember the service name'),
        ),
    ),
  );
}
