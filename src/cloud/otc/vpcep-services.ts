/**
 * Endpoint services (reference §2.1–2.5): the plain calls. Create is sent once and never retried here;
 * create-service.ts decides what an ambiguous failure means. Lists always send `limit` and read every
 * page, because the default page is only 10.
 */
import { z } from 'zod';
import type { Logger } from '../../platform/logging/logger.js';
import { requireCloudUuid } from '../cloud-ids.js';
import { NotFoundError } from '../errors.js';
import type { CreateServiceInput, EndpointService, ServiceFilter, UpdateServiceInput } from '../types.js';
import { apiPath } from './endpoints.js';
import type { OtcTransport } from './http.js';
import { collectByOffset } from './paging.js';
import { type Listed, listedId, splitListed } from './wire/common-wire.js';
import { endpointServiceWire, serviceListWire } from './wire/services-wire.js';

/** What every VPCEP call needs: the transport of one project, and that project's ID. */
export interface VpcepContext {
  readonly http: OtcTransport;
  readonly projectId: string;
  /** Where list items the bot cannot read are reported; silent when absent. */
  readonly logger?: Logger;
}

/**
 * The readable items of a list; items with a value the API does not document (a new status) are
 * left out with one warning, so one odd item does not break lists, the poller or the create lookup.
 */
export function dropUndocumented<T>(ctx: VpcepContext, listed: readonly Listed<T>[], what: string): T[] {
  const { items, undocumented } = splitListed(listed);
  if (undocumented.length > 0) {
    ctx.logger?.warn(
      { count: undocumented.length, left_out: undocumented.slice(0, 20) },
      `the cloud listed ${what} with values it does not document; leaving them out`,
    );
  }
  return items;
}

/** The largest page the API allows for services and connections. */
export const VPCEP_PAGE_LIMIT = 1000;

/** The collection of endpoint services of the project. */
export function servicesPath(ctx: VpcepContext): string {
  return apiPath('v1', ctx.projectId, 'vpc-endpoint-services');
}

/**
 * One endpoint service, or a resource below it. The ID must be a UUID: whatever a caller passes (a value
 * from a button, a name by mistake) never reaches the path otherwise.
 */
export function servicePath(ctx: VpcepContext, serviceId: string, ...below: string[]): string {
  return apiPath(
    'v1',
    ctx.projectId,
    'vpc-endpoint-services',
    requireCloudUuid(serviceId, 'endpoint service'),
    ...below,
  );
}

/**
 * The protocol as the API spells it: upper case, `TCP` when none was given (reference §2.1: `TCP` is
 * the only documented value). `PortMapping.protocol` stays a `string` for the callers' sake.
 */
export function wireProtocol(protocol: string | undefined): string {
  return protocol?.trim() ? protocol.trim().toUpperCase() : 'TCP';
}

function wirePorts(ports: CreateServiceInput['ports']) {
  return ports.map((p) => ({
    client_port: p.clientPort,
    server_port: p.serverPort,
    protocol: wireProtocol(p.protocol),
  }));
}

/**
 * The create body: exactly what the user asked for, with `approval_enabled` always explicit, and the
 * attempt's own tag (if any) after the user's.
 */
export function createServiceBody(input: CreateServiceInput): Record<string, unknown> {
  const tags = input.attemptTag ? [...(input.tags ?? []), input.attemptTag] : input.tags;
  return {
    port_id: input.portId,
    vpc_id: input.vpcId,
    server_type: input.serverType,
    service_type: 'interface',
    approval_enabled: input.approvalEnabled,
    ports: wirePorts(input.ports),
    ...(input.name ? { service_name: input.name } : {}),
    ...(input.description ? { description: input.description } : {}),
    ...(input.tcpProxy ? { tcp_proxy: input.tcpProxy } : {}),
    // Tags go out whenever the caller gave a list, even an empty one: the request states them explicitly.
    ...(tags ? { tags: tags.map((t) => ({ key: t.key, value: t.value })) } : {}),
  };
}

/** One POST, no retry. The answer's status is usually `creating`. */
export async function postService(ctx: VpcepContext, input: CreateServiceInput): Promise<EndpointService> {
  return ctx.http.request(
    {
      service: 'vpcep',
      method: 'POST',
      path: servicesPath(ctx),
      body: createServiceBody(input),
      operation: 'create the endpoint service',
      retry: 'never',
    },
    endpointServiceWire,
  );
}

/** Every service matching `filter`, all pages. */
export async function listServices(
  ctx: VpcepContext,
  filter: ServiceFilter = {},
): Promise<EndpointService[]> {
  const listed = await collectByOffset(
    VPCEP_PAGE_LIMIT,
    (s: Listed<EndpointService>) => listedId(s, (service) => service.id),
    async (offset) => {
      const page = await ctx.http.request(
        {
          service: 'vpcep',
          method: 'GET',
          path: servicesPath(ctx),
          query: {
            limit: VPCEP_PAGE_LIMIT,
            offset,
            endpoint_service_name: filter.name,
            id: filter.id,
            status: filter.status,
            sort_key: filter.sortKey,
            sort_dir: filter.sortDir,
          },
          operation: 'list endpoint services',
          retry: 'idempotent',
        },
        serviceListWire,
      );
      return { items: page.endpoint_services, total: page.total_count ?? undefined };
    },
  );
  return dropUndocumented(ctx, listed, 'endpoint services');
}

export async function getService(ctx: VpcepContext, id: string): Promise<EndpointService> {
  return ctx.http.request(
    {
      service: 'vpcep',
      method: 'GET',
      path: servicePath(ctx, id),
      operation: 'read the endpoint service',
      retry: 'idempotent',
    },
    endpointServiceWire,
  );
}

export async function updateService(
  ctx: VpcepContext,
  id: string,
  input: UpdateServiceInput,
): Promise<EndpointService> {
  const body = {
    ...(input.approvalEnabled !== undefined ? { approval_enabled: input.approvalEnabled } : {}),
    ...(input.name !== undefined ? { service_name: input.name } : {}),
    ...(input.ports ? { ports: wirePorts(input.ports) } : {}),
    ...(input.portId ? { port_id: input.portId } : {}),
    ...(input.tcpProxy ? { tcp_proxy: input.tcpProxy } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
  };
  return ctx.http.request(
    {
      service: 'vpcep',
      method: 'PUT',
      path: servicePath(ctx, id),
      body,
      operation: 'update the endpoint service',
      retry: 'idempotent',
    },
    endpointServiceWire,
  );
}

/**
 * Starts the (asynchronous) deletion. A 404 counts as done: the goal, "gone", holds, and a retried
 * DELETE whose first attempt went through answers exactly that.
 */
export async function deleteService(ctx: VpcepContext, id: string): Promise<'deleting' | 'already_deleted'> {
  try {
    await ctx.http.request(
      {
        service: 'vpcep',
        method: 'DELETE',
        path: servicePath(ctx, id),
        operation: 'delete the endpoint service',
        retry: 'idempotent',
      },
      z.unknown(),
    );
    return 'deleting';
  } catch (error) {
    if (error instanceof NotFoundError) return 'already_deleted';
    throw error;
  }
}
