/**
 * The one place where writes through the bot invalidate the service cache: the cloud and the service
 * records the whole bot uses are wrapped here, so create, delete, edit, approve/reject, whitelist and
 * owner changes (and whatever write comes next) make the next list ask the cloud, without any use case
 * having to remember it. The cache is invalidated after the write returns or fails (a failed write may
 * still have changed the cloud), and before the caller goes on.
 */

import type { ServiceRecords } from '../access/service-records.js';
import type { Cloud, ProjectCloud, SandboxControl } from '../cloud/index.js';
import type { ServiceCache } from '../cloud/service-cache.js';

type Invalidate = ServiceCache['invalidate'];

async function thenInvalidate<T>(
  invalidate: Invalidate,
  projectId: string,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } finally {
    await invalidate(projectId);
  }
}

function invalidatingProject(client: ProjectCloud, invalidate: Invalidate): ProjectCloud {
  const id = client.project.projectId;
  const after = <T>(write: () => Promise<T>) => thenInvalidate(invalidate, id, write);
  // Waiting ends when the status changed (created, deleted): the next list shows the new status.
  const waitForService = ((serviceId: string, target: 'available', options) =>
    after(() => client.waitForService(serviceId, target, options))) as ProjectCloud['waitForService'];
  return {
    ...client,
    createService: (input) => after(() => client.createService(input)),
    updateService: (serviceId, input) => after(() => client.updateService(serviceId, input)),
    deleteService: (serviceId) => after(() => client.deleteService(serviceId)),
    waitForService,
    connectionAction: (serviceId, endpointId, action) =>
      after(() => client.connectionAction(serviceId, endpointId, action)),
    updateWhitelist: (serviceId, action, ids) => after(() => client.updateWhitelist(serviceId, action, ids)),
  };
}

/**
 * The sandbox's in-process powers (`/vpcep sandbox connect`, the playground's consumer side) change the
 * emulated cloud from inside the bot, so they invalidate too. Its HTTP admin routes do not: they act as
 * the cloud changing behind the bot's back.
 */
function invalidatingSandbox(control: SandboxControl, cloud: Cloud, invalidate: Invalidate): SandboxControl {
  const all = () => {
    // The memo is dropped synchronously; Redis follows.
    for (const { projectId } of cloud.projects) void invalidate(projectId);
  };
  return {
    ...control,
    requestConnection: (projectId, serviceId, request) =>
      thenInvalidate(invalidate, projectId, () => control.requestConnection(projectId, serviceId, request)),
    resolveConnection: (projectId, serviceId, endpointId, action) =>
      thenInvalidate(invalidate, projectId, () =>
        control.resolveConnection(projectId, serviceId, endpointId, action),
      ),
    removeConnection: (projectId, serviceId, endpointId) =>
      thenInvalidate(invalidate, projectId, () => control.removeConnection(projectId, serviceId, endpointId)),
    failService: (projectId, serviceId, error) =>
      thenInvalidate(invalidate, projectId, () => control.failService(projectId, serviceId, error)),
    setQuota: (projectId, quota) =>
      thenInvalidate(invalidate, projectId, () => control.setQuota(projectId, quota)),
    bulkSeed: (projectId, spec) =>
      thenInvalidate(invalidate, projectId, () => control.bulkSeed(projectId, spec)),
    addFault(spec) {
      const id = control.addFault(spec);
      all();
      return id;
    },
    clearFaults() {
      control.clearFaults();
      all();
    },
  };
}

/** The cloud as the bot uses it: reads pass through, every write invalidates its project's cache. */
export function invalidatingCloud(cloud: Cloud, cache: Pick<ServiceCache, 'invalidate'>): Cloud {
  const invalidate: Invalidate = (projectId) => cache.invalidate(projectId);
  const clients = new Map<string, ProjectCloud>();
  const sandbox = cloud.sandbox;
  return {
    mode: cloud.mode,
    projects: cloud.projects,
    project(projectId) {
      let client = clients.get(projectId);
      if (!client) {
        client = invalidatingProject(cloud.project(projectId), invalidate);
        clients.set(projectId, client);
      }
      return client;
    },
    health: () => cloud.health(),
    ...(sandbox ? { sandbox: { ...invalidatingSandbox(sandbox, cloud, invalidate), url: sandbox.url } } : {}),
    close: () => cloud.close(),
  };
}

/** Owners, approval channels and creators are written here: a change shows in the next list at once. */
export function invalidatingRecords(
  records: ServiceRecords,
  cache: Pick<ServiceCache, 'invalidate'>,
): ServiceRecords {
  const invalidate: Invalidate = (projectId) => cache.invalidate(projectId);
  return {
    ...records,
    put: (record) => thenInvalidate(invalidate, record.projectId, () => records.put(record)),
    remove: (projectId, serviceId) =>
      thenInvalidate(invalidate, projectId, () => records.remove(projectId, serviceId)),
  };
}
