/**
 * Validation of create and update bodies with the documented error codes (reference §2.1, §3.2):
 * name `EndPoint.1003`, ports `2028`/`3004`/`3043`/`3074`/`3075`, `server_type` `3021`, tags
 * `3066`–`3073`, and `EndPoint.0002` for any other malformed field.
 */
import { z } from 'zod';
import { vpcepError } from './sandbox-wire.js';

export interface ValidPorts {
  readonly ports: { clientPort: number; serverPort: number; protocol: string }[];
}

export interface ValidCreate extends ValidPorts {
  readonly portId: string;
  readonly vpcId: string;
  readonly serverType: 'LB' | 'VM' | 'VIP' | 'BMS';
  readonly serviceType: string;
  readonly approvalEnabled: boolean;
  readonly name: string | undefined;
  readonly description: string | undefined;
  readonly tcpProxy: string;
  readonly tags: { key: string; value: string }[];
}

export type ValidUpdate = Partial<
  Pick<ValidCreate, 'approvalEnabled' | 'name' | 'description' | 'tcpProxy' | 'portId' | 'ports'>
>;

const TCP_PROXY = ['close', 'toa_open', 'proxy_open', 'open', 'proxy_vni'];
// Letters are Unicode letters (the console says "Unicode characters"); lengths count characters, not UTF-16 units.
const TAG_CHARS = /^[\p{L}\p{Nd}_@-]*$/u;
const chars = (text: string) => [...text].length;

function fail(code: string, message: string): never {
  throw vpcepError(400, code, message);
}

function isPort(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}

const objectBody = z.record(z.string(), z.unknown());

/** The body as a JSON object, or `EndPoint.0002`. */
export function asObject(body: unknown): Record<string, unknown> {
  const parsed = objectBody.safeParse(body);
  if (!parsed.success || Array.isArray(body)) fail('EndPoint.0002', 'The request body is not a JSON object.');
  return parsed.data;
}

function validatePorts(value: unknown): ValidPorts['ports'] {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) {
    fail('EndPoint.2028', 'The port or protocol is empty.');
  }
  if (!Array.isArray(value)) fail('EndPoint.0002', 'ports must be an array.');
  if (value.length > 200) fail('EndPoint.3074', 'The maximum number of port mappings has been reached.');
  const seenClient = new Set<number>();
  const seenServer = new Set<string>();
  return value.map((item) => {
    const mapping = asObject(item);
    const protocol = mapping.protocol === undefined ? 'TCP' : mapping.protocol;
    if (protocol !== 'TCP') fail('EndPoint.3075', 'Invalid protocol.');
    if (!isPort(mapping.client_port)) fail('EndPoint.3004', 'Invalid port.');
    if (!isPort(mapping.server_port)) fail('EndPoint.3043', 'Invalid service port.');
    const serverKey = `${protocol}:${mapping.server_port}`;
    if (seenClient.has(mapping.client_port) || seenServer.has(serverKey)) {
      fail('EndPoint.0002', 'Duplicate port mappings.');
    }
    seenClient.add(mapping.client_port);
    seenServer.add(serverKey);
    return { clientPort: mapping.client_port, serverPort: mapping.server_port, protocol };
  });
}

function validateTags(value: unknown): ValidCreate['tags'] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail('EndPoint.0002', 'tags must be an array.');
  if (value.length > 20) fail('EndPoint.3069', 'The maximum number of tags has been reached.');
  const keys = new Set<string>();
  return value.map((item) => {
    const tag = asObject(item);
    const key = tag.key;
    const tagValue = tag.value ?? '';
    if (typeof key !== 'string' || key.trim() === '') fail('EndPoint.3066', 'The tag is empty.');
    if (typeof tagValue !== 'string') fail('EndPoint.3068', 'The tag value does not meet the rules.');
    if (chars(key) > 36) fail('EndPoint.3072', 'The tag key is too long.');
    if (chars(tagValue) > 43) fail('EndPoint.3073', 'The tag value is too long.');
    if (!TAG_CHARS.test(key) || !TAG_CHARS.test(tagValue)) {
      fail('EndPoint.3068', 'The tag key or value does not meet the rules.');
    }
    if (keys.has(key)) fail('EndPoint.3067', 'Duplicate tag key.');
    keys.add(key);
    return { key, value: tagValue };
  });
}

function validateName(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]{1,16}$/.test(value)) {
    fail('EndPoint.1003', 'Invalid endpoint service name.');
  }
  return value;
}

function validateDescription(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || chars(value) > 128 || /[<>]/.test(value)) {
    fail('EndPoint.0002', 'Invalid description.');
  }
  return value;
}

function validateTcpProxy(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !TCP_PROXY.includes(value)) fail('EndPoint.0002', 'Invalid tcp_proxy.');
  return value;
}

function validateApproval(value: unknown): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') fail('EndPoint.0002', 'Invalid approval_enabled.');
  return value;
}

function validatePortId(value: unknown): string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9-]{1,64}$/.test(value))
    fail('EndPoint.3003', 'Invalid port ID.');
  return value;
}

export function validateCreate(body: unknown): ValidCreate {
  const b = asObject(body);
  if (b.vpc_id === undefined || b.vpc_id === '') fail('EndPoint.2011', 'The VPC ID is empty.');
  if (typeof b.vpc_id !== 'string') fail('EndPoint.0020', 'Invalid VPC ID.');
  const portId = validatePortId(b.port_id);
  const serverType = b.server_type;
  if (serverType !== 'LB' && serverType !== 'VM' && serverType !== 'VIP' && serverType !== 'BMS') {
    fail('EndPoint.3021', 'Invalid server_type.');
  }
  if (b.service_type !== undefined && b.service_type !== 'interface') {
    fail('EndPoint.0002', 'Only interface endpoint services can be created.');
  }
  return {
    portId,
    vpcId: b.vpc_id,
    serverType,
    serviceType: 'interface',
    ports: validatePorts(b.ports),
    approvalEnabled: validateApproval(b.approval_enabled) ?? true,
    name: validateName(b.service_name),
    description: validateDescription(b.description),
    tcpProxy: validateTcpProxy(b.tcp_proxy) ?? 'close',
    tags: validateTags(b.tags),
  };
}

export function validateUpdate(body: unknown): ValidUpdate {
  const b = asObject(body);
  const update: {
    -readonly [K in keyof ValidUpdate]: ValidUpdate[K];
  } = {};
  if (b.approval_enabled !== undefined) update.approvalEnabled = validateApproval(b.approval_enabled);
  if (b.service_name !== undefined) update.name = validateName(b.service_name);
  if (b.description !== undefined) update.description = validateDescription(b.description);
  if (b.tcp_proxy !== undefined) update.tcpProxy = validateTcpProxy(b.tcp_proxy);
  if (b.port_id !== undefined) update.portId = validatePortId(b.port_id);
  if (b.ports !== undefined) update.ports = validatePorts(b.ports);
  return update;
}
