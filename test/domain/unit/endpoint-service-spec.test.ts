import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DraftValues, fullNamePattern, validateDraft } from '#src/domain/endpoint-service-spec.js';
import { parsePortMappings } from '#src/domain/port-mappings.js';
import { parseTags } from '#src/domain/tags.js';
import { parseAccounts } from '#src/domain/whitelist.js';

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

describe('the rules as properties: valid input is accepted, one broken rule is named on its line', () => {
  const port = fc.integer({ min: 1, max: 65_535 });
  const tagChar = fc.constantFrom(...'abcXYZ019_-äßЖ'.split(''));
  const tagText = (max: number) => fc.string({ unit: tagChar, minLength: 1, maxLength: max });
  const validPorts = fc.uniqueArray(fc.tuple(port, port), {
    minLength: 1,
    maxLength: 50,
    selector: ([, terminal]) => terminal,
  });
  const validTags = fc.uniqueArray(fc.tuple(tagText(36), tagText(43)), {
    maxLength: 20,
    selector: ([key]) => key,
  });
  const asPortText = (pairs: readonly [number, number][]) => pairs.map(([s, t]) => `${s}:${t}`).join('\n');
  const asTagText = (pairs: readonly [string, string][]) => pairs.map(([k, v]) => `${k}=${v}`).join('\n');

  it('should accept every input that keeps the rules', () => {
    fc.assert(
      fc.property(validPorts, validTags, (ports, tags) => {
        const portResult = parsePortMappings(asPortText(ports));
        const tagResult = parseTags(asTagText(tags));
        expect(portResult.ok && portResult.value.length).toBe(ports.length);
        expect(tagResult.ok && tagResult.value.length).toBe(tags.length);
      }),
      { numRuns: 300 },
    );
  });

  it('should refuse one broken port rule and name its line', () => {
    const breakPort = fc.constantFrom(
      (terminal: number) => `0:${terminal}`,
      (terminal: number) => `65536:${terminal}`,
      (terminal: number) => `80:${terminal + 70_000}`,
      () => 'eighty:80',
    );
    fc.assert(
      fc.property(
        validPorts.filter((p) => p.length < 50),
        fc.nat(),
        breakPort,
        (ports, where, broken) => {
          const lines = ports.map(([s, t]) => `${s}:${t}`);
          const at = where % (lines.length + 1);
          lines.splice(at, 0, broken(1));
          const result = parsePortMappings(lines.join('\n'));
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.problems.join('\n')).toContain(`Line ${at + 1}:`);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('should refuse a repeated terminal port and 51 mappings', () => {
    fc.assert(
      fc.property(validPorts, fc.nat(), (ports, pick) => {
        const [service, terminal] = ports[pick % ports.length] ?? [1, 1];
        const result = parsePortMappings(`${asPortText(ports)}\n${service === 1 ? 2 : 1}:${terminal}`);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.problems[0]).toContain(`Line ${ports.length + 1}:`);
      }),
    );
    const many = Array.from({ length: 51 }, (_, i) => `${i + 1}:${i + 1}`).join('\n');
    expect(parsePortMappings(many).ok).toBe(false);
  });

  it('should refuse one broken tag rule and name its line', () => {
    const breakTag = fc.constantFrom(
      `${'k'.repeat(37)}=v`,
      `k=${'v'.repeat(44)}`,
      'a@b=v',
      'k=v.w',
      '=v',
      'k=',
      'no-equals',
    );
    fc.assert(
      fc.property(
        validTags.filter((t) => t.length < 20),
        fc.nat(),
        breakTag,
        (tags, where, broken) => {
          const lines = tags.map(([k, v]) => `${k}=${v}`);
          const at = where % (lines.length + 1);
          lines.splice(at, 0, broken);
          const result = parseTags(lines.join('\n'));
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.problems.join('\n')).toContain(`Line ${at + 1}:`);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('should refuse a description over 128 characters or with < or >', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 129, maxLength: 300 }).filter((t) => [...t.trim()].length > 128),
        (text) => {
          expect(validateDraft({ ...valid, description: text }).ok).toBe(false);
        },
      ),
      { numRuns: 100 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.constantFrom('<', '>'), (text, bracket) => {
        const result = validateDraft({ ...valid, description: `${text}${bracket}` });
        expect(result.ok).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});
