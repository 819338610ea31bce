/**
 * The cloud panel's view of the sandbox: every endpoint service with its connections as the cloud's API
 * reports them, the consumer's power to ask for a connection (what `/vpcep sandbox connect` does), and
 * demo services to fill more than one page of `/vpcep list`.
 * Reads go through the same OTC client the bot uses; nothing here changes the bot.
 */
import type { Cloud } from '../cloud/index.js';

export interface CloudConnectionView {
  readonly endpointId: string;
  readonly domainId: string | undefined;
  readonly status: string;
  readonly createdAt: string | undefined;
}

export interface CloudServiceView {
  readonly projectId: string;
  readonly region: string;
  readonly id: string;
  readonly serviceName: string;
  readonly status: string;
  readonly approvalEnabled: boolean;
  readonly connections: readonly CloudConnectionView[];
}

export interface CloudSide {
  /** Sandbox mode: the consumer side works; otherwise the panel says why it is empty. */
  readonly sandbox: boolean;
  services(): Promise<CloudServiceView[]>;
  /** A consumer's VPC endpoint asks to connect to a service. */
  requestConnection(projectId: string, serviceId: string): Promise<CloudConnectionView>;
  /** Adds `DEMO_SERVICES` available services in the first project (sandbox only). */
  seedDemoServices(): Promise<{ readonly region: string; readonly count: number }>;
}

/** Demo services one press adds: more than a page of `/vpcep list` (10) holds. */
const DEMO_SERVICES = 12;

/** The panel's port over the bot's cloud. */
export function cloudSideOf(cloud: Cloud): CloudSide {
  return {
    sandbox: cloud.sandbox !== undefined,
    async services() {
      const perProject = await Promise.all(
        cloud.projects.map(async (project) => {
          const client = cloud.project(project.projectId);
          const services = await client.listServices();
          return Promise.all(
            services.map(async (service) => ({
              projectId: project.projectId,
              region: project.region,
              id: service.id,
              serviceName: service.serviceName,
              status: service.status,
              approvalEnabled: service.approvalEnabled,
              connections: (await client.listConnections(service.id)).map(connectionView),
            })),
          );
        }),
      );
      return perProject.flat();
    },
    async requestConnection(projectId, serviceId) {
      if (!cloud.sandbox) throw new Error('Only the sandbox cloud can play a consumer.');
      return connectionView(await cloud.sandbox.requestConnection(projectId, serviceId));
    },
    async seedDemoServices() {
      const project = cloud.projects[0];
      if (!cloud.sandbox || !project) throw new Error('Only the sandbox cloud can add demo services.');
      const added = await cloud.sandbox.bulkSeed(project.projectId, { services: DEMO_SERVICES });
      return { region: project.region, count: added.serviceIds.length };
    },
  };
}

function connectionView(connection: {
  endpointId: string;
  domainId: string | undefined;
  status: string;
  createdAt: string | undefined;
}): CloudConnectionView {
  return {
    endpointId: connection.endpointId,
    domainId: connection.domainId,
    status: connection.status,
    createdAt: connection.createdAt,
  };
}
