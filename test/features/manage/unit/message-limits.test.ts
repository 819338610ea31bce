/**
 * The management messages and views, built from arbitrary (large, odd) data, always pass Slack's
 * limits: at most 50 blocks a message and 100 a view, text lengths, button values. The checks are the
 * fake Slack's pure ones, i.e. what the fake would refuse.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Connection, ConnectionStatus, EndpointService, ServiceStatus } from '#src/cloud/types.js';
import type { ApprovalRequest } from '#src/features/approvals/public.js';
import { DECISION_BLOCK } from '#src/features/approvals/views/approval-ids.js';
import type { ConnectionsPage } from '#src/features/manage/usecases/connections-listing.js';
import type { HomeData } from '#src/features/manage/usecases/home-contents.js';
import type { ServiceDetails } from '#src/features/manage/usecases/service-details.js';
import type { SummaryPage } from '#src/features/manage/usecases/service-summaries.js';
import { connectionsMessage } from '#src/features/manage/views/connections-message.js';
import { homeView } from '#src/features/manage/views/home-view.js';
import { editFormView } from '#src/features/manage/views/manage-edit-modal.js';
import { serviceDetailMessage } from '#src/features/manage/views/service-detail-message.js';
import {
  serviceSummaryMessage,
  summaryWithNote,
} from '#src/features/manage/views/service-summary-message.js';
import type { OtcProject } from '#src/platform/config/config-types.js';
import { checkMessage, checkView } from '#src/playground/slack/index.js';

const RUNS = { numRuns: 25 };
const text = (max: number) => fc.string({ maxLength: max, unit: 'grapheme' });
const id = fc.uuid();
const statuses: ServiceStatus[] = ['creating', 'available', 'failed', 'deleting'];
const connectionStatuses: ConnectionStatus[] = [
  'pendingAcceptance',
  'creating',
  'accepted',
  'rejected',
  'failed',
  'deleting',
];

const project: fc.Arbitrary<OtcProject> = fc.record({
  region: fc.constantFrom('eu-de', 'eu-nl', 'eu-ch2'),
  projectId: fc.stringMatching(/^[0-9a-f]{32}$/),
  label: text(60),
});

const service: fc.Arbitrary<EndpointService> = fc
  .record({
    id,
    name: fc.option(fc.stringMatching(/^[A-Za-z0-9_-]{1,16}$/), { nil: undefined }),
    status: fc.constantFrom(...statuses),
    ports: fc.array(
      fc.record({
        clientPort: fc.integer({ min: 1, max: 65535 }),
        serverPort: fc.integer({ min: 1, max: 65535 }),
        protocol: fc.constant('TCP'),
      }),
      { maxLength: 200, size: 'max' },
    ),
    tags: fc.array(fc.record({ key: text(36), value: text(43) }), { maxLength: 20 }),
    description: fc.option(text(128), { nil: undefined }),
    approvalEnabled: fc.boolean(),
    serverType: fc.constantFrom('LB' as const, 'VM' as const, 'BMS' as const, 'VIP' as const),
    connectionCount: fc.option(fc.nat(5000), { nil: undefined }),
    errors: fc.array(fc.record({ code: text(20), message: text(300) }), { maxLength: 3 }),
  })
  .map((s) => ({
    ...s,
    serviceName: `eu-de.${s.name ?? ''}.${s.id}`,
    vpcId: 'vpc-1',
    portId: 'port-1',
    serviceType: 'interface',
    tcpProxy: undefined,
    projectId: undefined,
    domainId: undefined,
    createdAt: '2026-11-27T10:00:00.000Z',
    updatedAt: undefined,
  }));

const owners = fc.record({
  users: fc.array(fc.stringMatching(/^U[A-Z0-9]{8,10}$/), { maxLength: 60, size: 'max' }),
  groups: fc.array(fc.stringMatching(/^S[A-Z0-9]{8,10}$/), { maxLength: 30 }),
});

const connection: fc.Arbitrary<Connection> = fc.record({
  endpointId: id,
  markerId: fc.constant(undefined),
  domainId: fc.option(fc.stringMatching(/^[0-9a-f]{32}$/), { nil: undefined }),
  status: fc.constantFrom(...connectionStatuses),
  createdAt: fc.constant('2026-11-27T10:00:00.000Z'),
  updatedAt: fc.constant(undefined),
  errors: fc.array(fc.record({ code: text(20), message: text(100) }), { maxLength: 2 }),
});

/** A pending request at its longest: 10 workflow notes (or `notes`) and the error line of a failed decision. */
function request(serviceId: string, endpointId: string, note: string, notes = 10): ApprovalRequest {
  return {
    id: `p:${serviceId}:${endpointId}`,
    projectId: 'p',
    serviceId,
    serviceName: `eu-de.svc.${serviceId}`,
    endpointId,
    domainId: 'abc',
    markerId: undefined,
    requestedAt: '2026-11-27T10:00:00.000Z',
    ports: [{ clientPort: 80, serverPort: 8080, protocol: 'TCP' }],
    origin: 'workflow',
    createdAt: Date.now(),
    postedAt: undefined,
    state: 'pending',
    version: 1,
    lease: undefined,
    decidedBy: undefined,
    decidedAt: undefined,
    reason: undefined,
    observedStatus: undefined,
    lastError: `The cloud did not answer in time. ${note}`,
    remindedAt: undefined,
    escalatedAt: undefined,
    workflow: Array.from({ length: notes }, (_, i) => ({
      requester: 'U0REQUESTER',
      reason: `${note} #${i}`,
    })),
    copies: [],
  };
}

function expectAccepted(message: { text: string; blocks: unknown[] }, maxBlocks: number) {
  expect(message.blocks.length).toBeLessThanOrEqual(maxBlocks);
  expect(checkMessage(message as never)).toBeUndefined();
  expect(message.text.trim()).not.toBe('');
}

describe('management messages stay within Slack limits', () => {
  it('should keep every summary page (and its ephemeral variant) within 50 blocks', () => {
    const page = fc
      .record({
        projects: fc.array(project, { minLength: 1, maxLength: 20 }),
        services: fc.array(fc.record({ service, owners: fc.option(owners, { nil: undefined }) }), {
          maxLength: 10,
        }),
        filter: fc.option(text(100), { nil: undefined }),
        kind: fc.constantFrom('list' as const, 'daily' as const, 'weekly' as const),
        page: fc.nat(50),
        pageCount: fc.integer({ min: 1, max: 60 }),
        errors: fc.boolean(),
      })
      .map(
        (p): SummaryPage => ({
          kind: p.kind,
          filter: p.filter,
          page: Math.min(p.page, p.pageCount - 1),
          pageCount: p.pageCount,
          total: p.services.length * p.pageCount,
          projects: p.projects.map((project, i) => ({
            project,
            quota: i % 2 ? { used: 120, quota: 20 } : undefined,
            matching: p.services.length,
            error: p.errors ? 'The cloud did not answer in time. Please try again in a minute.' : undefined,
          })),
          services: p.services.map((s, i) => ({
            projectId: p.projects[i % p.projects.length]?.projectId ?? '',
            service: s.service,
            owners: s.owners,
            connections: i % 3 ? { pending: 3, accepted: 9999, creating: 1 } : undefined,
          })),
          ownersUnavailable: false,
          ownerLabels: { users: new Map([['U0OWNER', 'Olivia <Ops> & Co']]), groups: new Map() },
          sandbox: true,
        }),
      );
    fc.assert(
      fc.property(page, (p) => {
        const message = serviceSummaryMessage(p, new Date());
        expectAccepted(message, 50);
        expectAccepted(summaryWithNote(message, `:warning: ${'x'.repeat(400)}`), 50);
      }),
      RUNS,
    );
  });

  it('should keep the details of any service within 50 blocks', () => {
    const details = fc
      .record({
        project,
        service,
        owners: fc.option(owners, { nil: undefined }),
        connections: fc.array(connection, { maxLength: 300, size: 'max' }),
        whitelist: fc.array(fc.stringMatching(/^[0-9a-f]{1,64}$/), { maxLength: 600, size: 'max' }),
        notes: fc.array(text(600), { maxLength: 20, size: 'max' }),
      })
      .map(
        (d): ServiceDetails => ({
          project: d.project,
          service: d.service,
          record: {
            ok: true,
            value: d.owners
              ? { projectId: 'p', serviceId: d.service.id, owners: d.owners, createdBy: 'U1' }
              : undefined,
          },
          whitelist: {
            ok: true,
            value: d.whitelist.map((domainId) => ({
              id: undefined,
              permission: `iam:domain::${domainId}`,
              domainId,
              createdAt: undefined,
            })),
          },
          connections: { ok: true, value: d.connections },
          requests: d.connections
            .filter((c) => c.status === 'pendingAcceptance')
            .map((c, i) => request(d.service.id, c.endpointId, d.notes[i] ?? '')),
          multiProject: true,
          sandbox: true,
        }),
      );
    fc.assert(
      fc.property(details, (d) => expectAccepted(serviceDetailMessage(d), 50)),
      RUNS,
    );
  });

  it('should keep a page of connections within 50 blocks', () => {
    const page = fc.record({ project, service, connections: fc.array(connection, { maxLength: 40 }) }).map(
      (p): ConnectionsPage => ({
        project: p.project,
        service: p.service,
        connections: p.connections,
        counts: new Map(connectionStatuses.map((s) => [s, 10_000])),
        total: 60_000,
        page: 3,
        pageCount: 1500,
        sandbox: true,
      }),
    );
    fc.assert(
      fc.property(page, (p) => expectAccepted(connectionsMessage(p), 50)),
      RUNS,
    );
  });

  it('should keep the App Home within 100 blocks', () => {
    const data = fc
      .record({
        projects: fc.array(project, { minLength: 1, maxLength: 10 }),
        services: fc.array(service, { maxLength: 80, size: 'max' }),
        notes: fc.array(text(600), { maxLength: 40, size: 'max' }),
        notesPerRequest: fc.integer({ min: 0, max: 30 }),
      })
      .map(
        (d): HomeData => ({
          userId: 'U1',
          isAdmin: true,
          sandbox: true,
          projects: d.projects.map((project) => ({
            project,
            quota: { used: 3, quota: 20 },
            count: 3,
            error: undefined,
          })),
          services: d.services.map((service) => ({
            project: d.projects[0] as OtcProject,
            service,
            roles: ['owner', 'creator'],
          })),
          approvals: d.notes.map((note, i) => request(`s${i}`, `e${i}`, note, d.notesPerRequest)),
          approvalsError: undefined,
          servicesProblems: [],
          multiProject: d.projects.length > 1,
        }),
      );
    fc.assert(
      fc.property(data, (d) => {
        const view = homeView(d);
        expect(view.blocks.length).toBeLessThanOrEqual(100);
        expect(checkView(view, 'home')).toBeUndefined();
        // Every approval request shown is whole (its buttons too), and the services keep their part.
        const json = view.blocks.map((b) => JSON.stringify(b));
        const headlines = json.filter((b) => b.includes(':inbox_tray: *Connection request*')).length;
        const buttons = json.filter((b) => b.includes(`"block_id":"${DECISION_BLOCK}_`)).length;
        expect(buttons).toBe(headlines);
        if (d.approvals.length > 0) expect(headlines).toBeGreaterThan(0);
        expect(json.some((b) => b.includes('Your endpoint services'))).toBe(true);
        if (d.services.length > 0)
          expect(json.some((b) => b.includes(d.services[0]?.service.id ?? '-'))).toBe(true);
      }),
      RUNS,
    );
  });

  it('should build an edit modal Slack accepts for any service', () => {
    fc.assert(
      fc.property(service, project, (s, p) => {
        const target = {
          projectId: p.projectId,
          serviceId: s.id,
          original: { name: s.name, description: s.description, approvalEnabled: s.approvalEnabled },
        };
        expect(checkView(editFormView(s, p, target, true), 'modal')).toBeUndefined();
      }),
      RUNS,
    );
  });
});
