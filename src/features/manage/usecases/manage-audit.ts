/**
 * Audit lines of the management use cases. They are written after the change they record went
 * through, so a failed append is logged as an error and never turns a done change into a failure.
 */
import type { Logger } from '../../../platform/logging/logger.js';
import type { AuditEntry, AuditLog } from '../../../redis/audit-log.js';

export async function auditChange(
  deps: { readonly audit: AuditLog; readonly logger: Logger },
  entry: AuditEntry,
): Promise<void> {
  await deps.audit
    .append(entry)
    .catch((err: unknown) =>
      deps.logger.error({ err, action: entry.action, serviceId: entry.serviceId }, 'audit append failed'),
    );
}
