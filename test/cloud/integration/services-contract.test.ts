import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, ServiceFailedError, WaitTimeoutError } from '#src/cloud/errors.js';
import { lbServiceInput, startTestCloud, type TestCloud } from '../../helpers/cloud-test.js';

let t: TestCloud;
let servicesPath: string;

beforeAll(async () => {
  t = await startTestCloud();
  servicesPath = `/v1/${t.projectId}/vpc-endpoint-services`;
});
afterAll(() => t.close());
beforeEach(() => t.control.clearRequests());

describe('create', () => {
  it('sends exactly what the user asked for, with approval_enabled explicit, and answers "creating"', async () => {
    const ecs = t.world.servers.find((s) => s.kind === 'ecs');
    const port = t.world.ports.find((p) => p.id === ecs?.portIds[0]);
    const service = await t.client.createService({
      vpcId: port?.vpcId ?? '',
      portId: port?.id ?? '',
      serverType: 'VM',
      approvalEnabled: false,
      ports: [
        { clientPort: 443, serverPort: 8443, protocol: 'TCP' },
        { clientPort: 80, serverPort: 8080, protocol: 'TCP' },
      ],
      name: 'payments',
      description: 'Payments API',
      tags: [{ key: 'team', value: 'core' }],
      tcpProxy: 'toa_open',
    });

    expect(t.control.requests({ method: 'POST' })).toEqual([
      expect.objectContaining({
        path: servicesPath,
        body: {
          port_id: port?.id,
          vpc_id: port?.vpcId,
          server_type: 'VM',
          service_type: 'interface',
          approval_enabled: false,
          ports: [
            { client_port: 443, server_port: 8443, protocol: 'TCP' },
            { client_port: 80, server_port: 8080, protocol: 'TCP' },
          ],
          service_name: 'payments',
          description: 'Payments API',
          tcp_proxy: 'toa_open',
          tags: [{ key: 'team', value: 'core' }],
        },
      }),
    ]);
    expect(service).toMatchObject({
      status: 'creating',
      name: 'payments',
      serviceName: `eu-de.payments.${service.id}`,
      approvalEnabled: false,
      serverType: 'VM',
      tcpProxy: 'toa_open',
      tags: [{ key: 'team', value: 'core' }],
    });
  });

  it('sends the protocol upper case (TCP), whatever case the caller used', async () => {
    const input = lbServiceInput(t.world, [9003]);
    const created = await t.client.createService({
      ...input,
      ports: [{ clientPort: 80, serverPort: 9003, protocol: 'tcp' }],
    });
    await t.client.waitForService(created.id, 'available');
    await t.client.updateService(created.id, {
      ports: [{ clientPort: 81, serverPort: 9003, protocol: 'Tcp' }],
    });
    expect(
      t.control.requests().flatMap((r) => (r.method === 'GET' ? [] : [(r.body as { ports: unknown }).ports])),
    ).toEqual([
      [{ client_port: 80, server_port: 9003, protocol: 'TCP' }],
      [{ client_port: 81, server_port: 9003, protocol: 'TCP' }],
    ]);
    expect(created.ports).toEqual([{ clientPort: 80, serverPort: 9003, protocol: 'TCP' }]);
  });

  it('adds no name, tag or description of its own when the user gave none', async () => {
    const service = await t.client.createService(lbServiceInput(t.world, [9001]));
    const [post] = t.control.requests({ method: 'POST' });
    expect(Object.keys(post?.body as object).sort()).toEqual(
      ['approval_enabled', 'port_id', 'ports', 'server_type', 'service_type', 'vpc_id'].sort(),
    );
    expect(service.serviceName).toBe(`eu-de.${service.id}`);
    expect(service.name).toBeUndefined();
  });

  it('accepts Unicode letters in tags and counts characters, not UTF-16 units', async () => {
    const service = await t.client.createService({
      ...lbServiceInput(t.world, [9005]),
      tags: [{ key: 'ä'.repeat(36), value: '𝒜'.repeat(43) }],
      description: '𝒜'.repeat(128),
    });
    expect(service.tags).toEqual([{ key: 'ä'.repeat(36), value: '𝒜'.repeat(43) }]);
    await expect(
      t.client.createService({
        ...lbServiceInput(t.world, [9006]),
        tags: [{ key: 'k', value: '𝒜'.repeat(44) }],
      }),
    ).rejects.toMatchObject({ otcCode: 'EndPoint.3073' });
  });

  it('states an empty tag list explicitly when the caller gives one', async () => {
    t.control.clearRequests();
    await t.client.createService({ ...lbServiceInput(t.world, [9004]), tags: [] });
    const [post] = t.control.requests({ method: 'POST' });
    expect((post?.body as { tags?: unknown } | undefined)?.tags).toEqual([]);
  });

  it('turns available after the creation delay (waitForService polls GET)', async () => {
    const created = await t.client.createService(lbServiceInput(t.world, [9002], 'ready'));
    const ready = await t.client.waitForService(created.id, 'available');
    expect(ready.status).toBe('available');
    const polls = t.control.requests({ method: 'GET', path: `${created.id}$` });
    expect(polls.length).toBeGreaterThanOrEqual(1);
    expect(polls.at(-1)?.status).toBe(200);
  });
});

describe('list and get', () => {
  it('lists with server-side filters and always sends limit=1000 without an offset on the first page', async () => {
    const created = await t.client.createService(lbServiceInput(t.world, [9010], 'listme'));
    t.control.clearRequests();
    const found = await t.client.listServices({ name: 'LISTME', sortKey: 'updated_at', sortDir: 'asc' });
    expect(found.map((s) => s.id)).toEqual([created.id]);
    expect(t.control.requests()).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: servicesPath,
        query: { limit: '1000', endpoint_service_name: 'LISTME', sort_key: 'updated_at', sort_dir: 'asc' },
      }),
    ]);
  });

  it('gets one service with its connection count and normalised timestamps', async () => {
    const created = await t.client.createService(lbServiceInput(t.world, [9011], 'getme'));
    const service = await t.client.getService(created.id);
    expect(service).toMatchObject({ id: created.id, connectionCount: 0, errors: [] });
    // The emulator sends created_at with Z and updated_at without a zone but with milliseconds.
    expect(service.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(service.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});

describe('update', () => {
  it('sends only the changed fields and returns the renamed service as region.name.id', async () => {
    const created = await t.client.createService(lbServiceInput(t.world, [9020], 'before'));
    await t.client.waitForService(created.id, 'available');
    t.control.clearRequests();
    const updated = await t.client.updateService(created.id, { name: 'after', approvalEnabled: false });
    expect(t.control.requests({ method: 'PUT' })).toEqual([
      expect.objectContaining({
        path: `${servicesPath}/${created.id}`,
        body: { approval_enabled: false, service_name: 'after' },
      }),
    ]);
    expect(updated).toMatchObject({
      name: 'after',
      serviceName: `eu-de.after.${created.id}`,
      approvalEnabled: false,
    });
  });

  it('is refused while the service is still being created (EndPoint.3045)', async () => {
    const slow = await startTestCloud({ sandbox: { createDelayMs: 60_000 } });
    try {
      const created = await slow.client.createService(lbServiceInput(slow.world, [9021]));
      const error = await slow.client
        .updateService(created.id, { description: 'x' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).hasCode('endpoint.3045')).toBe(true);
    } finally {
      await slow.close();
    }
  });
});

describe('delete', () => {
  it('deletes asynchronously: 204, then "deleting", then 404', async () => {
    const created = await t.client.createService(lbServiceInput(t.world, [9030]));
    await t.client.waitForService(created.id, 'available');
    expect(await t.client.deleteService(created.id)).toBe('deleting');
    expect(t.control.requests({ method: 'DELETE' }).map((r) => r.status)).toEqual([204]);
    await t.client.waitForService(created.id, 'deleted');
    expect(t.control.requests({ method: 'GET', path: `${created.id}$` }).at(-1)?.status).toBe(404);
    expect(await t.client.deleteService(created.id)).toBe('already_deleted');
  });

  it('is refused while a connection is accepted (EndPoint.3006), and allowed once it is rejected', async () => {
    const created = await t.client.createService({
      ...lbServiceInput(t.world, [9031]),
      approvalEnabled: false,
    });
    await t.client.waitForService(created.id, 'available');
    const connection = await t.control.requestConnection(t.projectId, created.id);
    expect(connection.status).toBe('accepted');

    const error = await t.client.deleteService(created.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ otcCode: 'EndPoint.3006' });
    expect((error as ConflictError).userMessage).toMatch(/Reject or remove those connections first/);

    await t.client.connectionAction(created.id, connection.endpointId, 'reject');
    expect(await t.client.deleteService(created.id)).toBe('deleting');
  });
});

describe('waitForService', () => {
  it('ends with ServiceFailedError carrying the cloud error when the service fails', async () => {
    const slow = await startTestCloud({ sandbox: { createDelayMs: 60_000 } });
    try {
      const created = await slow.client.createService(lbServiceInput(slow.world, [9040]));
      await slow.control.failService(slow.projectId, created.id, {
        code: 'EndPoint.3005',
        message: 'Backend unreachable.',
      });
      const error = await slow.client.waitForService(created.id, 'available').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServiceFailedError);
      expect(error).toMatchObject({ otcCode: 'EndPoint.3005', otcMessage: 'Backend unreachable.' });
    } finally {
      await slow.close();
    }
  });

  it('stops with a ConflictError when the service awaited as available is being deleted', async () => {
    const slow = await startTestCloud({ sandbox: { deleteDelayMs: 60_000 } });
    try {
      const created = await slow.client.createService(lbServiceInput(slow.world, [9042]));
      await slow.client.waitForService(created.id, 'available');
      await slow.client.deleteService(created.id);
      slow.control.clearRequests();
      const error = await slow.client
        .waitForService(created.id, 'available', { timeoutMs: 2000, intervalMs: 10 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).userMessage).toContain('is being deleted');
      // One look was enough: no polling until the ceiling.
      expect(slow.control.requests({ method: 'GET', path: `${created.id}$` })).toHaveLength(1);
    } finally {
      await slow.close();
    }
  });

  it('gives up at the ceiling with WaitTimeoutError while the service is still creating', async () => {
    const slow = await startTestCloud({ sandbox: { createDelayMs: 60_000 } });
    try {
      const created = await slow.client.createService(lbServiceInput(slow.world, [9041]));
      const error = await slow.client
        .waitForService(created.id, 'available', { timeoutMs: 100, intervalMs: 10 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WaitTimeoutError);
      expect((error as WaitTimeoutError).userMessage).toContain('still "creating"');
      expect(slow.control.requests({ method: 'GET' }).length).toBeGreaterThanOrEqual(1);
    } finally {
      await slow.close();
    }
  });
});
