/**
 * Connections of an endpoint service (reference §2.8–2.9): list every page, and accept (`receive`) or
 * reject one endpoint per call, as the API demands (`EndPoint.2031` otherwise).
 */
import { requireCloudUuid } from '../cloud-ids.js';
import { BadResponseError } from '../errors.js';
import type { Connection, ConnectionAction, ConnectionStatus } from '../types.js';
import { collectByOffset } from './paging.js';
import { dropUndocumented, servicePath, VPCEP_PAGE_LIMIT, type VpcepContext } from './vpcep-services.js';
import { type Listed, listedId } from './wire/common-wire.js';
import { connectionActionWire, connectionListWire } from './wire/connections-wire.js';

export interface ConnectionFilter {
  readonly status?: ConnectionStatus;
  /** One VPC endpoint: how to re-read a single connection from the provider side. */
  readonly endpointId?: string;
}

export async function listConnections(
  ctx: VpcepContext,
  serviceId: string,
  filter: ConnectionFilter = {},
): Promise<Connection[]> {
  if (filter.endpointId !== undefined) requireCloudUuid(filter.endpointId, 'endpoint');
  const listed = await collectByOffset(
    VPCEP_PAGE_LIMIT,
    (c: Listed<Connection>) => listedId(c, (connection) => connection.endpointId),
    async (offset) => {
      const page = await ctx.http.request(
        {
          service: 'vpcep',
          method: 'GET',
          path: servicePath(ctx, serviceId, 'connections'),
          query: { limit: VPCEP_PAGE_LIMIT, offset, status: filter.status, id: filter.endpointId },
          operation: 'list the connections of the endpoint service',
          retry: 'idempotent',
        },
        connectionListWire,
      );
      return { items: page.connections, total: page.total_count ?? undefined };
    },
  );
  return dropUndocumented(ctx, listed, 'connections');
}

/**
 * Accepts or rejects one endpoint and returns its connection as the cloud reports it. Retried only when
 * the cloud certainly did not process the call (throttled, or never reached).
 */
export async function connectionAction(
  ctx: VpcepContext,
  serviceId: string,
  endpointId: string,
  action: ConnectionAction,
): Promise<Connection> {
  requireCloudUuid(endpointId, 'endpoint');
  const operation = `${action === 'receive' ? 'accept' : 'reject'} the connection`;
  const answer = await ctx.http.request(
    {
      service: 'vpcep',
      method: 'POST',
      path: servicePath(ctx, serviceId, 'connections', 'action'),
      body: { endpoints: [endpointId], action },
      operation,
      retry: 'unprocessed-only',
    },
    connectionActionWire,
  );
  const connection = answer.connections.find((c) => c.endpointId === endpointId) ?? answer.connections[0];
  if (connection) return connection;
  // Some answers omit the list; the provider-side list by endpoint ID is the source of truth (§2.9).
  const [reread] = await listConnections(ctx, serviceId, { endpointId });
  if (reread) return reread;
  throw new BadResponseError({
    operation,
    userMessage: `The cloud did not report the connection after the request to ${operation}. Check the connection list.`,
  });
}
