/**
 * zod schemas of the drop-down APIs (reference §4): VPC v1, ELB v3 and v2.0, ECS and BMS with their
 * NICs, and the Neutron port and security group used by the ingress check.
 */
import { z } from 'zod';
import type { LoadBalancer, Vpc } from '../../types.js';
import { lenientArray, optionalText, wholeNumber } from './common-wire.js';

export const vpcListWire = z.object({
  vpcs: lenientArray(
    z
      .object({
        id: z.string(),
        name: z.string().nullish(),
        cidr: optionalText,
        status: optionalText,
        enterprise_project_id: optionalText,
      })
      .transform(
        (v): Vpc => ({
          id: v.id,
          name: v.name ?? v.id,
          cidr: v.cidr,
          status: v.status,
          enterpriseProjectId: v.enterprise_project_id,
        }),
      ),
  ),
});

/** VPC v1 subnets (reference §4.2): `id` is the Neutron network, `neutron_subnet_id` the subnet. */
export const subnetListWire = z.object({
  subnets: lenientArray(
    z.object({ id: z.string(), vpc_id: optionalText, neutron_subnet_id: optionalText, cidr: optionalText }),
  ),
});

const loadBalancerFields = {
  id: z.string(),
  name: z.string().nullish(),
  vip_port_id: z.string().nullish(),
  vip_address: optionalText,
  vpc_id: optionalText,
  provisioning_status: optionalText,
};

function toLoadBalancer(family: LoadBalancer['family']) {
  return (lb: {
    id: string;
    name?: string | null | undefined;
    vip_port_id?: string | null | undefined;
    vip_address: string | undefined;
    vpc_id: string | undefined;
    provisioning_status: string | undefined;
  }): LoadBalancer => ({
    id: lb.id,
    name: lb.name || lb.id,
    family,
    vipPortId: lb.vip_port_id ?? '',
    vipAddress: lb.vip_address,
    vpcId: lb.vpc_id,
    provisioningStatus: lb.provisioning_status,
  });
}

/** Dedicated ELB (v3): marker paging through `page_info.next_marker`. */
export const elbV3ListWire = z.object({
  loadbalancers: lenientArray(z.object(loadBalancerFields).transform(toLoadBalancer('dedicated'))),
  page_info: z.object({ next_marker: optionalText }).nullish(),
});

/**
 * Shared ELB (LBaaS v2.0): marker paging through `loadbalancers_links` (rel `next`). Its objects carry
 * no `vpc_id`, so each keeps its `vip_subnet_id` (a Neutron subnet ID) for filtering by VPC.
 */
export const elbV2ListWire = z.object({
  loadbalancers: lenientArray(
    z.object({ ...loadBalancerFields, vip_subnet_id: optionalText }).transform((lb) => ({
      loadBalancer: toLoadBalancer('shared')(lb),
      vipSubnetId: lb.vip_subnet_id,
    })),
  ),
  loadbalancers_links: lenientArray(z.object({ href: z.string(), rel: z.string() })),
});

/** ECS or BMS `…/detail`: page-number `offset`, `count` is the total. */
export const serverListWire = z.object({
  count: wholeNumber.nullish(),
  servers: lenientArray(
    z.object({
      id: z.string(),
      name: z.string().nullish(),
      status: optionalText,
      metadata: z.object({ vpc_id: optionalText }).loose().nullish(),
      addresses: z
        .record(
          z.string(),
          lenientArray(
            z.object({
              addr: optionalText,
              'OS-EXT-IPS:type': optionalText,
              'OS-EXT-IPS:port_id': optionalText,
            }),
          ),
        )
        .nullish(),
    }),
  ),
});

export const interfaceListWire = z.object({
  interfaceAttachments: lenientArray(
    z.object({
      port_id: z.string(),
      fixed_ips: lenientArray(z.object({ ip_address: optionalText, subnet_id: optionalText })),
    }),
  ),
});

export const neutronPortWire = z.object({
  port: z.object({
    id: z.string(),
    security_groups: lenientArray(z.string()),
    port_security_enabled: z.boolean().nullish(),
  }),
});

export const securityGroupRuleWire = z.object({
  direction: z.string(),
  ethertype: z.string().nullish(),
  protocol: z.string().nullish(),
  port_range_min: z.number().int().nullish(),
  port_range_max: z.number().int().nullish(),
  remote_ip_prefix: z.string().nullish(),
  remote_group_id: z.string().nullish(),
});

export type SecurityGroupRule = z.output<typeof securityGroupRuleWire>;

export const securityGroupWire = z.object({
  security_group: z.object({ id: z.string(), security_group_rules: lenientArray(securityGroupRuleWire) }),
});
