import { describe, expect, it } from 'vitest';
import { normalizeTimestamp, parseCloudJson } from '#src/cloud/otc/wire/common-wire.js';
import { connectionListWire } from '#src/cloud/otc/wire/connections-wire.js';
import { parseErrorBody } from '#src/cloud/otc/wire/error-body-wire.js';
import { endpointServiceWire, serviceListWire, shortServiceName } from '#src/cloud/otc/wire/services-wire.js';
import { permissionOfDomainId } from '#src/cloud/otc/wire/whitelist-wire.js';

const minimalService = {
  id: '4189d3c2-8882-4871-a3c2-d380272eed83',
  status: 'available',
  vpc_id: 'vpc-1',
  port_id: 'port-1',
  server_type: 'LB',
};

describe('lenient wire parsing (the documented inconsistencies)', () => {
  it.each([
    ['2018-01-30T07:42:01Z', '2018-01-30T07:42:01.000Z'],
    ['2018-01-30T07:42:01.174', '2018-01-30T07:42:01.174Z'],
    ['2018-01-30T07:42:01', '2018-01-30T07:42:01.000Z'],
    ['2018-01-30 07:42:01', '2018-01-30T07:42:01.000Z'],
    ['2020-01-05T07:22:16.393000Z', '2020-01-05T07:22:16.393Z'],
    ['2018-01-30T09:42:01+02:00', '2018-01-30T07:42:01.000Z'],
    ['not a date', 'not a date'],
  ])('reads the timestamp %s as %s', (wire, normalised) => {
    expect(normalizeTimestamp(wire)).toBe(normalised);
  });

  it('keeps a marker_id beyond 2^53 exact, and leaves other numbers alone', () => {
    const parsed = parseCloudJson(
      '{"connections":[{"id":"ep","marker_id":422321321312321321,"status":"accepted"}],"total_count":1}',
    );
    expect(connectionListWire.parse(parsed)).toEqual({
      connections: [
        {
          kind: 'item',
          item: expect.objectContaining({ endpointId: 'ep', markerId: '422321321312321321' }),
        },
      ],
      total_count: 1,
    });
    expect(BigInt(Number.MAX_SAFE_INTEGER)).toBeLessThan(422321321312321321n);
  });

  it('treats an absent approval_enabled as the API default, true', () => {
    expect(endpointServiceWire.parse(minimalService).approvalEnabled).toBe(true);
  });

  it('accepts booleans and numbers sent as strings, null arrays and statuses in any case', () => {
    const service = endpointServiceWire.parse({
      ...minimalService,
      status: 'AVAILABLE',
      approval_enabled: 'false',
      connection_count: '3',
      ports: [{ client_port: '80', server_port: 8080 }],
      tags: null,
      error: null,
    });
    expect(service).toMatchObject({
      status: 'available',
      approvalEnabled: false,
      connectionCount: 3,
      ports: [{ clientPort: 80, serverPort: 8080, protocol: 'TCP' }],
      tags: [],
      errors: [],
    });
  });

  it('reads a failed service error from error_message (not error_msg)', () => {
    const service = endpointServiceWire.parse({
      ...minimalService,
      status: 'failed',
      error: [{ error_code: 'EndPoint.3005', error_message: 'Failed.' }],
    });
    expect(service.errors).toEqual([{ code: 'EndPoint.3005', message: 'Failed.' }]);
  });

  it('refuses a single service whose status the API does not document', () => {
    expect(endpointServiceWire.safeParse({ ...minimalService, status: 'exploded' }).success).toBe(false);
    expect(endpointServiceWire.safeParse({ ...minimalService, server_type: 'NLB' }).success).toBe(false);
  });

  it('sets aside a list item with an undocumented status or server type instead of failing the page', () => {
    const page = serviceListWire.parse({
      endpoint_services: [
        minimalService,
        { ...minimalService, id: 'odd-status', status: 'exploded' },
        { ...minimalService, id: 'odd-type', server_type: 'NLB' },
      ],
      total_count: 3,
    });
    expect(page.endpoint_services).toEqual([
      { kind: 'item', item: expect.objectContaining({ id: minimalService.id, status: 'available' }) },
      { kind: 'undocumented', id: 'odd-status', reason: 'status "exploded"' },
      { kind: 'undocumented', id: 'odd-type', reason: 'server_type "NLB"' },
    ]);
  });

  it('sets aside a connection with an undocumented status instead of failing the page', () => {
    const page = connectionListWire.parse({
      connections: [
        { id: 'ep-1', status: 'ACCEPTED' },
        { id: 'ep-2', status: 'quarantined' },
      ],
    });
    expect(page.connections).toEqual([
      { kind: 'item', item: expect.objectContaining({ endpointId: 'ep-1', status: 'accepted' }) },
      { kind: 'undocumented', id: 'ep-2', reason: 'status "quarantined"' },
    ]);
  });

  it('still fails the page for an item missing a required field', () => {
    expect(serviceListWire.safeParse({ endpoint_services: [{ id: 'x', status: 'available' }] }).success).toBe(
      false,
    );
  });
});

describe('names and whitelist entries', () => {
  const id = '4189d3c2-8882-4871-a3c2-d380272eed83';
  it.each([
    [`eu-de.payments.${id}`, 'payments'],
    [`eu-de.${id}`, undefined],
    ['payments', 'payments'],
    ['', undefined],
  ])('takes the user name out of %j', (full, name) => {
    expect(shortServiceName(full, id)).toBe(name);
  });

  it('prefixes account IDs with iam:domain:: but sends "*" bare', () => {
    expect(permissionOfDomainId('abc')).toBe('iam:domain::abc');
    expect(permissionOfDomainId('*')).toBe('*');
    expect(permissionOfDomainId('iam:domain::abc')).toBe('iam:domain::abc');
  });
});

describe('error bodies of every service', () => {
  it.each([
    ['VPCEP', { error_code: 'EndPoint.0022', error_msg: 'Too many.' }, 'EndPoint.0022', 'Too many.'],
    [
      'API gateway',
      { error_code: 'APIG.0308', error_msg: 'Throttled', request_id: 'x' },
      'APIG.0308',
      'Throttled',
    ],
    [
      'IAM (Keystone)',
      { error: { code: 401, title: 'Unauthorized', message: 'Wrong.' } },
      undefined,
      'Wrong.',
    ],
    ['ECS', { error: { code: 'Ecs.0114', message: 'No server.' } }, 'Ecs.0114', 'No server.'],
    [
      'Neutron',
      { NeutronError: { type: 'PortNotFound', message: 'No port.', detail: '' } },
      'PortNotFound',
      'No port.',
    ],
    ['Nova', { itemNotFound: { code: 404, message: 'Gone.' } }, undefined, 'Gone.'],
    ['not JSON we know', 'upstream timeout', undefined, undefined],
  ])('reads the %s shape', (_, body, code, message) => {
    expect(parseErrorBody(body)).toEqual({ code, message });
  });
});
