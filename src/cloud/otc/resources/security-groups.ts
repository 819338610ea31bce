/**
 * Best-effort check that a backend admits the VPCEP range 198.19.128.0/17 (reference §4.1): Neutron
 * `GET /v2.0/ports/{id}` names the port's security groups, `GET /v2.0/security-groups/{id}` their
 * rules. Any failure, or a port without groups (a load balancer VIP), answers `unknown`: the check
 * warns, it never blocks.
 */
import type { Logger } from '../../../platform/logging/logger.js';
import type { IngressCheck } from '../../types.js';
import { apiPath } from '../endpoints.js';
import type { OtcTransport } from '../http.js';
import { neutronPortWire, type SecurityGroupRule, securityGroupWire } from '../wire/resources-wire.js';

const VPCEP_RANGE = { address: '198.19.128.0', prefix: 17 };
const CHECK_TIMEOUT_MS = 5000;

function ipv4ToInt(address: string): number | undefined {
  const parts = address.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return parts.reduce((acc, p) => acc * 256 + p, 0);
}

/** True when the CIDR `prefix` contains the whole VPCEP range; a missing prefix means "any source". */
export function coversVpcepRange(prefix: string | null | undefined): boolean {
  if (!prefix) return true;
  const [address = '', bitsText] = prefix.split('/');
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  const net = ipv4ToInt(address);
  const range = ipv4ToInt(VPCEP_RANGE.address) ?? 0;
  if (net === undefined || !Number.isInteger(bits) || bits < 0 || bits > VPCEP_RANGE.prefix) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(net / size) === Math.floor(range / size);
}

/** True when `rule` admits TCP from the whole VPCEP range to every port in `ports` (any port if empty). */
export function ruleAdmitsVpcep(rule: SecurityGroupRule, ports: readonly number[]): boolean {
  if (rule.direction !== 'ingress') return false;
  if (rule.ethertype && rule.ethertype.toLowerCase() !== 'ipv4') return false;
  if (rule.protocol && !['tcp', 'any', '6'].includes(rule.protocol.toLowerCase())) return false;
  if (rule.remote_group_id) return false;
  if (!coversVpcepRange(rule.remote_ip_prefix)) return false;
  const min = rule.port_range_min ?? 1;
  const max = rule.port_range_max ?? 65535;
  return ports.every((p) => p >= min && p <= max);
}

/**
 * True when the rules together admit the VPCEP range: with no ports asked about, any admitting rule;
 * otherwise each port admitted by some rule (one rule for 80 and another for 443 is enough).
 */
export function rulesAdmitVpcep(rules: readonly SecurityGroupRule[], ports: readonly number[]): boolean {
  if (ports.length === 0) return rules.some((rule) => ruleAdmitsVpcep(rule, []));
  return ports.every((port) => rules.some((rule) => ruleAdmitsVpcep(rule, [port])));
}

/** `allowed`, `missing` or `unknown` for the backend port `portId` and its server ports. */
export async function checkSecurityGroupIngress(
  http: OtcTransport,
  logger: Logger,
  portId: string,
  serverPorts: readonly number[] = [],
): Promise<IngressCheck> {
  const read = { service: 'vpc', method: 'GET', retry: 'never', timeoutMs: CHECK_TIMEOUT_MS } as const;
  try {
    const { port } = await http.request(
      { ...read, path: apiPath('v2.0', 'ports', portId), operation: 'read the backend port' },
      neutronPortWire,
    );
    if (port.port_security_enabled === false) return 'allowed';
    if (port.security_groups.length === 0) return 'unknown';
    const groups = await Promise.all(
      port.security_groups.map((id) =>
        http.request(
          { ...read, path: apiPath('v2.0', 'security-groups', id), operation: 'read a security group' },
          securityGroupWire,
        ),
      ),
    );
    const rules = groups.flatMap((g) => g.security_group.security_group_rules);
    return rulesAdmitVpcep(rules, serverPorts) ? 'allowed' : 'missing';
  } catch (error) {
    logger.debug({ err: error, portId }, 'security-group check unanswered; reporting unknown');
    return 'unknown';
  }
}
