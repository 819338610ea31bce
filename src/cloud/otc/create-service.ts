/**
 * Creating an endpoint service without ever making two. The POST is sent once. When it fails
 * ambiguously, the cloud may have created the service anyway: a timeout or broken connection after
 * sending, a 5xx, or a 2xx whose body cannot be read. Then the bot looks for a service with the same
 * VPC, backend port and port mappings (and name, when one was given) before deciding. No hidden tag or
 * name is added to make this easier: the cloud itself refuses a second service on the same backend
 * port with the same server ports (`EndPoint.3044`), so a match on these fields is the one the bot
 * asked for.
 *
 * When nothing is found, only an error answer from VPCEP itself (a 5xx carrying an `EndPoint.` code)
 * proves the create did not happen; a gateway's 502/503/504 without one, a timeout or an unreadable
 * 2xx leave it unconfirmed (`CreateUnconfirmedError`), so nobody creates a second service blindly.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../logging/logger.js';
import { BadResponseError, CloudUnavailableError, CreateUnconfirmedError } from '../errors.js';
import type { CreateServiceInput, EndpointService, PortMapping } from '../types.js';
import { isAmbiguousFailure } from './retry.js';
import { listServices, postService, type VpcepContext } from './vpcep-services.js';

export interface CreateOptions {
  /** Pause between look-ups after an ambiguous failure; default 3 s. */
  readonly lookupDelayMs?: number;
  /** Look-ups before giving up; default 3 (the first one immediately). */
  readonly lookups?: number;
}

function portKey(ports: readonly PortMapping[]): string {
  return ports
    .map((p) => `${p.protocol.toUpperCase()}:${p.clientPort}:${p.serverPort}`)
    .sort()
    .join(',');
}

/** True when `service` is what `input` asked for, as far as the cloud reports it. */
export function matchesRequest(service: EndpointService, input: CreateServiceInput): boolean {
  return (
    service.status !== 'deleting' &&
    service.vpcId === input.vpcId &&
    service.portId === input.portId &&
    portKey(service.ports) === portKey(input.ports) &&
    (input.name ? service.name === input.name : true)
  );
}

async function findCreated(
  ctx: VpcepContext,
  input: CreateServiceInput,
): Promise<EndpointService | undefined> {
  const candidates = await listServices(ctx, input.name ? { name: input.name } : {});
  return candidates
    .filter((s) => matchesRequest(s, input))
    .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''))[0];
}

/** True when the cloud may have created the service although the bot saw a failure. */
export function mayHaveCreated(error: unknown): boolean {
  if (isAmbiguousFailure(error)) return true;
  // A 2xx the bot could not read: the cloud accepted the create.
  return (
    error instanceof BadResponseError &&
    error.status !== undefined &&
    error.status >= 200 &&
    error.status < 300
  );
}

/** True for an error answer from VPCEP itself (an `EndPoint.` code): the create was not done. */
function refusedByVpcep(error: unknown): boolean {
  return (
    error instanceof CloudUnavailableError &&
    error.status !== undefined &&
    /^endpoint\./i.test(error.otcCode ?? '')
  );
}

export async function createService(
  ctx: VpcepContext,
  input: CreateServiceInput,
  logger: Logger,
  options: CreateOptions = {},
): Promise<EndpointService> {
  try {
    return await postService(ctx, input);
  } catch (error) {
    if (!mayHaveCreated(error)) throw error;
    const lookups = options.lookups ?? 3;
    logger.warn(
      { err: error, vpcId: input.vpcId, portId: input.portId },
      'create failed ambiguously; looking for the service',
    );
    for (let i = 0; i < lookups; i++) {
      if (i > 0) await sleep(options.lookupDelayMs ?? 3000);
      try {
        const found = await findCreated(ctx, input);
        if (found) {
          logger.info({ serviceId: found.id }, 'the ambiguous create did create the service');
          return found;
        }
      } catch (lookupError) {
        logger.warn({ err: lookupError }, 'looking for the created service failed');
      }
    }
    // VPCEP's own error answer with nothing created: the create did not happen; trying again is safe.
    if (refusedByVpcep(error)) throw error;
    const what =
      error instanceof BadResponseError
        ? 'The cloud accepted the create but its answer could not be read'
        : 'The cloud did not confirm the create';
    throw new CreateUnconfirmedError({
      operation: 'create the endpoint service',
      userMessage: `${what}, and no matching service has appeared yet. Check /vpcep list in a few minutes before trying again, so the service is not created twice.`,
      cause: error,
    });
  }
}
