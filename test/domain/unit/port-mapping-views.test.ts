/**
 * Every view that shows port mappings, rendered from the same two mappings, shows them the console's
 * way: service port first, then terminal port, each labelled. Owners approve on the numbers they see.
 */
import { describe, expect, it } from 'vitest';
import type { EndpointService } from '#src/cloud/types.js';
import { portsPreview } from '#src/domain/create-draft.js';
import { portMappingLines, portMappingsInline, portMappingText } from '#src/domain/port-mapping-text.js';
import type { PortMappingLine } from '#src/domain/port-mappings.js';
import { approvalRequestMessage } from '#src/features/approvals/public-views.js';
import {
  createAnnouncement,
  createAttemptView,
  createResultMessage,
  unknownOutcomeNotice,
} from '#src/features/create/views/create-attempt.js';
import { createFormView } from '#src/features/create/views/create-form.js';
import { createReviewView } from '#src/features/create/views/create-review.js';
import { homeView } from '#src/features/manage/views/home-view.js';
import { deleteConfirmMessage } from '#src/features/manage/views/manage-delete-message.js';
import { editFormView } from '#src/features/manage/views/manage-edit-modal.js';
import { serviceDetailMessage } from '#src/features/manage/views/service-detail-message.js';
import { serviceSummaryMessage } from '#src/features/manage/views/service-summary-message.js';
import { pendingRequest } from '../../features/approvals/unit/request-fixture.js';
import { attemptModelOf, formModel, reviewModel, SPEC } from '../../features/create/unit/create-fixtures.js';

/** The one spec every view is rendered from: the create form's mappings and the cloud's names for them. */
const MAPPINGS: readonly PortMappingLine[] = [
  { servicePort: 8080, terminalPort: 80 },
  { servicePort: 8443, terminalPort: 443 },
];
const FORM_TEXT = '8080:80\n8443:443';
const CLOUD_PORTS = MAPPINGS.map((m) => ({
  clientPort: m.terminalPort,
  serverPort: m.servicePort,
  protocol: 'TCP',
}));
const EXPECTED = ['TCP: service port 8080, terminal port 80', 'TCP: service port 8443, terminal port 443'];

const PROJECT = { projectId: 'p-de', label: 'eu-de', region: 'eu-de' };
const SERVICE: EndpointService = {
  id: '11111111-2222-4333-a444-555555555555',
  name: 'orders',
  serviceName: 'eu-de.orders.11111111-2222-4333-a444-555555555555',
  status: 'available',
  ports: CLOUD_PORTS,
  tags: [],
  description: undefined,
  approvalEnabled: true,
  serverType: 'LB',
  connectionCount: 1,
  errors: [],
  vpcId: 'vpc-1',
  portId: 'port-1',
  serviceType: 'interface',
  tcpProxy: undefined,
  projectId: undefined,
  domainId: undefined,
  createdAt: '2026-11-27T10:00:00.000Z',
  updatedAt: undefined,
};
const REQUEST = pendingRequest({
  id: `p-de:${SERVICE.id}:ep-1`,
  projectId: 'p-de',
  serviceId: SERVICE.id,
  serviceName: SERVICE.serviceName,
  endpointId: 'ep-1',
  domainId: 'abc',
  ports: CLOUD_PORTS,
  createdAt: Date.parse('2026-11-27T10:00:00.000Z'),
});

/**
 * Every string a message, modal or Home tab shows (texts, fields, fallback), in order. Placeholders are
 * left out: the form's `8080:80` placeholder shows what to type, not a mapping.
 */
function shown(value: unknown): string {
  const texts: string[] = [];
  const walk = (v: unknown, key?: string): void => {
    if (typeof v === 'string') {
      if (key === 'text') texts.push(v);
    } else if (Array.isArray(v)) {
      for (const item of v) walk(item, key);
    } else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) if (k !== 'placeholder') walk(child, k);
    }
  };
  walk(value);
  return texts.join('\n');
}

const summaryPage = (kind: 'list' | 'daily') =>
  serviceSummaryMessage(
    {
      kind,
      filter: undefined,
      page: 0,
      pageCount: 1,
      total: 1,
      projects: [{ project: PROJECT, quota: { used: 1, quota: 20 }, matching: 1, error: undefined }],
      services: [
        {
          projectId: 'p-de',
          service: SERVICE,
          owners: { users: ['U0ALICE'], groups: [] },
          connections: { pending: 1, accepted: 0, creating: 0 },
        },
      ],
      ownersUnavailable: false,
      ownerLabels: { users: new Map(), groups: new Map() },
      sandbox: false,
    },
    new Date('2026-11-28T09:00:00.000Z'),
  );

const spec = { ...SPEC, ports: MAPPINGS };
const VIEWS: [string, () => unknown][] = [
  ['the approval request', () => approvalRequestMessage({ request: REQUEST, sandbox: false })],
  [
    'the decided approval request',
    () =>
      approvalRequestMessage({
        request: { ...REQUEST, state: 'approved', decidedBy: 'U0ALICE01', decidedAt: Date.now() },
        sandbox: false,
      }),
  ],
  [
    'App Home',
    () =>
      homeView({
        userId: 'U0ALICE',
        isAdmin: false,
        sandbox: false,
        projects: [{ project: PROJECT, quota: { used: 1, quota: 20 }, count: 1, error: undefined }],
        services: [{ project: PROJECT, service: SERVICE, roles: ['owner'] }],
        servicesProblems: [],
        approvals: [REQUEST],
        approvalsError: undefined,
        multiProject: false,
      }),
  ],
  [
    '/vpcep show',
    () =>
      serviceDetailMessage({
        project: PROJECT,
        service: SERVICE,
        record: { ok: true, value: undefined },
        whitelist: { ok: true, value: [] },
        connections: { ok: true, value: [] },
        requests: [],
        multiProject: false,
        sandbox: false,
      }),
  ],
  ['/vpcep list', () => summaryPage('list')],
  ['the digest', () => summaryPage('daily')],
  ['the delete confirmation', () => deleteConfirmMessage('p-de', SERVICE, 0, false)],
  [
    'the edit modal',
    () =>
      editFormView(
        SERVICE,
        PROJECT,
        {
          projectId: 'p-de',
          serviceId: SERVICE.id,
          original: { name: 'orders', description: undefined, approvalEnabled: true },
        },
        false,
      ),
  ],
  [
    'the create form preview',
    () => createFormView(formModel({ values: { ...formModel().values, portsText: FORM_TEXT } }), false),
  ],
  ['the create review', () => createReviewView(reviewModel({ spec }), false)],
  ['the progress modal', () => createAttemptView(attemptModelOf({ state: 'creating', spec }), false)],
  ['the result DM', () => createResultMessage(attemptModelOf({ spec }), false)],
  ['the result DM fallback', () => createResultMessage(attemptModelOf({ spec }), false).text],
  ['the announcement', () => createAnnouncement(attemptModelOf({ spec }), false)],
  ['the announcement fallback', () => createAnnouncement(attemptModelOf({ spec }), false).text],
  [
    'the unknown-outcome notice',
    () => unknownOutcomeNotice(attemptModelOf({ state: 'unknown', spec }), false, undefined),
  ],
];

describe('every view shows port mappings in the console order and words', () => {
  it.each(VIEWS)('%s shows the service port before the terminal port, labelled', (_name, render) => {
    const rendered = render();
    const text = typeof rendered === 'string' ? rendered : shown(rendered);
    for (const mapping of EXPECTED) expect(text).toContain(mapping);
    // Neither the reversed order nor an unlabelled pair is left anywhere.
    expect(text).not.toMatch(/\b80\s*(→|->|:)\s*8080\b|\b8080\s*(→|->|:)\s*80\b/);
  });
});

describe('the port mapping formatter', () => {
  it('should name the cloud’s server port the service port and its client port the terminal port', () => {
    expect(portMappingText({ clientPort: 80, serverPort: 8080, protocol: 'tcp' })).toBe(
      'TCP: service port 8080, terminal port 80',
    );
    expect(portMappingText({ servicePort: 8080, terminalPort: 80 })).toBe(
      'TCP: service port 8080, terminal port 80',
    );
  });

  it('should escape a protocol the cloud sends, so it cannot format or mention', () => {
    expect(portMappingText({ clientPort: 80, serverPort: 8080, protocol: '<!here>' })).toBe(
      '&lt;!HERE&gt;: service port 8080, terminal port 80',
    );
  });

  it('should count what it leaves out and say none when there is none', () => {
    expect(portMappingLines(MAPPINGS, 1)).toBe('TCP: service port 8080, terminal port 80\n…and 1 more');
    expect(portMappingsInline(MAPPINGS)).toBe(EXPECTED.join('; '));
    expect(portMappingLines([])).toBe('_none_');
    expect(portMappingsInline([])).toBe('none');
  });

  it('should preview the form text with the same words', () => {
    expect(portsPreview(FORM_TEXT)).toBe(`2 mappings: ${EXPECTED.join('; ')}`);
  });
});
