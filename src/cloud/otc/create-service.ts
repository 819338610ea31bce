/**
 * Creating an endpoint service without ever making two, and without ever taking someone else's. The
 * POST is sent once. When it fails ambiguously, the cloud may have created the service anyway: a
 * timeout or broken connection after sending, any 5xx (`EndPoint.0001` and `EndPoint.0013` included:
 * a VPCEP code does not prove that nothing was created), or a 2xx whose body cannot be read. Then the
 * bot looks for the service this request provably made, never for one that merely looks alike: the
 * same VPC, backend port and port mappings are what anyone can copy from another person's service, and
 * so is a name (someone copying a victim's name while the victim's service is still `creating` could
 * otherwise adopt it). The proof is the attempt's own tag (`CreateServiceInput.attemptTag`), which the
 * bot puts on every service it creates; and the service must be no older than the request, give or
 * take `CLOCK_SKEW_MS`. The time only rules services out; the tag decides.
 *
 * When nothing proven is found, the create is unconfirmed (`CreateUnconfirmedError`): nobody creates a
 * second service blindly, and nothing else is adopted.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../platform/logging/logger.js';
import { BadResponseError, CloudError, CreateUnconfirmedError } from '../errors.js';
import type { CreateServiceInput, EndpointService, PortMapping } from '../types.js';
import { isAmbiguousFailure } from './retry.js';
import { listServices, postService, type VpcepContext } from './vpcep-services.js';

export interface CreateOptions {
  /** Pause between look-ups after an ambiguous failure; default 3 s. */
  readonly lookupDelayMs?: number;
  /** Look-ups before giving up; default 3 (the first one immediately). */
  readonly lookups?: number;
}

/** Clock skew allowed between the bot and the cloud when comparing `created_at` with the request. */
export const CLOCK_SKEW_MS = 60_000;

function portKey(ports: readonly PortMapping[]): string {
  return ports
    .map((p) => `${p.protocol.toUpperCase()}:${p.clientPort}:${p.serverPort}`)
    .sort()
    .join(',');
}

/** True when `input` carries what can prove a service is its own: the attempt's tag (a name cannot). */
export function canProveCreation(input: CreateServiceInput): boolean {
  return input.attemptTag !== undefined;
}

/**
 * True when `service` is provably what `input` created by a request sent at `sentAtMs` (or later):
 * what was asked for (the name too, when one was), carrying the attempt's tag that was sent, and
 * created no earlier than `sentAtMs` less the clock skew.
 */
export function provesCreation(
  service: EndpointService,
  input: CreateServiceInput,
  sentAtMs: number,
): boolean {
  const { attemptTag } = input;
  if (!attemptTag) return false;
  const createdMs = Date.parse(service.createdAt ?? '');
  return (
    service.status !== 'deleting' &&
    service.vpcId === input.vpcId &&
    service.portId === input.portId &&
    portKey(service.ports) === portKey(input.ports) &&
    (input.name ? service.name === input.name : true) &&
    service.tags.some((t) => t.key === attemptTag.key && t.value === attemptTag.value) &&
    !Number.isNaN(createdMs) &&
    createdMs >= sentAtMs - CLOCK_SKEW_MS
  );
}

/** The newest service `input` provably created (see `provesCreation`), among `candidates`. */
export function provenService(
  candidates: readonly EndpointService[],
  input: CreateServiceInput,
  sentAtMs: number,
): EndpointService | undefined {
  return candidates
    .filter((s) => provesCreation(s, input, sentAtMs))
    .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''))[0];
}

async function findCreated(
  ctx: VpcepContext,
  input: CreateServiceInput,
  sentAtMs: number,
): Promise<EndpointService | undefined> {
  const candidates = await listServices(ctx, input.name ? { name: input.name } : {});
  return provenService(candidates, input, sentAtMs);
}

/** Codes that leave open whether the request was carried out (reference §3.3). */
const UNSURE_CODES = ['EndPoint.0001', 'EndPoint.0013'];

/** True when the cloud may have created the service although the bot saw a failure. */
export function mayHaveCreated(error: unknown): boolean {
  if (isAmbiguousFailure(error)) return true;
  // VPCEP's "system error" and "request timed out" say nothing about what was done, whatever the status.
  if (error instanceof CloudError && UNSURE_CODES.some((code) => error.hasCode(code))) return true;
  // A 2xx the bot could not read: the cloud accepted the create.
  return (
    error instanceof BadResponseError &&
    error.status !== undefined &&
    error.status >= 200 &&
    error.status < 300
  );
}

export async function createService(
  ctx: VpcepContext,
  input: CreateServiceInput,
  logger: Logger,
  options: CreateOptions = {},
): Promise<EndpointService> {
  const sentAtMs = Date.now();
  try {
    return await postService(ctx, input);
  } catch (error) {
    if (!mayHaveCreated(error)) throw error;
    // Nothing could tell this request's service from another one alike: look for none.
    const lookups = canProveCreation(input) ? (options.lookups ?? 3) : 0;
    logger.warn(
      { err: error, vpcId: input.vpcId, portId: input.portId, lookups },
      'create failed ambiguously; looking for the service it provably made',
    );
    for (let i = 0; i < lookups; i++) {
      if (i > 0) await sleep(options.lookupDelayMs ?? 3000);
      try {
        const found = await findCreated(ctx, input, sentAtMs);
        if (found) {
          logger.info({ serviceId: found.id }, 'the ambiguous create did create the service');
          return found;
        }
      } catch (lookupError) {
        logger.warn({ err: lookupError }, 'looking for the created service failed');
      }
    }
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
