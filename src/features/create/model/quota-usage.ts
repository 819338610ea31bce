/**
 * How many endpoint services the project has, against its quota. The quotas API answers `used/quota`;
 * when it fails or leaves the type out, the services are counted against the console's default quota
 * of 20, so a full project is refused even then. Only when both fail is the usage unknown (the cloud
 * then checks the quota itself when creating).
 */
import type { ProjectCloud } from '../../../cloud/index.js';
import { userMessageOf } from '../../../platform/errors/app-error.js';
import type { Logger } from '../../../platform/logging/logger.js';

/** Endpoint services a project may hold unless the cloud administrators raised it (the console's default). */
export const DEFAULT_SERVICE_QUOTA = 20;

export interface QuotaUsage {
  readonly used: number;
  readonly quota: number;
  /** Set when the quotas API did not answer and the services were counted: why. */
  readonly counted?: string | undefined;
}

/** The usage; throws only when neither the quotas API nor the service list answers. */
export async function serviceQuotaUsage(project: ProjectCloud, log: Logger): Promise<QuotaUsage> {
  try {
    const { used, quota } = await project.quota('endpoint_service');
    return { used, quota };
  } catch (err) {
    log.info({ err }, 'the quotas API did not answer; counting the services against the default quota');
    const services = await project.listServices();
    return { used: services.length, quota: DEFAULT_SERVICE_QUOTA, counted: userMessageOf(err) };
  }
}
