/**
 * Which service an ambiguous create may take as its own: one it provably made (the attempt's own
 * tag), no older than the request less the clock skew. What anyone can copy (a name, the VPC, backend
 * and ports) or a recent creation time never decides.
 */
import { describe, expect, it } from 'vitest';
import { CLOCK_SKEW_MS, provenService, provesCreation } from '#src/cloud/otc/create-service.js';
import type { CreateServiceInput, EndpointService } from '#src/cloud/types.js';

const SENT_AT = Date.parse('2025-05-01T12:00:00Z');
const TAG = { key: 'vpcep-bot-attempt', value: 'a'.repeat(40) };

const request: CreateServiceInput = {
  vpcId: 'vpc-1',
  portId: 'port-1',
  serverType: 'LB',
  ports: [{ clientPort: 80, serverPort: 8080, protocol: 'TCP' }],
  approvalEnabled: true,
};

function service(overrides: Partial<EndpointService> = {}): EndpointService {
  return {
    id: 'svc-1',
    serviceName: 'eu-de.svc-1',
    name: undefined,
    status: 'available',
    vpcId: 'vpc-1',
    portId: 'port-1',
    serverType: 'LB',
    serviceType: 'interface',
    approvalEnabled: true,
    ports: [{ clientPort: 80, serverPort: 8080, protocol: 'TCP' }],
    tags: [],
    tcpProxy: undefined,
    description: undefined,
    connectionCount: 0,
    projectId: 'p1',
    domainId: 'd1',
    createdAt: new Date(SENT_AT + 1000).toISOString(),
    updatedAt: undefined,
    errors: [],
    ...overrides,
  };
}

describe('the proof that an ambiguous create made a service', () => {
  it('should never take a look-alike when the request carries no tag', () => {
    expect(provesCreation(service(), request, SENT_AT)).toBe(false);
  });

  it("should take a service only by the attempt's own tag", () => {
    const input = { ...request, attemptTag: TAG };
    expect(provesCreation(service({ tags: [TAG] }), input, SENT_AT)).toBe(true);
    expect(provesCreation(service(), input, SENT_AT)).toBe(false);
    expect(provesCreation(service({ tags: [{ ...TAG, value: 'b'.repeat(40) }] }), input, SENT_AT)).toBe(
      false,
    );
  });

  it('should never take a named service by its name alone, and want the name too when one was asked', () => {
    // Anyone may ask for the same name: a victim's service still `creating` carries it too.
    expect(provesCreation(service({ name: 'orders' }), { ...request, name: 'orders' }, SENT_AT)).toBe(false);
    const input = { ...request, name: 'orders', attemptTag: TAG };
    expect(provesCreation(service({ name: 'orders', tags: [TAG] }), input, SENT_AT)).toBe(true);
    expect(provesCreation(service({ name: 'orders2', tags: [TAG] }), input, SENT_AT)).toBe(false);
    expect(provesCreation(service({ name: 'orders' }), input, SENT_AT)).toBe(false);
  });

  it('should refuse a service older than the request, allowing 60 s of clock skew', () => {
    const input = { ...request, attemptTag: TAG };
    const at = (ms: number) => service({ tags: [TAG], createdAt: new Date(SENT_AT + ms).toISOString() });
    expect(CLOCK_SKEW_MS).toBe(60_000);
    expect(provesCreation(at(-CLOCK_SKEW_MS), input, SENT_AT)).toBe(true);
    expect(provesCreation(at(-CLOCK_SKEW_MS - 1000), input, SENT_AT)).toBe(false);
    expect(provesCreation(service({ tags: [TAG], createdAt: undefined }), input, SENT_AT)).toBe(false);
  });

  it('should refuse a service with other ports, another backend, or one being deleted', () => {
    const input = { ...request, attemptTag: TAG };
    expect(provesCreation(service({ tags: [TAG], portId: 'port-2' }), input, SENT_AT)).toBe(false);
    expect(
      provesCreation(
        service({ tags: [TAG], ports: [{ clientPort: 81, serverPort: 8080, protocol: 'TCP' }] }),
        input,
        SENT_AT,
      ),
    ).toBe(false);
    expect(provesCreation(service({ tags: [TAG], status: 'deleting' }), input, SENT_AT)).toBe(false);
  });

  it('should pick only the proven one among look-alikes, however new the others are', () => {
    const input = { ...request, attemptTag: TAG };
    const mine = service({ id: 'mine', tags: [TAG] });
    const newer = service({ id: 'newer', createdAt: new Date(SENT_AT + 5000).toISOString() });
    expect(provenService([newer, mine], input, SENT_AT)?.id).toBe('mine');
    expect(provenService([newer], input, SENT_AT)).toBeUndefined();
  });
});
