import { describe, expect, it } from 'vitest';
import {
  apiPath,
  DEFAULT_ENDPOINT_TEMPLATE,
  OTC_SERVICES,
  resolveEndpoint,
  serviceBaseUrl,
  tableEndpoint,
} from '#src/cloud/otc/endpoints.js';
import { encodeQuery } from '#src/cloud/otc/http.js';
import { catalogOrigin, catalogWire } from '#src/cloud/otc/service-catalog.js';

describe('OTC_ENDPOINT_TEMPLATE', () => {
  it('sends each service to its own host by default', () => {
    expect(serviceBaseUrl(DEFAULT_ENDPOINT_TEMPLATE, 'vpcep', 'eu-de')).toBe(
      'https://vpcep.eu-de.otc.t-systems.com',
    );
    expect(serviceBaseUrl(DEFAULT_ENDPOINT_TEMPLATE, 'elb', 'eu-nl')).toBe(
      'https://elb.eu-nl.otc.t-systems.com',
    );
    expect(serviceBaseUrl(DEFAULT_ENDPOINT_TEMPLATE, 'iam', 'eu-de')).toBe(
      'https://iam.eu-de.otc.t-systems.com',
    );
  });

  it('sends every service to one host when the template has no {service}', () => {
    const template = 'http://127.0.0.1:8080/';
    expect(serviceBaseUrl(template, 'vpcep', 'eu-de')).toBe('http://127.0.0.1:8080');
    expect(serviceBaseUrl(template, 'bms', 'eu-nl')).toBe('http://127.0.0.1:8080');
  });

  it('builds paths with each segment percent-encoded', () => {
    expect(apiPath('v1', 'p1', 'vpc-endpoint-services', 'a/b c')).toBe(
      '/v1/p1/vpc-endpoint-services/a%2Fb%20c',
    );
  });

  it('encodes the query per RFC 3986, repeats array values and leaves out undefined ones', () => {
    expect(encodeQuery({ limit: 1000, offset: undefined, vpc_id: ['a', 'b'], name: "it's (x)*" })).toBe(
      '?limit=1000&vpc_id=a&vpc_id=b&name=it%27s%20%28x%29%2A',
    );
    expect(encodeQuery({ offset: undefined })).toBe('');
  });
});

// Reference §1: the catalog dump of eu-de and eu-nl (S14; BMS listed for eu-de only), and the Swiss
// Cloud: `{service}.eu-ch2.sc.otc.t-systems.com`, IAM at `iam-pub.eu-ch2.sc.otc.t-systems.com`.
const HOST_TABLE_FIXTURE = {
  'eu-de': {
    vpcep: 'https://vpcep.eu-de.otc.t-systems.com',
    vpc: 'https://vpc.eu-de.otc.t-systems.com',
    elb: 'https://elb.eu-de.otc.t-systems.com',
    ecs: 'https://ecs.eu-de.otc.t-systems.com',
    bms: 'https://bms.eu-de.otc.t-systems.com',
    iam: 'https://iam.eu-de.otc.t-systems.com',
  },
  'eu-nl': {
    vpcep: 'https://vpcep.eu-nl.otc.t-systems.com',
    vpc: 'https://vpc.eu-nl.otc.t-systems.com',
    elb: 'https://elb.eu-nl.otc.t-systems.com',
    ecs: 'https://ecs.eu-nl.otc.t-systems.com',
    bms: undefined,
    iam: 'https://iam.eu-nl.otc.t-systems.com',
  },
  'eu-ch2': {
    vpcep: 'https://vpcep.eu-ch2.sc.otc.t-systems.com',
    vpc: 'https://vpc.eu-ch2.sc.otc.t-systems.com',
    elb: 'https://elb.eu-ch2.sc.otc.t-systems.com',
    ecs: 'https://ecs.eu-ch2.sc.otc.t-systems.com',
    bms: undefined,
    iam: 'https://iam-pub.eu-ch2.sc.otc.t-systems.com',
  },
} as const;

/**
 * A project-scoped token's catalog: the IAM document's own example entry (identity, region "*"),
 * then entries in the shape of the OTC catalog dump for eu-ch2, one of them (vpcep) at a host the
 * table does not guess, and an internal interface that must not be used.
 */
const CATALOG_FIXTURE = catalogWire.parse([
  {
    type: 'identity',
    id: '1331e5cff2a74d76b03da12259...',
    name: 'iam',
    endpoints: [
      {
        url: 'https://sample.domain.com/v3',
        region: '*',
        region_id: '*',
        interface: 'public',
        id: '089d4a381d574308a703122d3a...',
      },
    ],
  },
  {
    type: 'vpcep',
    name: 'vpcep',
    endpoints: [
      {
        url: 'https://vpcep.internal.example/v1/p',
        region: 'eu-ch2',
        region_id: 'eu-ch2',
        interface: 'internal',
      },
      {
        url: 'https://vpcep-api.eu-ch2.sc.otc.t-systems.com/v1/0123456789abcdef0123456789abcdef',
        region: 'eu-ch2',
        region_id: 'eu-ch2',
        interface: 'public',
      },
    ],
  },
  {
    type: 'network',
    name: 'neutron',
    endpoints: [{ url: 'https://vpc.eu-ch2.sc.otc.t-systems.com/', region: 'eu-ch2', interface: 'public' }],
  },
  {
    type: 'elbv3',
    name: 'elbv3',
    endpoints: [
      {
        url: 'https://elb.eu-ch2.sc.otc.t-systems.com/v3/$(tenant_id)s',
        region: 'eu-ch2',
        interface: 'public',
      },
    ],
  },
  {
    type: 'ecs',
    name: 'ecs',
    endpoints: [{ url: 'https://ecs.eu-de.otc.t-systems.com/v1/p', region: 'eu-de', interface: 'public' }],
  },
  {
    type: 'bms',
    name: 'bms',
    endpoints: [{ url: 'http://bms.eu-ch2.example/v1/p', region: 'eu-ch2', interface: 'public' }],
  },
]);

describe('endpoints per region', () => {
  it('ships the host table of the known regions, eu-ch2 under sc.otc.t-systems.com with IAM at iam-pub', () => {
    for (const [region, hosts] of Object.entries(HOST_TABLE_FIXTURE)) {
      for (const service of OTC_SERVICES) {
        expect([region, service, tableEndpoint(service, region)]).toEqual([region, service, hosts[service]]);
      }
    }
  });

  it('falls back to {service}.{region}.otc.t-systems.com for a region the table does not know', () => {
    expect(tableEndpoint('vpcep', 'eu-xx')).toBe('https://vpcep.eu-xx.otc.t-systems.com');
    expect(tableEndpoint('bms', 'eu-xx')).toBe('https://bms.eu-xx.otc.t-systems.com');
  });

  it('prefers the public catalog entry of the region over the table, and the table where the catalog is silent', () => {
    const fromCatalog = (service: (typeof OTC_SERVICES)[number]) =>
      resolveEndpoint({}, service, 'eu-ch2', catalogOrigin(CATALOG_FIXTURE, service, 'eu-ch2'));
    expect(fromCatalog('vpcep')).toEqual({
      url: 'https://vpcep-api.eu-ch2.sc.otc.t-systems.com',
      source: 'catalog',
    });
    expect(fromCatalog('vpc')).toEqual({ url: 'https://vpc.eu-ch2.sc.otc.t-systems.com', source: 'catalog' });
    expect(fromCatalog('elb')).toEqual({ url: 'https://elb.eu-ch2.sc.otc.t-systems.com', source: 'catalog' });
    // The catalog's ECS is in another region; its BMS is plain http to a public host: neither is used.
    expect(fromCatalog('ecs')).toEqual({ url: 'https://ecs.eu-ch2.sc.otc.t-systems.com', source: 'table' });
    expect(fromCatalog('bms')).toBeUndefined();
    // IAM is what hands out the catalog, so it always comes from the configuration or the table.
    expect(fromCatalog('iam')).toEqual({
      url: 'https://iam-pub.eu-ch2.sc.otc.t-systems.com',
      source: 'table',
    });
  });

  it('lets OTC_ENDPOINT_<SERVICE> win over the template, the catalog and the table, with {region} filled in', () => {
    const settings = {
      template: 'https://proxy.example/{service}',
      overrides: { vpcep: 'https://vpcep.{region}.custom.example/', bms: 'https://bms.example' },
    };
    const catalog = 'https://vpcep-api.eu-ch2.sc.otc.t-systems.com';
    expect(resolveEndpoint(settings, 'vpcep', 'eu-ch2', catalog)).toEqual({
      url: 'https://vpcep.eu-ch2.custom.example',
      source: 'override',
    });
    expect(resolveEndpoint(settings, 'bms', 'eu-ch2')).toEqual({
      url: 'https://bms.example',
      source: 'override',
    });
    expect(resolveEndpoint(settings, 'vpc', 'eu-ch2', 'https://vpc.catalog.example')).toEqual({
      url: 'https://proxy.example/vpc',
      source: 'template',
    });
    expect(resolveEndpoint({ overrides: { vpcep: 'https://only-vpcep.example' } }, 'elb', 'eu-ch2')).toEqual({
      url: 'https://elb.eu-ch2.sc.otc.t-systems.com',
      source: 'table',
    });
  });

  it('lets a set OTC_ENDPOINT_TEMPLATE win over the table and the catalog, with or without {service}', () => {
    expect(
      resolveEndpoint({ template: 'http://127.0.0.1:4010' }, 'bms', 'eu-nl', 'https://x.example'),
    ).toEqual({
      url: 'http://127.0.0.1:4010',
      source: 'template',
    });
    expect(resolveEndpoint({ template: DEFAULT_ENDPOINT_TEMPLATE }, 'vpcep', 'eu-ch2')?.url).toBe(
      'https://vpcep.eu-ch2.otc.t-systems.com',
    );
  });

  it('says a service is not offered where the table leaves it out of a known region (BMS outside eu-de)', () => {
    expect(resolveEndpoint({}, 'bms', 'eu-nl')).toBeUndefined();
    expect(resolveEndpoint({}, 'bms', 'eu-ch2')).toBeUndefined();
    expect(resolveEndpoint({}, 'bms', 'eu-de')?.url).toBe('https://bms.eu-de.otc.t-systems.com');
  });
});
