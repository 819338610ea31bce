import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DraftValues,
  fullNamePattern,
  validateDraft,
} from '../../../src/domain/endpoint-service-spec.js';
import { parsePortMappings } from '../../../src/domain/port-mappings.js';
import { parseTags } from '../../../src/domain/tags.js';
import { parseAccounts } from '../../../src/domain/whitelist.js';

const valid: DraftValues = {
  projectId: 'p1',
  name: 'orders-api',
  vpcId: 'vpc-1',
  approvalEnabled: false,
  backendType: 'elb',
  portId: 'port-1',
  portsText: '8080:80',
  tagsText: 'env=prod',
  description: 'Orders API',
  ownerUsers: ['U1'],
  ownerGroups: [],
  whitelistText: 'iam:domain::abc123, def456',
};

describe('the endpoint service specification', () => {
  it('should turn a complete draft into the request, keeping approval explicit', () => {
    const result = validateDraft(valid);
    expect(result).toEqual({
      ok: true,
      spec: {
        projectId: 'p1',
        name: 'orders-api',
        vpcId: 'vpc-1',
        serviceType: 'interface',
        approvalEnabled: false,
        backendType: 'elb',
        portId: 'port-1',
        ports: [{ servicePort: 8080, terminalPort: 80 }],
        tags: [{ key: 'env', value: 'prod' }],
        description: 'Orders API',
        owners: { users: ['U1'], groups: [] },
        approvalChannel: undefined,
        whitelist: ['abc123', 'def456'],
      },
    });
  });

  it('should default Connection Approval to on', () => {
    const result = validateDraft({ ...valid, approvalEnabled: undefined });
    expect(result.ok && result.spec.approvalEnabled).toBe(true);
  });

  it.each<[Partial<DraftValues>, string, RegExp]>([
    [{ name: 'way-too-long-name-17' }, 'name', /at most 16/],
    [{ name: 'bad name!' }, 'name', /only letters, digits, _ and -/],
    [{ vpcId: undefined }, 'vpcId', /Choose the VPC/],
    [{ portId: undefined, backendType: 'ecs' }, 'portId', /Choose an ECS and its NIC/],
    [{ portsText: '1:2\n1:2' }, 'portsText', /Line 2/],
    [{ tagsText: 'a=b\na=c' }, 'tagsText', /Line 2/],
    [{ description: 'x'.repeat(129) }, 'description', /at most 128/],
    [{ description: '<script>' }, 'description', /< or >/],
    [{ ownerUsers: [], ownerGroups: [] }, 'ownerUsers', /at least one owner/],
    [{ whitelistText: 'not/valid' }, 'whitelistText', /not an account ID/],
  ])('should refuse %j in field %s', (change, field, message) => {
    const result = validateDraft({ ...valid, ...change });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.errors)).toEqual([field]);
      expect(result.errors[field as keyof DraftValues]).toMatch(message);
    }
  });

  it('should report every invalid field at once', () => {
    const result = validateDraft({ ownerUsers: [] });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.errors).sort()).toEqual([
        'backendType',
        'ownerUsers',
        'portId',
        'portsText',
        'projectId',
        'vpcId',
      ]);
    }
  });

  it('should show the full name the cloud will give', () => {
    expect(fullNamePattern('eu-de', undefined)).toBe('eu-de.<service_id>');
    expect(fullNamePattern('eu-de', 'test')).toBe('eu-de.test.<service_id>');
  });
});

describe('parsers under arbitrary input (property-based)', () => {
  const anyText = fc.oneof(
    fc.string({ maxLength: 400 }),
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    fc.lorem({ maxCount: 30 }),
  );

  it('should never throw, and give a message for every refusal', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const parse of [parsePortMappings, parseTags, parseAccounts]) {
          const result = parse(text);
          if (!result.ok) {
            expect(result.problems.length).toBeGreaterThan(0);
            for (const p of result.problems) expect(p.trim().length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('should give every invalid draft a message on the field at fault', () => {
    const draft = fc.record(
      {
        projectId: fc.option(fc.string(), { nil: undefined }),
        name: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
        vpcId: fc.option(fc.string(), { nil: undefined }),
        backendType: fc.option(fc.constantFrom('elb' as const, 'ecs' as const, 'bms' as const), {
          nil: undefined,
        }),
        portId: fc.option(fc.string(), { nil: undefined }),
        portsText: fc.option(anyText, { nil: undefined }),
        tagsText: fc.option(anyText, { nil: undefined }),
        description: fc.option(fc.string({ maxLength: 200 }), { nil: undefined }),
        ownerUsers: fc.option(fc.array(fc.constantFrom('U1', 'U2'), { maxLength: 2 }), { nil: undefined }),
        whitelistText: fc.option(anyText, { nil: undefined }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(draft, (values) => {
        const result = validateDraft(values);
        if (result.ok) return;
        const messages = Object.values(result.errors);
        expect(messages.length).toBeGreaterThan(0);
        for (const m of messages) expect(m?.trim().length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});
