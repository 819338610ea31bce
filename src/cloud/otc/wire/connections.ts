/** zod schemas of connections on the wire (reference §2.8–2.9), read into `Connection`. */
import { z } from 'zod';
import type { Connection, ConnectionStatus } from '../../types.js';
import {
  bigIntegerText,
  caseInsensitiveEnum,
  lenientArray,
  optionalText,
  resourceErrors,
  timestamp,
  wholeNumber,
} from './common.js';

const CONNECTION_STATUSES: readonly ConnectionStatus[] = [
  'pendingAcceptance',
  'creating',
  'accepted',
  'rejected',
  'failed',
  'deleting',
];

export const connectionWire = z
  .object({
    id: z.string(),
    marker_id: bigIntegerText,
    domain_id: optionalText,
    status: caseInsensitiveEnum(CONNECTION_STATUSES),
    created_at: timestamp,
    updated_at: timestamp,
    error: resourceErrors,
  })
  .transform(
    (c): Connection => ({
      endpointId: c.id,
      markerId: c.marker_id,
      domainId: c.domain_id,
      status: c.status,
      createdAt: c.created_at,
      updatedAt: c.updated_at,
      errors: c.error,
    }),
  );

export const connectionListWire = z.object({
  connections: lenientArray(connectionWire),
  total_count: wholeNumber.nullish(),
});

export const connectionActionWire = z.object({ connections: lenientArray(connectionWire) });
