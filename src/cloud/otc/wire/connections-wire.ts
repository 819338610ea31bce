/** zod schemas of connections on the wire (reference §2.8–2.9), read into `Connection`. */
import { z } from 'zod';
import { CONNECTION_STATUSES, type Connection } from '../../types.js';
import {
  bigIntegerText,
  documentedValue,
  type Listed,
  lenientArray,
  optionalText,
  resourceErrors,
  strictItem,
  timestamp,
  wholeNumber,
} from './common-wire.js';

/** A connection on the wire with `status` still as sent. */
const connectionObject = z.object({
  id: z.string(),
  marker_id: bigIntegerText,
  domain_id: optionalText,
  status: z.string(),
  created_at: timestamp,
  updated_at: timestamp,
  error: resourceErrors,
});

/** The connection, or why it cannot be one: a status the API does not document. */
function readConnection(c: z.output<typeof connectionObject>): Listed<Connection> {
  const status = documentedValue(CONNECTION_STATUSES, c.status);
  if (!status) return { kind: 'undocumented', id: c.id, reason: `status "${c.status}"` };
  return {
    kind: 'item',
    item: {
      endpointId: c.id,
      markerId: c.marker_id,
      domainId: c.domain_id,
      status,
      createdAt: c.created_at,
      updatedAt: c.updated_at,
      errors: c.error,
    },
  };
}

/** One connection: an undocumented status fails clearly. */
export const connectionWire = strictItem(connectionObject, readConnection);

/** The connection list: an item with an undocumented status is set aside, not a failed page. */
export const connectionListWire = z.object({
  connections: lenientArray(connectionObject.transform(readConnection)),
  total_count: wholeNumber.nullish(),
});

export const connectionActionWire = z.object({ connections: lenientArray(connectionWire) });
