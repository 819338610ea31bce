import { describe, expect, it } from 'vitest';
import { createReviewView } from '#src/features/create/views/create-review.js';
import { checkView } from '#src/playground/slack/index.js';
import { reviewModel, SPEC } from './create-fixtures.js';

const text = (view: unknown) => JSON.stringify(view);

describe('the review view', () => {
  it('should show every value, the full name the cloud will give and the quota, with Create', () => {
    const view = createReviewView(reviewModel(), false);
    const shown = text(view);
    for (const expected of [
      'eu-de.orders.<service_id>',
      'vpc-demo-a (192.168.0.0/16)',
      'Interface',
      'Required',
      'Elastic load balancer',
      'elb-a — 192.168.1.10 (dedicated)',
      'TCP: service port 8080, terminal port 80\\nTCP: service port 8443, terminal port 443',
      '`env=prod`',
      'Orders API',
      '<@U0ALICE>',
      '<!subteam^S0TEAM>',
      '<#C0APPROVE>',
      '`abc123`',
      '3/20 endpoint services in use',
      '198.19.128.0/17',
      'Its security group allows it',
      'Port mappings cannot be changed after creation',
      "the service sees the load balancer's address, not the client's",
    ])
      expect(shown).toContain(expected);
    expect(view.submit).toMatchObject({ text: 'Create' });
    expect(checkView(view, 'modal')).toBeUndefined();
  });

  it('should refuse Create when the quota is full, saying why', () => {
    const view = createReviewView(reviewModel({ quota: { state: 'full', used: 20, quota: 20 } }), false);
    expect(text(view)).toContain('Quota full');
    expect(text(view)).toContain('20/20');
    expect(view.submit).toBeUndefined();
  });

  it('should refuse Create when the backend left the VPC', () => {
    const view = createReviewView(
      reviewModel({ backend: { state: 'gone', message: 'The chosen backend is gone' } }),
      false,
    );
    expect(text(view)).toContain('The chosen backend is gone');
    expect(view.submit).toBeUndefined();
  });

  it('should warn, never block, when the security group lacks the rule', () => {
    const view = createReviewView(reviewModel({ ingress: 'missing' }), false);
    expect(text(view)).toContain('do not seem to allow it');
    expect(text(view)).toContain('does not block the creation');
    expect(view.submit).toMatchObject({ text: 'Create' });
  });

  it('should show the checks running, and the reminder even when the cloud cannot tell', () => {
    const checking = createReviewView(
      reviewModel({ quota: { state: 'checking' }, ingress: 'checking' }),
      false,
    );
    expect(text(checking)).toContain('checking');
    expect(checking.submit).toMatchObject({ text: 'Create' });
    const unknown = createReviewView(
      reviewModel({ ingress: 'unknown', quota: { state: 'unknown', message: 'timeout' } }),
      false,
    );
    expect(text(unknown)).toContain('must allow inbound traffic from 198.19.128.0/17');
    expect(text(unknown)).toContain('could not be read (timeout)');
  });

  it('should warn about the deprecated BMS type and name the cloud full name without a name', () => {
    const view = createReviewView(
      reviewModel({ spec: { ...SPEC, backendType: 'bms', name: undefined } }),
      true,
    );
    expect(text(view)).toContain('deprecated');
    expect(text(view)).toContain('eu-de.<service_id>');
    expect(text(view)).toContain('Sandbox');
  });

  it('should fit 50 port mappings and 20 long tags within the limits', () => {
    const spec = {
      ...SPEC,
      ports: Array.from({ length: 50 }, (_, i) => ({ servicePort: 10_000 + i, terminalPort: 20_000 + i })),
      tags: Array.from({ length: 20 }, (_, i) => ({
        key: `k${i}`.padEnd(36, 'k'),
        value: `v${i}`.padEnd(43, 'v'),
      })),
      description: 'd'.repeat(128),
    };
    expect(checkView(createReviewView(reviewModel({ spec }), false), 'modal')).toBeUndefined();
  });

  it('should show every tag, owner and whitelisted account, however long, within the limits', () => {
    // 36 and 43 astral letters: 2 UTF-16 units each, 1 character for Slack.
    const astral = (n: number, from: number) =>
      Array.from({ length: n }, (_, i) => String.fromCodePoint(0x1d400 + ((from + i) % 52))).join('');
    const tags = Array.from({ length: 20 }, (_, i) => ({
      key: `${i}${astral(34, i)}`,
      value: astral(43, i + 7),
    }));
    const users = Array.from({ length: 300 }, (_, i) => `U0${String(i).padStart(9, '0')}`);
    const whitelist = Array.from({ length: 60 }, (_, i) => `${String(i).padStart(4, '0')}${'a'.repeat(28)}`);
    const view = createReviewView(
      reviewModel({
        spec: {
          ...SPEC,
          ports: Array.from({ length: 50 }, (_, i) => ({
            servicePort: 10_000 + i,
            terminalPort: 20_000 + i,
          })),
          tags,
          owners: { users, groups: ['S0TEAM'] },
          whitelist,
        },
      }),
      false,
    );
    expect(checkView(view, 'modal')).toBeUndefined();
    const shown = text(view);
    for (const tag of tags) expect(shown).toContain(`\`${tag.key}=${tag.value}\``);
    for (const user of users) expect(shown).toContain(`<@${user}>`);
    for (const account of whitelist) expect(shown).toContain(`\`${account}\``);
    // JSON.stringify writes a lone surrogate (a character cut in half) as an escape.
    expect(shown).not.toMatch(/\\ud[89ab]/i);
  });

  it('should say when the quota was counted because the quotas API did not answer', () => {
    const view = createReviewView(
      reviewModel({ quota: { state: 'full', used: 20, quota: 20, counted: 'The cloud is unavailable.' } }),
      false,
    );
    expect(text(view)).toContain('Quota full');
    expect(text(view)).toContain('counted against the default quota of 20');
    expect(view.submit).toBeUndefined();
  });
});
