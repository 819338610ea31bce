import { describe, expect, it } from 'vitest';
import {
  coversVpcepRange,
  ruleAdmitsVpcep,
  rulesAdmitVpcep,
} from '#src/cloud/otc/resources/security-groups.js';

const rule = (overrides: Record<string, unknown> = {}) => ({
  direction: 'ingress',
  ethertype: 'IPv4',
  protocol: 'tcp',
  port_range_min: null,
  port_range_max: null,
  remote_ip_prefix: '198.19.128.0/17',
  remote_group_id: null,
  ...overrides,
});

describe('does a security-group rule admit the VPCEP range 198.19.128.0/17?', () => {
  it.each([
    ['198.19.128.0/17', true],
    ['198.19.0.0/16', true],
    ['0.0.0.0/0', true],
    [null, true],
    ['198.19.128.0/18', false],
    ['198.19.200.0/24', false],
    ['10.0.0.0/8', false],
    ['::/0', false],
  ])('source %s covers it: %s', (prefix, covered) => {
    expect(coversVpcepRange(prefix)).toBe(covered);
  });

  it('needs an inbound IPv4 rule for TCP (or any protocol) from an address range', () => {
    expect(ruleAdmitsVpcep(rule(), [])).toBe(true);
    expect(ruleAdmitsVpcep(rule({ protocol: null }), [])).toBe(true);
    expect(ruleAdmitsVpcep(rule({ direction: 'egress' }), [])).toBe(false);
    expect(ruleAdmitsVpcep(rule({ protocol: 'udp' }), [])).toBe(false);
    expect(ruleAdmitsVpcep(rule({ ethertype: 'IPv6' }), [])).toBe(false);
    expect(ruleAdmitsVpcep(rule({ remote_ip_prefix: null, remote_group_id: 'sg-1' }), [])).toBe(false);
  });

  it('covers every server port asked about', () => {
    const ranged = rule({ port_range_min: 8000, port_range_max: 8100 });
    expect(ruleAdmitsVpcep(ranged, [8080])).toBe(true);
    expect(ruleAdmitsVpcep(ranged, [8080, 9000])).toBe(false);
  });

  it('counts ports admitted by separate rules: each port needs some rule, not one rule for all', () => {
    const http = rule({ port_range_min: 80, port_range_max: 80 });
    const https = rule({ port_range_min: 443, port_range_max: 443 });
    expect(rulesAdmitVpcep([http, https], [80, 443])).toBe(true);
    expect(rulesAdmitVpcep([http, https], [80, 443, 8080])).toBe(false);
    expect(rulesAdmitVpcep([http], [443])).toBe(false);
  });

  it('with no ports asked about, any admitting rule is enough', () => {
    expect(
      rulesAdmitVpcep([rule({ direction: 'egress' }), rule({ port_range_min: 22, port_range_max: 22 })], []),
    ).toBe(true);
    expect(rulesAdmitVpcep([rule({ direction: 'egress' })], [])).toBe(false);
    expect(rulesAdmitVpcep([], [])).toBe(false);
  });
});
