/** Models of the create views, for the pure builder tests. */
import type { EndpointServiceSpec } from '#src/domain/endpoint-service-spec.js';
import type { Choice } from '#src/features/create/flow/resource-catalog.js';
import type { AttemptModel, FormModel, ReviewModel } from '#src/features/create/model/screen-models.js';

export const PROJECTS = [
  { projectId: 'p-de', label: 'eu-de', region: 'eu-de' },
  { projectId: 'p-nl', label: 'eu-nl', region: 'eu-nl' },
];

export function choices(count: number, prefix = 'item'): Choice[] {
  return Array.from({ length: count }, (_, i) => ({
    value: `00000000-0000-4000-a000-${String(i).padStart(12, '0')}`,
    label: `${prefix}-${i} — 10.0.${Math.floor(i / 250)}.${i % 250}`,
  }));
}

export function formModel(change: Partial<FormModel> = {}): FormModel {
  return {
    draftRef: 'T0TEST:U0ALICE:a1b2c3d4e5f6',
    projects: PROJECTS,
    values: { projectId: 'p-de', approvalEnabled: true, backendType: 'elb', ownerUsers: ['U0ALICE'] },
    labels: {},
    vpcs: { kind: 'list', choices: choices(2, 'vpc') },
    backends: { kind: 'waiting', reason: 'Choose a VPC to see its load balancers.' },
    groups: [],
    ...change,
  };
}

export const SPEC: EndpointServiceSpec = {
  projectId: 'p-de',
  name: 'orders',
  vpcId: 'vpc-1',
  serviceType: 'interface',
  approvalEnabled: true,
  backendType: 'elb',
  portId: 'port-1',
  ports: [
    { servicePort: 8080, terminalPort: 80 },
    { servicePort: 8443, terminalPort: 443 },
  ],
  tags: [{ key: 'env', value: 'prod' }],
  description: 'Orders API',
  owners: { users: ['U0ALICE'], groups: ['S0TEAM'] },
  approvalChannel: 'C0APPROVE',
  whitelist: ['abc123'],
};

export function reviewModel(change: Partial<ReviewModel> = {}): ReviewModel {
  return {
    draftRef: 'T0TEST:U0ALICE:a1b2c3d4e5f6',
    region: 'eu-de',
    projectLabel: 'eu-de',
    spec: SPEC,
    labels: { vpc: 'vpc-demo-a (192.168.0.0/16)', backend: 'elb-a — 192.168.1.10 (dedicated)' },
    groups: [{ value: 'S0TEAM', label: '@team (Team)' }],
    quota: { state: 'ok', used: 3, quota: 20 },
    ingress: 'allowed',
    backend: { state: 'ok' },
    ...change,
  };
}

export function attemptModelOf(change: Partial<AttemptModel> = {}): AttemptModel {
  return {
    attemptRef: 'T0TEST:U0ALICE:a1b2c3d4e5f6.0a0b0c0d0e0f',
    state: 'done',
    userId: 'U0ALICE',
    region: 'eu-de',
    spec: SPEC,
    labels: { vpc: 'vpc-demo-a', backend: 'elb-a' },
    serviceId: '11111111-2222-4333-a444-555555555555',
    serviceName: 'eu-de.orders.11111111-2222-4333-a444-555555555555',
    channelId: 'C0OPS',
    ...change,
  };
}
