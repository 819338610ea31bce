/**
 * `<service>` in a command is an ID or a name. This finds it across the configured projects: an ID by
 * exact match, a name by the name the user gave (the middle of `region.name.id`) or the full name,
 * case-insensitively. Several matches are an error that lists them.
 */

import { code, escapeMrkdwn } from '../domain/mrkdwn.js';
import { AppError } from '../platform/errors/app-error.js';
import { isCloudUuid } from './cloud-ids.js';
import type { Cloud, EndpointService } from './index.js';
import { NotFoundError } from './index.js';

export interface FoundService {
  readonly projectId: string;
  readonly service: EndpointService;
}

export interface ServiceLookup {
  /** Resolves `<service>`; throws `ServiceNotFoundError` or `AmbiguousServiceError` with a clear message. */
  find(ref: string): Promise<FoundService>;
}

export class ServiceNotFoundError extends AppError {
  constructor(ref: string) {
    super('SERVICE_NOT_FOUND', `no service ${ref}`, {
      userMessage: `I found no endpoint service with the ID or name ${code(ref)}. \`/vpcep list\` shows them all.`,
    });
  }
}

export class AmbiguousServiceError extends AppError {
  constructor(ref: string, matches: readonly FoundService[]) {
    const names = matches
      .map((m) => `${code(m.service.serviceName)} (${escapeMrkdwn(m.service.id)})`)
      .join(', ');
    super('SERVICE_AMBIGUOUS', `several services match ${ref}`, {
      userMessage: `Several services match ${code(ref)}: ${names}. Use the service ID instead.`,
    });
  }
}

/** Whether `<service>` is written as an ID (a UUID) rather than a name. */
export function isServiceId(ref: string): boolean {
  return isCloudUuid(ref.trim());
}

export function createServiceLookup(cloud: Cloud): ServiceLookup {
  async function byId(id: string): Promise<FoundService[]> {
    const found = await Promise.all(
      cloud.projects.map(async ({ projectId }) => {
        try {
          return [{ projectId, service: await cloud.project(projectId).getService(id) }];
        } catch (err) {
          if (err instanceof NotFoundError) return [];
          throw err;
        }
      }),
    );
    return found.flat();
  }

  async function byName(ref: string): Promise<FoundService[]> {
    const wanted = ref.toLowerCase();
    const lists = await Promise.all(
      cloud.projects.map(async ({ projectId }) => {
        const services = await cloud.project(projectId).listServices({ name: ref });
        return services.map((service) => ({ projectId, service }));
      }),
    );
    return lists
      .flat()
      .filter(
        ({ service }) =>
          service.name?.toLowerCase() === wanted || service.serviceName.toLowerCase() === wanted,
      );
  }

  return {
    async find(ref) {
      const trimmed = ref.trim();
      const matches = isServiceId(trimmed) ? await byId(trimmed) : await byName(trimmed);
      if (matches.length === 0) throw new ServiceNotFoundError(trimmed);
      if (matches.length > 1) throw new AmbiguousServiceError(trimmed, matches);
      return matches[0] as FoundService;
    },
  };
}
