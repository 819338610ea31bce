import { describe, expect, it } from 'vitest';
import type { Vpc } from '#src/cloud/types.js';
import { vpcChoices } from '#src/features/create/flow/resource-catalog.js';

const vpc = (id: string, name: string, enterpriseProjectId?: string): Vpc => ({
  id,
  name,
  cidr: '192.168.0.0/16',
  status: 'OK',
  ...(enterpriseProjectId === undefined ? {} : { enterpriseProjectId }),
});

describe('VPC options of the create form', () => {
  it('names no enterprise project for VPCs of distinct names in the default one', () => {
    expect(vpcChoices([vpc('v2', 'vpc', '0'), vpc('v1', 'default', '0'), vpc('v3', 'legacy')])).toEqual([
      { value: 'v1', label: 'default (192.168.0.0/16)' },
      { value: 'v3', label: 'legacy (192.168.0.0/16)' },
      { value: 'v2', label: 'vpc (192.168.0.0/16)' },
    ]);
  });

  it('names the enterprise project of VPCs that share a name, and of any VPC outside the default one', () => {
    const labels = vpcChoices([
      vpc('v1', 'vpc', '0'),
      vpc('v2', 'vpc', '9dd1131d-71fd-40fe-8f14-3fe6b6b5ef8b'),
      vpc('v3', 'prod', '5f0e3f5c-1111-4222-8333-444455556666'),
    ]).map((c) => c.label);
    expect(labels).toEqual([
      'prod (192.168.0.0/16) · EP 5f0e3f5c',
      'vpc (192.168.0.0/16) · EP default',
      'vpc (192.168.0.0/16) · EP 9dd1131d',
    ]);
  });
});
