import { describe, expect, it } from 'vitest';
import { apiPath, DEFAULT_ENDPOINT_TEMPLATE, serviceBaseUrl } from '#src/cloud/otc/endpoints.js';
import { encodeQuery } from '#src/cloud/otc/http.js';

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
